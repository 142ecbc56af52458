package org.tusk.sql.net;

import static org.tusk.sql.types.SqlType.BOOL;
import static org.tusk.sql.types.SqlType.CIDR;
import static org.tusk.sql.types.SqlType.INET;
import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.INT8;
import static org.tusk.sql.types.SqlType.MACADDR;
import static org.tusk.sql.types.SqlType.MACADDR8;
import static org.tusk.sql.types.SqlType.TEXT;

import java.math.BigInteger;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.Routine;
import org.tusk.sql.types.SqlType;

/**
 * The functions and operators of inet, cidr, macaddr and macaddr8 ("Network Address Functions and
 * Operators"), with network.c's messages. Functions on inet take cidr too, through the implicit cast.
 */
public final class NetworkFunctions {
    /** Where an operator or function is registered. */
    @FunctionalInterface
    public interface Sink {
        void add(String name, List<SqlType> args, SqlType result, Routine.Body body);
    }

    private NetworkFunctions() {
    }

    private static Inet in(Object o) {
        return (Inet) o;
    }

    private static MacAddr mac(Object o) {
        return (MacAddr) o;
    }

    public static void registerFunctions(Sink f) {
        f.add("abbrev", List.of(INET), TEXT, (a, c) -> InetText.format(in(a[0])));
        f.add("abbrev", List.of(CIDR), TEXT, (a, c) -> InetText.abbrevCidr(in(a[0])));
        f.add("broadcast", List.of(INET), INET, (a, c) -> broadcast(in(a[0])));
        f.add("family", List.of(INET), INT4, (a, c) -> in(a[0]).family());
        f.add("host", List.of(INET), TEXT, (a, c) -> InetText.address(in(a[0])));
        f.add("hostmask", List.of(INET), INET, (a, c) -> mask(in(a[0]), true));
        f.add("netmask", List.of(INET), INET, (a, c) -> mask(in(a[0]), false));
        f.add("masklen", List.of(INET), INT4, (a, c) -> in(a[0]).bits());
        f.add("network", List.of(INET), CIDR, (a, c) -> in(a[0]).withCidr(true));
        f.add("set_masklen", List.of(INET, INT4), INET, (a, c) -> setMasklen(in(a[0]), (Integer) a[1], false));
        f.add("set_masklen", List.of(CIDR, INT4), CIDR, (a, c) -> setMasklen(in(a[0]), (Integer) a[1], true));
        f.add("text", List.of(INET), TEXT, (a, c) -> NetworkTypes.convert(a[0], INET, TEXT));
        f.add("cidr", List.of(INET), CIDR, (a, c) -> in(a[0]).withCidr(true));
        f.add("inet_same_family", List.of(INET, INET), BOOL, (a, c) -> in(a[0]).family() == in(a[1]).family());
        f.add("inet_merge", List.of(INET, INET), CIDR, (a, c) -> merge(in(a[0]), in(a[1])));
        f.add("trunc", List.of(MACADDR), MACADDR, (a, c) -> mac(a[0]).trunc());
        f.add("trunc", List.of(MACADDR8), MACADDR8, (a, c) -> mac(a[0]).trunc());
        f.add("macaddr8_set7bit", List.of(MACADDR8), MACADDR8, (a, c) -> mac(a[0]).set7bit());
        f.add("macaddr", List.of(MACADDR8), MACADDR, (a, c) -> mac(a[0]).toMacaddr());
        f.add("macaddr8", List.of(MACADDR), MACADDR8, (a, c) -> mac(a[0]).toMacaddr8());
    }

    /** The binary operators; {@code prefix} receives ~. Comparisons are registered with the other types'. */
    public static void registerOperators(Sink binary, Sink prefix) {
        binary.add("<<", List.of(INET, INET), BOOL, (a, c) -> within(in(a[0]), in(a[1]), false));
        binary.add("<<=", List.of(INET, INET), BOOL, (a, c) -> within(in(a[0]), in(a[1]), true));
        binary.add(">>", List.of(INET, INET), BOOL, (a, c) -> within(in(a[1]), in(a[0]), false));
        binary.add(">>=", List.of(INET, INET), BOOL, (a, c) -> within(in(a[1]), in(a[0]), true));
        binary.add("&&", List.of(INET, INET), BOOL, (a, c) -> in(a[0]).family() == in(a[1]).family()
                && Inet.compareBits(in(a[0]).raw(), in(a[1]).raw(), Math.min(in(a[0]).bits(), in(a[1]).bits())) == 0);
        prefix.add("~", List.of(INET), INET, (a, c) -> bitwise(in(a[0]), in(a[0]), '~'));
        binary.add("&", List.of(INET, INET), INET, (a, c) -> bitwise(in(a[0]), in(a[1]), '&'));
        binary.add("|", List.of(INET, INET), INET, (a, c) -> bitwise(in(a[0]), in(a[1]), '|'));
        binary.add("+", List.of(INET, INT8), INET, (a, c) -> plus(in(a[0]), (Long) a[1]));
        binary.add("+", List.of(INT8, INET), INET, (a, c) -> plus(in(a[1]), (Long) a[0]));
        binary.add("-", List.of(INET, INT8), INET, (a, c) -> minus(in(a[0]), (Long) a[1]));
        binary.add("-", List.of(INET, INET), INT8, (a, c) -> difference(in(a[0]), in(a[1])));
        for (SqlType t : new SqlType[] {MACADDR, MACADDR8}) {
            prefix.add("~", List.of(t), t, (a, c) -> mac(a[0]).not());
            binary.add("&", List.of(t, t), t, (a, c) -> mac(a[0]).and(mac(a[1])));
            binary.add("|", List.of(t, t), t, (a, c) -> mac(a[0]).or(mac(a[1])));
        }
    }

    /** network_sub / network_subeq: a inside b (or equal to it). */
    private static boolean within(Inet a, Inet b, boolean orEqual) {
        return a.family() == b.family() && (orEqual ? a.bits() >= b.bits() : a.bits() > b.bits())
                && Inet.compareBits(a.raw(), b.raw(), b.bits()) == 0;
    }

    private static Inet broadcast(Inet v) {
        byte[] a = v.address();
        for (int i = 0; i < a.length; i++) {
            int keep = Math.clamp(v.bits() - i * 8L, 0, 8);
            a[i] |= (byte) (0xff >> keep);
        }
        return new Inet(v.family(), a, v.bits(), false);
    }

    /** netmask and hostmask: the mask's bits as an address with a full-length mask. */
    private static Inet mask(Inet v, boolean host) {
        byte[] a = new byte[v.maxBits() / 8];
        for (int i = 0; i < a.length; i++) {
            int keep = Math.clamp(v.bits() - i * 8L, 0, 8);
            a[i] = (byte) (host ? 0xff >> keep : 0xff00 >> keep);
        }
        return new Inet(v.family(), a, v.maxBits(), false);
    }

    private static Inet setMasklen(Inet v, int bits, boolean asCidr) {
        int n = bits == -1 ? v.maxBits() : bits;
        if (n < 0 || n > v.maxBits()) {
            throw new SqlException("22023", "invalid mask length: " + bits);
        }
        return v.withBits(n, asCidr);
    }

    /** inet_merge: the smallest network holding both. */
    private static Inet merge(Inet a, Inet b) {
        if (a.family() != b.family()) {
            throw new SqlException("22023", "cannot merge addresses from different families");
        }
        int n = Math.min(a.bits(), b.bits());
        while (n > 0 && Inet.compareBits(a.raw(), b.raw(), n) != 0) {
            n--;
        }
        return a.withBits(n, true);
    }

    private static Inet bitwise(Inet a, Inet b, char op) {
        if (a.family() != b.family()) {
            throw new SqlException("22023", "cannot " + (op == '&' ? "AND" : "OR") + " inet values of different sizes");
        }
        byte[] x = a.address();
        byte[] y = b.raw();
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) (op == '~' ? ~x[i] : op == '&' ? x[i] & y[i] : x[i] | y[i]);
        }
        return new Inet(a.family(), x, Math.max(a.bits(), b.bits()), false);
    }

    private static BigInteger number(Inet v) {
        return new BigInteger(1, v.raw());
    }

    private static Inet plus(Inet v, long addend) {
        BigInteger r = number(v).add(BigInteger.valueOf(addend));
        if (r.signum() < 0 || r.bitLength() > v.maxBits()) {
            throw new SqlException("22003", "result is out of range");
        }
        byte[] raw = r.toByteArray();
        byte[] a = new byte[v.maxBits() / 8];
        int n = Math.min(raw.length, a.length);
        System.arraycopy(raw, raw.length - n, a, a.length - n, n);
        return new Inet(v.family(), a, v.bits(), false);
    }

    private static Inet minus(Inet v, long subtrahend) {
        if (subtrahend == Long.MIN_VALUE) {
            return plus(plus(v, Long.MAX_VALUE), 1);
        }
        return plus(v, -subtrahend);
    }

    private static long difference(Inet a, Inet b) {
        if (a.family() != b.family()) {
            throw new SqlException("22023", "cannot subtract inet values of different sizes");
        }
        BigInteger d = number(a).subtract(number(b));
        if (d.bitLength() > 63) {
            throw new SqlException("22003", "result is out of range");
        }
        return d.longValue();
    }
}

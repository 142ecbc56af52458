package org.tusk.sql.bits;

import static org.tusk.sql.types.SqlType.BIT;
import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.INT8;
import static org.tusk.sql.types.SqlType.VARBIT;

import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.Routine;
import org.tusk.sql.types.SqlType;

/**
 * The functions and operators of bit strings ("Bit String Functions and Operators"), with varbit.c's messages.
 * Like PostgreSQL's they are declared on bit (varbit converts implicitly) except || on varbit.
 */
public final class BitFunctions {
    /** Where an operator or function is registered. */
    @FunctionalInterface
    public interface Sink {
        void add(String name, List<SqlType> args, SqlType result, Routine.Body body);
    }

    private BitFunctions() {
    }

    private static BitString b(Object o) {
        return (BitString) o;
    }

    public static void registerFunctions(Sink f) {
        f.add("length", List.of(BIT), INT4, (a, c) -> b(a[0]).length());
        f.add("bit_length", List.of(BIT), INT4, (a, c) -> b(a[0]).length());
        f.add("octet_length", List.of(BIT), INT4, (a, c) -> (b(a[0]).length() + 7) / 8);
        f.add("position", List.of(BIT, BIT), INT4, (a, c) -> position(b(a[0]), b(a[1])));
        f.add("substring", List.of(BIT, INT4, INT4), BIT, (a, c) -> substring(b(a[0]), (Integer) a[1],
                (Integer) a[2]));
        f.add("substring", List.of(BIT, INT4), BIT, (a, c) -> substring(b(a[0]), (Integer) a[1], null));
        f.add("overlay", List.of(BIT, BIT, INT4, INT4), BIT, (a, c) -> overlay(b(a[0]), b(a[1]), (Integer) a[2],
                (Integer) a[3]));
        f.add("overlay", List.of(BIT, BIT, INT4), BIT, (a, c) -> overlay(b(a[0]), b(a[1]), (Integer) a[2],
                b(a[1]).length()));
        f.add("get_bit", List.of(BIT, INT4), INT4, (a, c) -> b(a[0]).get(index(b(a[0]), (Integer) a[1])) ? 1 : 0);
        f.add("set_bit", List.of(BIT, INT4, INT4), BIT, (a, c) -> setBit(b(a[0]), (Integer) a[1], (Integer) a[2]));
        f.add("bit_count", List.of(BIT), INT8, (a, c) -> {
            long n = 0;
            for (byte x : b(a[0]).bytes()) {
                n += Integer.bitCount(x & 0xff);
            }
            return n;
        });
    }

    /** The binary operators; {@code prefix} receives ~. Comparisons are registered with the other types'. */
    public static void registerOperators(Sink binary, Sink prefix) {
        binary.add("&", List.of(BIT, BIT), BIT, (a, c) -> bitwise(b(a[0]), b(a[1]), '&'));
        binary.add("|", List.of(BIT, BIT), BIT, (a, c) -> bitwise(b(a[0]), b(a[1]), '|'));
        binary.add("#", List.of(BIT, BIT), BIT, (a, c) -> bitwise(b(a[0]), b(a[1]), '#'));
        prefix.add("~", List.of(BIT), BIT, (a, c) -> bitwise(b(a[0]), b(a[0]), '~'));
        binary.add("<<", List.of(BIT, INT4), BIT, (a, c) -> shift(b(a[0]), (Integer) a[1]));
        binary.add(">>", List.of(BIT, INT4), BIT, (a, c) -> shift(b(a[0]), -(long) (Integer) a[1]));
        binary.add("||", List.of(VARBIT, VARBIT), VARBIT, (a, c) -> concat(b(a[0]), b(a[1])));
    }

    private static BitString bitwise(BitString x, BitString y, char op) {
        if (x.length() != y.length()) {
            String name = op == '&' ? "AND" : op == '|' ? "OR" : "XOR";
            throw new SqlException("22026", "cannot " + name + " bit strings of different sizes");
        }
        byte[] p = x.bytes();
        byte[] q = y.bytes();
        byte[] out = new byte[p.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) switch (op) {
                case '&' -> p[i] & q[i];
                case '|' -> p[i] | q[i];
                case '#' -> p[i] ^ q[i];
                default -> ~p[i];
            };
        }
        return new BitString(x.length(), out).resized(x.length()); // clears ~'s padding bits
    }

    /** A left shift by {@code n} (right for negative n) within the string's length, zeros shifted in. */
    private static BitString shift(BitString x, long n) {
        int len = x.length();
        byte[] out = new byte[x.bytes().length];
        for (int i = 0; i < len; i++) {
            long from = i + n;
            if (from >= 0 && from < len && x.get((int) from)) {
                BitString.set(out, i, true);
            }
        }
        return new BitString(len, out);
    }

    static BitString concat(BitString x, BitString y) {
        byte[] out = new byte[(x.length() + y.length() + 7) / 8];
        System.arraycopy(x.bytes(), 0, out, 0, x.bytes().length);
        for (int i = 0; i < y.length(); i++) {
            if (y.get(i)) {
                BitString.set(out, x.length() + i, true);
            }
        }
        return new BitString(x.length() + y.length(), out);
    }

    /** bitsubstring: 1-based start; no length (null) means to the end, a negative one is an error. */
    private static BitString substring(BitString x, int start, Integer count) {
        int len = x.length();
        long end;
        if (count == null) {
            end = len + 1L;
        } else {
            if (count < 0) {
                throw new SqlException("22011", "negative substring length not allowed");
            }
            end = (long) start + count;
        }
        long s1 = Math.max(start, 1);
        long e1 = Math.min(end, len + 1L);
        if (s1 > len || e1 <= s1) {
            return BitString.zeros(0);
        }
        int n = (int) (e1 - s1);
        byte[] out = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            if (x.get((int) s1 - 1 + i)) {
                BitString.set(out, i, true);
            }
        }
        return new BitString(n, out);
    }

    private static BitString overlay(BitString x, BitString placing, int from, int count) {
        if (from <= 0) {
            throw new SqlException("22011", "negative substring length not allowed");
        }
        if (count < 0) {
            throw new SqlException("22011", "negative substring length not allowed");
        }
        BitString head = substring(x, 1, from - 1);
        BitString tail = substring(x, from + count, null);
        return concat(concat(head, placing), tail);
    }

    /** bitposition: the 1-based start of the first occurrence, 0 if none (an empty pattern is at 1). */
    private static int position(BitString haystack, BitString needle) {
        if (needle.length() == 0) {
            return 1;
        }
        outer:
        for (int i = 0; i + needle.length() <= haystack.length(); i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (haystack.get(i + j) != needle.get(j)) {
                    continue outer;
                }
            }
            return i + 1;
        }
        return 0;
    }

    private static int index(BitString x, int n) {
        if (n < 0 || n >= x.length()) {
            throw new SqlException("2202E", "bit index " + n + " out of valid range (0.." + (x.length() - 1) + ")");
        }
        return n;
    }

    private static BitString setBit(BitString x, int n, int value) {
        index(x, n);
        if (value != 0 && value != 1) {
            throw new SqlException("22023", "new bit must be 0 or 1");
        }
        byte[] out = x.bytes().clone();
        BitString.set(out, n, value == 1);
        return new BitString(x.length(), out);
    }
}

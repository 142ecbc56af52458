package org.tusk.sql.net;

import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;

/**
 * What the generic type machinery asks of the network types: input, output, casts (pg_cast's rows for them)
 * and the bytes they are stored as.
 */
public final class NetworkTypes {
    private NetworkTypes() {
    }

    public static boolean isNetwork(SqlType t) {
        return t == SqlType.INET || t == SqlType.CIDR || t == SqlType.MACADDR || t == SqlType.MACADDR8;
    }

    public static Object input(SqlType type, String text) {
        return switch (type) {
            case INET -> Inet.parse(text, false);
            case CIDR -> Inet.parse(text, true);
            case MACADDR -> MacAddr.parse6(text);
            default -> MacAddr.parse8(text);
        };
    }

    /** inet_out, cidr_out, macaddr_out, macaddr8_out. */
    public static String output(SqlType type, Object value) {
        if (value instanceof Inet i) {
            return i.withCidr(type == SqlType.CIDR).toString();
        }
        return value.toString();
    }

    /**
     * pg_cast: cidr to inet implicitly (binary coercible), inet to cidr on assignment (masking the host bits),
     * macaddr and macaddr8 both ways implicitly, and to the string types on assignment through text(inet), which
     * always writes the mask length. From strings the explicit I/O conversion; nothing else.
     */
    public static Casts.Context castContext(SqlType from, SqlType to) {
        if (from == SqlType.CIDR && to == SqlType.INET) {
            return Casts.Context.IMPLICIT;
        }
        if (from == SqlType.INET && to == SqlType.CIDR) {
            return Casts.Context.ASSIGNMENT;
        }
        if (from == SqlType.MACADDR && to == SqlType.MACADDR8 || from == SqlType.MACADDR8 && to == SqlType.MACADDR) {
            return Casts.Context.IMPLICIT;
        }
        if (to.isString()) {
            return Casts.Context.ASSIGNMENT;
        }
        if (from.isString()) {
            return Casts.Context.EXPLICIT;
        }
        return null;
    }

    /** A cast between a network type and another type that {@link #castContext} allows (not from a string). */
    public static Object convert(Object value, SqlType from, SqlType to) {
        if (value instanceof Inet i) {
            if (to.isString()) {
                return InetText.address(i) + "/" + i.bits(); // text(inet), as pg_cast names it
            }
            return i.withCidr(to == SqlType.CIDR);
        }
        MacAddr m = (MacAddr) value;
        if (to.isString()) {
            return m.toString();
        }
        return to == SqlType.MACADDR8 ? m.toMacaddr8() : m.toMacaddr();
    }

    /** The stored form: an inet's order-preserving key ({@link Inet#storageKey()}), a MAC address's bytes. */
    public static byte[] toStorage(Object value) {
        return value instanceof Inet i ? i.storageKey() : ((MacAddr) value).bytes();
    }

    public static Object fromStorage(SqlType type, byte[] stored) {
        return type == SqlType.INET || type == SqlType.CIDR ? Inet.fromStorageKey(stored) : new MacAddr(stored);
    }
}

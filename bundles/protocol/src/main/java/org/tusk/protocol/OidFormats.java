package org.tusk.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary wire forms of the OID-valued catalog types, as PostgreSQL 15's send/recv functions define
 * them: the reg* types (regproc, regprocedure, regclass, regtype, regnamespace, regrole) are sent as
 * their OID, a uint32 (regclasssend is oidsend); int2vector and oidvector as one-dimensional arrays of
 * int2 or oid with lower bound 0 and no NULLs (int2vectorsend is array_send).
 *
 * <p>Like {@link BinaryFormats}, the conversions go through text. A received reg* value becomes the
 * OID's digits, which every reg* input function accepts as they are; a reg* value's own text (a name,
 * {@code pg_class}) cannot be turned into its OID without the catalogs, so only its digits (and
 * {@code -}, the text of OID 0) convert here, and a SQL engine that prints names converts its values
 * itself (the SPI's {@code SqlSession.binaryValue}).
 */
public final class OidFormats {

    private OidFormats() {
    }

    /** Whether {@code typeOid} is one of the types this class converts. */
    public static boolean handles(int typeOid) {
        return isRegType(typeOid) || typeOid == TypeOids.INT2VECTOR || typeOid == TypeOids.OIDVECTOR;
    }

    /** Whether {@code typeOid} is a reg* type, whose binary form is its OID. */
    public static boolean isRegType(int typeOid) {
        return switch (typeOid) {
            case TypeOids.REGPROC, TypeOids.REGPROCEDURE, TypeOids.REGCLASS, TypeOids.REGTYPE, TypeOids.REGNAMESPACE,
                    TypeOids.REGROLE -> true;
            default -> false;
        };
    }

    /** The binary form of a reg* value whose OID is known (what the type's send function sends). */
    public static byte[] regSend(long oid) {
        return ByteBuffer.allocate(4).putInt((int) oid).array();
    }

    /**
     * The text a received binary value stands for: a reg* value's OID in digits, a vector's elements
     * separated by spaces.
     *
     * @throws IllegalArgumentException if the bytes are not a valid value of the type
     */
    static String toText(int typeOid, ByteBuffer b) {
        if (isRegType(typeOid)) {
            if (b.remaining() < 4) {
                throw new IllegalArgumentException("insufficient data left in message");
            }
            return Integer.toUnsignedString(b.getInt());
        }
        return vectorToText(b, typeOid == TypeOids.INT2VECTOR ? TypeOids.INT2 : TypeOids.OID);
    }

    /**
     * The binary form of a value given as text.
     *
     * @throws IllegalArgumentException for a reg* value given by name, or text that is not a value
     */
    static byte[] fromText(int typeOid, String text) {
        if (isRegType(typeOid)) {
            if (text.equals("-")) {
                return regSend(0);
            }
            if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("the OID of \"" + text + "\" is known only to the catalogs");
            }
            return regSend(TextFormats.oidValue(text));
        }
        return vectorFromText(text, typeOid == TypeOids.INT2VECTOR ? TypeOids.INT2 : TypeOids.OID);
    }

    /** int2vectorrecv/oidvectorrecv: array_recv, then one dimension, lower bound 0, no NULLs required. */
    private static String vectorToText(ByteBuffer b, int element) {
        if (b.remaining() < 12) {
            throw new IllegalArgumentException("insufficient data left in message");
        }
        int ndim = b.getInt();
        int flags = b.getInt();
        int elementOid = b.getInt();
        if (ndim != 1 || flags != 0 || elementOid != element || b.remaining() < 8) {
            throw new IllegalArgumentException("invalid " + (element == TypeOids.INT2 ? "int2vector" : "oidvector")
                    + " data");
        }
        int n = b.getInt();
        int lower = b.getInt();
        if (lower != 0 || n < 0 || n > b.remaining() / 4) {
            throw new IllegalArgumentException("invalid " + (element == TypeOids.INT2 ? "int2vector" : "oidvector")
                    + " data");
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int length = b.remaining() >= 4 ? b.getInt() : -2;
            int width = element == TypeOids.INT2 ? 2 : 4;
            if (length != width || b.remaining() < width) {
                throw new IllegalArgumentException("invalid " + (element == TypeOids.INT2 ? "int2vector" : "oidvector")
                        + " data");
            }
            out.add(element == TypeOids.INT2 ? Short.toString(b.getShort()) : Integer.toUnsignedString(b.getInt()));
        }
        return String.join(" ", out);
    }

    /** int2vectorsend/oidvectorsend of the space-separated text form. */
    private static byte[] vectorFromText(String text, int element) {
        List<String> items = new ArrayList<>();
        for (String s : text.trim().split(" +")) {
            if (!s.isEmpty()) {
                items.add(s);
            }
        }
        int width = element == TypeOids.INT2 ? 2 : 4;
        ByteBuffer out = ByteBuffer.allocate(20 + items.size() * (4 + width));
        out.putInt(1).putInt(0).putInt(element).putInt(items.size()).putInt(0);
        for (String s : items) {
            out.putInt(width);
            if (element == TypeOids.INT2) {
                out.putShort(Short.parseShort(s));
            } else {
                out.putInt(TextFormats.oidValue(s));
            }
        }
        return out.array();
    }
}

package org.tusk.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The binary wire format (format code 1) of the built-in types that have one here, as PostgreSQL's
 * send/recv functions define it, converted to and from the type's text format. Working through the
 * text form keeps SQL engines free of wire encodings: a server decodes a binary Bind parameter to the
 * text its engine parses, and encodes the engine's text output as binary for a result column that
 * asked for it; a client does the reverse.
 *
 * <p>Types: bool, int2, int4, int8, float4, float8, numeric, the string types text, varchar,
 * bpchar, name and unknown (whose binary form is their UTF-8 text), and date, timestamp and
 * timestamptz (days or microseconds since 2000-01-01, PostgreSQL's epoch; timestamptz in UTC, its text
 * form here carrying an explicit offset, as ISO DateStyle prints it), time (microseconds since
 * midnight), timetz (that and the zone in seconds west of Greenwich, {@link TimeTzFormats}), interval
 * ({@link Interval}), uuid (16 bytes), bytea (the bytes; text in hex format), oid (uint32), and arrays of all
 * of these, of any number of dimensions (array_send: ndim, has-null flag, element type OID, then size and
 * lower bound of each dimension, then each element in row-major order as a length word and its binary form,
 * -1 for NULL). The reg* types (as their OID) and int2vector and oidvector (as arrays with lower bound 0)
 * are {@link OidFormats}'; inet, cidr, macaddr and macaddr8 {@link NetworkFormats}',
 * bit and varbit {@link BitFormats}'.
 */
public final class BinaryFormats {
    private static final int NUMERIC_POS = 0x0000;
    private static final int NUMERIC_NEG = 0x4000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_PINF = 0xD000;
    private static final int NUMERIC_NINF = 0xF000;
    private static final BigInteger NBASE = BigInteger.valueOf(10_000);

    private BinaryFormats() {
    }

    /** Whether values of the type with this OID can be sent and received in binary here. */
    public static boolean supports(int typeOid) {
        return switch (typeOid) {
            case TypeOids.BOOL, TypeOids.INT2, TypeOids.INT4, TypeOids.INT8, TypeOids.FLOAT4, TypeOids.FLOAT8,
                    TypeOids.NUMERIC, TypeOids.TEXT, TypeOids.VARCHAR, TypeOids.BPCHAR, TypeOids.NAME,
                    TypeOids.UNKNOWN, TypeOids.DATE, TypeOids.TIMESTAMP, TypeOids.TIMESTAMPTZ, TypeOids.TIME,
                    TypeOids.INTERVAL, TypeOids.UUID, TypeOids.BYTEA, TypeOids.OID, TypeOids.VOID,
                    TypeOids.TIMETZ, TypeOids.JSON, TypeOids.JSONB -> true;
            default -> TypeOids.elementType(typeOid) != 0 || OidFormats.handles(typeOid)
                    || NetworkFormats.handles(typeOid) || BitFormats.handles(typeOid)
                    || TypeOids.rangeSubtype(typeOid) != 0;
        };
    }

    /**
     * The text form of a binary value (the type's recv function followed by its output function).
     *
     * @throws IllegalArgumentException if the bytes are not a valid binary value of the type (the
     *         caller reports 22P03 "incorrect binary data format")
     */
    public static String toText(int typeOid, byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        String text = switch (typeOid) {
            case TypeOids.BOOL -> {
                need(value, 1);
                yield b.get() != 0 ? "t" : "f";
            }
            case TypeOids.INT2 -> {
                need(value, 2);
                yield Short.toString(b.getShort());
            }
            case TypeOids.INT4 -> {
                need(value, 4);
                yield Integer.toString(b.getInt());
            }
            case TypeOids.INT8 -> {
                need(value, 8);
                yield Long.toString(b.getLong());
            }
            case TypeOids.FLOAT4 -> {
                need(value, 4);
                yield FloatFormat.format(b.getFloat(), true, 1); // float4out with the default extra_float_digits
            }
            case TypeOids.FLOAT8 -> {
                need(value, 8);
                yield FloatFormat.format(b.getDouble(), false, 1);
            }
            case TypeOids.NUMERIC -> numericToText(b, value.length);
            case TypeOids.DATE -> {
                need(value, 4);
                yield DateTimeFormats.dateText(b.getInt());
            }
            case TypeOids.TIMESTAMP -> {
                need(value, 8);
                yield DateTimeFormats.timestampText(b.getLong(), false);
            }
            case TypeOids.TIMESTAMPTZ -> {
                need(value, 8);
                yield DateTimeFormats.timestampText(b.getLong(), true);
            }
            case TypeOids.TEXT, TypeOids.VARCHAR, TypeOids.BPCHAR, TypeOids.NAME, TypeOids.UNKNOWN -> {
                b.position(value.length);
                yield new String(value, StandardCharsets.UTF_8);
            }
            case TypeOids.TIME -> {
                need(value, 8);
                long micros = b.getLong();
                if (micros < 0 || micros > 86_400_000_000L) {
                    throw new IllegalArgumentException("time out of range");
                }
                yield TextFormats.timeText(micros);
            }
            case TypeOids.TIMETZ -> {
                need(value, 12);
                long micros = b.getLong();
                int zone = b.getInt();
                if (micros < 0 || micros > 86_400_000_000L) {
                    throw new IllegalArgumentException("time out of range");
                }
                yield TimeTzFormats.text(micros, zone);
            }
            case TypeOids.INTERVAL -> {
                need(value, 16);
                long micros = b.getLong();
                int days = b.getInt();
                yield new Interval(b.getInt(), days, micros).toString();
            }
            case TypeOids.UUID -> {
                need(value, 16);
                yield TextFormats.uuidText(new java.util.UUID(b.getLong(), b.getLong()));
            }
            case TypeOids.BYTEA -> {
                b.position(value.length);
                yield TextFormats.byteaText(value);
            }
            case TypeOids.OID -> {
                need(value, 4);
                yield TextFormats.oidText(b.getInt());
            }
            case TypeOids.JSON -> {
                b.position(value.length);
                yield new String(value, StandardCharsets.UTF_8);
            }
            case TypeOids.JSONB -> {
                // jsonb_recv: a version byte (only 1 exists), then the text.
                need(value, 1);
                int version = b.get();
                if (version != 1) {
                    throw new IllegalArgumentException("unsupported jsonb version number " + version);
                }
                b.position(value.length);
                yield new String(value, 1, value.length - 1, StandardCharsets.UTF_8);
            }
            case TypeOids.VOID -> ""; // void_recv reads nothing: any byte left is an error below
            default -> {
                if (OidFormats.handles(typeOid)) {
                    yield OidFormats.toText(typeOid, b);
                }
                if (NetworkFormats.handles(typeOid)) {
                    yield NetworkFormats.toText(typeOid, b);
                }
                if (BitFormats.handles(typeOid)) {
                    yield BitFormats.toText(b);
                }
                if (TypeOids.rangeSubtype(typeOid) != 0) {
                    yield RangeFormats.binaryToText(b, TypeOids.rangeSubtype(typeOid));
                }
                int element = TypeOids.elementType(typeOid);
                if (element == 0) {
                    throw new IllegalArgumentException("no binary input function available for type " + typeOid);
                }
                yield arrayToText(b, element);
            }
        };
        if (b.hasRemaining()) {
            throw new IllegalArgumentException("incorrect binary data format");
        }
        return text;
    }

    /**
     * The binary form of a value given in its type's text output format (the type's input function
     * followed by its send function).
     *
     * @throws IllegalArgumentException if the type has no binary format here or the text is not a value
     */
    public static byte[] fromText(int typeOid, String text) {
        return switch (typeOid) {
            case TypeOids.BOOL -> new byte[] {(byte) (text.equals("t") || text.equals("true") ? 1 : 0)};
            case TypeOids.INT2 -> ByteBuffer.allocate(2).putShort(Short.parseShort(text)).array();
            case TypeOids.INT4 -> ByteBuffer.allocate(4).putInt(Integer.parseInt(text)).array();
            case TypeOids.INT8 -> ByteBuffer.allocate(8).putLong(Long.parseLong(text)).array();
            case TypeOids.FLOAT4 -> ByteBuffer.allocate(4).putFloat(parseFloat(text)).array();
            case TypeOids.FLOAT8 -> ByteBuffer.allocate(8).putDouble(parseDouble(text)).array();
            case TypeOids.NUMERIC -> numericFromText(text);
            case TypeOids.DATE -> ByteBuffer.allocate(4).putInt(DateTimeFormats.dateDays(text)).array();
            case TypeOids.TIMESTAMP -> ByteBuffer.allocate(8).putLong(DateTimeFormats.timestampMicros(text, false)).array();
            case TypeOids.TIMESTAMPTZ -> ByteBuffer.allocate(8).putLong(DateTimeFormats.timestampMicros(text, true))
                    .array();
            case TypeOids.TEXT, TypeOids.VARCHAR, TypeOids.BPCHAR, TypeOids.NAME, TypeOids.UNKNOWN ->
                text.getBytes(StandardCharsets.UTF_8);
            case TypeOids.TIME -> ByteBuffer.allocate(8).putLong(TextFormats.timeMicros(text)).array();
            case TypeOids.TIMETZ -> {
                long[] t = TimeTzFormats.parse(text);
                yield ByteBuffer.allocate(12).putLong(t[0]).putInt((int) t[1]).array();
            }
            case TypeOids.INTERVAL -> {
                Interval v = Interval.parse(text);
                yield ByteBuffer.allocate(16).putLong(v.micros()).putInt(v.days()).putInt(v.months()).array();
            }
            case TypeOids.UUID -> {
                java.util.UUID u = TextFormats.uuidValue(text);
                yield ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                        .array();
            }
            case TypeOids.BYTEA -> TextFormats.byteaValue(text);
            case TypeOids.OID -> ByteBuffer.allocate(4).putInt(TextFormats.oidValue(text)).array();
            case TypeOids.JSON -> text.getBytes(StandardCharsets.UTF_8);
            case TypeOids.JSONB -> {
                // jsonb_send: version 1, then jsonb's text.
                byte[] t = text.getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[t.length + 1];
                out[0] = 1;
                System.arraycopy(t, 0, out, 1, t.length);
                yield out;
            }
            case TypeOids.VOID -> new byte[0];
            default -> {
                if (OidFormats.handles(typeOid)) {
                    yield OidFormats.fromText(typeOid, text);
                }
                if (NetworkFormats.handles(typeOid)) {
                    yield NetworkFormats.fromText(typeOid, text);
                }
                if (BitFormats.handles(typeOid)) {
                    yield BitFormats.fromText(text);
                }
                if (TypeOids.rangeSubtype(typeOid) != 0) {
                    yield RangeFormats.textToBinary(text, TypeOids.rangeSubtype(typeOid));
                }
                int element = TypeOids.elementType(typeOid);
                if (element == 0) {
                    throw new IllegalArgumentException("no binary output function available for type " + typeOid);
                }
                yield arrayFromText(text, element);
            }
        };
    }

    /**
     * array_recv: ndim, has-null flag, element type, then size and lower bound of each dimension, then
     * the elements in row-major order through their own recv. A dimension of size 0 makes an empty
     * array, as in PostgreSQL.
     */
    private static String arrayToText(ByteBuffer b, int element) {
        if (b.remaining() < 12) {
            throw new IllegalArgumentException("insufficient data left in message");
        }
        int ndim = b.getInt();
        int flags = b.getInt();
        int elementOid = b.getInt();
        if (ndim < 0) {
            throw new IllegalArgumentException("invalid number of dimensions: " + ndim);
        }
        if (ndim > ArrayFormats.MAX_DIMENSIONS) {
            throw ArrayFormats.tooManyDimensions(ndim);
        }
        if (flags != 0 && flags != 1) {
            throw new IllegalArgumentException("invalid array flags");
        }
        if (elementOid != element) {
            throw new IllegalArgumentException("binary data has array element type " + elementOid
                    + " instead of expected " + element);
        }
        java.util.List<Integer> dims = new java.util.ArrayList<>(ndim);
        java.util.List<Integer> lowers = new java.util.ArrayList<>(ndim);
        long count = ndim == 0 ? 0 : 1;
        for (int d = 0; d < ndim; d++) {
            if (b.remaining() < 8) {
                throw new IllegalArgumentException("insufficient data left in message");
            }
            int size = b.getInt();
            int lower = b.getInt();
            if (size < 0 || (long) lower + size - 1 > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("array size exceeds the maximum allowed");
            }
            dims.add(size);
            lowers.add(lower);
            count *= size;
            if (count > (1 << 27)) {
                throw new IllegalArgumentException("array size exceeds the maximum allowed");
            }
        }
        if (count == 0) {
            return ArrayFormats.format(ArrayFormats.TextArray.of(java.util.List.of()));
        }
        java.util.List<String> elements = new java.util.ArrayList<>((int) Math.min(count, 1024));
        for (long i = 0; i < count; i++) {
            if (b.remaining() < 4) {
                throw new IllegalArgumentException("insufficient data left in message");
            }
            int len = b.getInt();
            if (len == -1) {
                elements.add(null);
                continue;
            }
            if (len < 0 || len > b.remaining()) {
                throw new IllegalArgumentException("insufficient data left in message");
            }
            byte[] v = new byte[len];
            b.get(v);
            elements.add(toText(element, v));
        }
        return ArrayFormats.format(new ArrayFormats.TextArray(dims, lowers, elements));
    }

    /** array_send of an array given in array_out's format, of any number of dimensions. */
    private static byte[] arrayFromText(String text, int element) {
        ArrayFormats.TextArray a = ArrayFormats.parse(text);
        java.util.List<byte[]> values = new java.util.ArrayList<>(a.elements().size());
        boolean hasNull = false;
        int size = 12 + 8 * a.ndim();
        for (String e : a.elements()) {
            byte[] v = e == null ? null : fromText(element, e);
            hasNull |= v == null;
            values.add(v);
            size += 4 + (v == null ? 0 : v.length);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(a.ndim()).putInt(hasNull ? 1 : 0).putInt(element);
        for (int d = 0; d < a.ndim(); d++) {
            out.putInt(a.dims().get(d)).putInt(a.lowerBounds().get(d));
        }
        for (byte[] v : values) {
            if (v == null) {
                out.putInt(-1);
            } else {
                out.putInt(v.length).put(v);
            }
        }
        return out.array();
    }

    private static void need(byte[] value, int n) {
        if (value.length < n) {
            throw new IllegalArgumentException("insufficient data left in message");
        }
    }

    private static float parseFloat(String text) {
        return switch (text) {
            case "Infinity" -> Float.POSITIVE_INFINITY;
            case "-Infinity" -> Float.NEGATIVE_INFINITY;
            case "NaN" -> Float.NaN;
            default -> Float.parseFloat(text);
        };
    }

    private static double parseDouble(String text) {
        return switch (text) {
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** numeric_recv: ndigits, weight, sign, dscale, then ndigits base-10000 digits, all int16. */
    private static String numericToText(ByteBuffer b, int length) {
        if (length < 8) {
            throw new IllegalArgumentException("insufficient data left in message");
        }
        int ndigits = b.getShort() & 0xFFFF;
        int weight = b.getShort();
        int sign = b.getShort() & 0xFFFF;
        int dscale = b.getShort() & 0xFFFF;
        switch (sign) {
            case NUMERIC_NAN:
                return "NaN";
            case NUMERIC_PINF:
                return "Infinity";
            case NUMERIC_NINF:
                return "-Infinity";
            default:
                break;
        }
        if ((sign != NUMERIC_POS && sign != NUMERIC_NEG) || dscale > 0x3FFF || b.remaining() < 2 * ndigits) {
            throw new IllegalArgumentException("invalid sign in external \"numeric\" value");
        }
        BigInteger acc = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            int d = b.getShort();
            if (d < 0 || d >= 10_000) {
                throw new IllegalArgumentException("invalid digit in external \"numeric\" value");
            }
            acc = acc.multiply(NBASE).add(BigInteger.valueOf(d));
        }
        // The last digit is worth 10000^(weight - ndigits + 1).
        BigDecimal v = new BigDecimal(acc).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        if (sign == NUMERIC_NEG) {
            v = v.negate();
        }
        return v.setScale(dscale, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** numeric_send of a value in numeric_out's format (plain decimal notation). */
    private static byte[] numericFromText(String text) {
        if (text.equals("Infinity") || text.equals("-Infinity")) {
            // numeric_send of an infinity: no digits, the special sign, and dscale 32 as PostgreSQL 15 sends it.
            return ByteBuffer.allocate(8).putShort((short) 0).putShort((short) 0)
                    .putShort((short) (text.startsWith("-") ? NUMERIC_NINF : NUMERIC_PINF)).putShort((short) 0x20)
                    .array();
        }
        if (text.equals("NaN")) {
            return ByteBuffer.allocate(8).putShort((short) 0).putShort((short) 0).putShort((short) NUMERIC_NAN)
                    .putShort((short) 0).array();
        }
        BigDecimal v = new BigDecimal(text);
        int dscale = Math.max(v.scale(), 0);
        String digits = v.unscaledValue().abs().toString();
        if (v.scale() < 0) {
            digits = digits + "0".repeat(-v.scale());
        }
        String intPart = digits.length() > dscale ? digits.substring(0, digits.length() - dscale) : "";
        String fracPart = digits.length() > dscale ? digits.substring(digits.length() - dscale)
                : "0".repeat(dscale - digits.length()) + digits;
        intPart = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
        fracPart = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
        String all = intPart + fracPart;
        int groups = all.length() / 4;
        short[] d = new short[groups];
        for (int i = 0; i < groups; i++) {
            d[i] = Short.parseShort(all.substring(4 * i, 4 * i + 4));
        }
        int weight = intPart.length() / 4 - 1;
        int first = 0;
        while (first < groups && d[first] == 0) {
            first++;
            weight--;
        }
        int last = groups;
        while (last > first && d[last - 1] == 0) {
            last--;
        }
        int ndigits = last - first;
        if (ndigits == 0) {
            weight = 0;
        }
        ByteBuffer out = ByteBuffer.allocate(8 + 2 * ndigits);
        out.putShort((short) ndigits).putShort((short) weight)
                .putShort((short) (v.signum() < 0 ? NUMERIC_NEG : NUMERIC_POS)).putShort((short) dscale);
        for (int i = first; i < last; i++) {
            out.putShort(d[i]);
        }
        return out.array();
    }
}

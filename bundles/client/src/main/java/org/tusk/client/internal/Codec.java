package org.tusk.client.internal;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.tusk.protocol.BinaryFormats;
import org.tusk.protocol.TimeTzFormats;
import org.tusk.protocol.TypeOids;

/**
 * Java values to and from PostgreSQL's wire formats. Parameters: each Java type has a natural type OID
 * (Integer int4, Long int8, ..., String 0 = let the server infer it, as an untyped literal) and is sent
 * in binary when the parameter's type is that natural type, else as text the server's input function
 * parses. Results: the types listed in {@link #binaryResult} are asked for in binary and decoded straight
 * from the bytes (PostgreSQL's send functions); every type can be decoded from its text output (ISO
 * DateStyle assumed, PostgreSQL's default).
 */
public final class Codec {

    private static final LocalDate EPOCH_DATE = LocalDate.of(2000, 1, 1);
    private static final LocalDateTime EPOCH = EPOCH_DATE.atStartOfDay();
    private static final HexFormat HEX = HexFormat.of();

    private Codec() {
    }

    /** The element type of an array type, or 0 if the OID is not an array type known here. */
    public static int elementOf(int arrayOid) {
        return switch (arrayOid) {
            case TypeOids.BOOL_ARRAY -> TypeOids.BOOL;
            case TypeOids.BYTEA_ARRAY -> TypeOids.BYTEA;
            case TypeOids.INT2_ARRAY -> TypeOids.INT2;
            case TypeOids.INT4_ARRAY -> TypeOids.INT4;
            case TypeOids.TEXT_ARRAY -> TypeOids.TEXT;
            case TypeOids.BPCHAR_ARRAY -> TypeOids.BPCHAR;
            case TypeOids.VARCHAR_ARRAY -> TypeOids.VARCHAR;
            case TypeOids.INT8_ARRAY -> TypeOids.INT8;
            case TypeOids.FLOAT4_ARRAY -> TypeOids.FLOAT4;
            case TypeOids.FLOAT8_ARRAY -> TypeOids.FLOAT8;
            case TypeOids.TIMESTAMP_ARRAY -> TypeOids.TIMESTAMP;
            case TypeOids.DATE_ARRAY -> TypeOids.DATE;
            case TypeOids.TIME_ARRAY -> TypeOids.TIME;
            case TypeOids.TIMESTAMPTZ_ARRAY -> TypeOids.TIMESTAMPTZ;
            case TypeOids.NUMERIC_ARRAY -> TypeOids.NUMERIC;
            case TypeOids.UUID_ARRAY -> TypeOids.UUID;
            default -> 0;
        };
    }

    private static int arrayOf(int elementOid) {
        return switch (elementOid) {
            case TypeOids.BOOL -> TypeOids.BOOL_ARRAY;
            case TypeOids.BYTEA -> TypeOids.BYTEA_ARRAY;
            case TypeOids.INT2 -> TypeOids.INT2_ARRAY;
            case TypeOids.INT4 -> TypeOids.INT4_ARRAY;
            case TypeOids.INT8 -> TypeOids.INT8_ARRAY;
            case TypeOids.FLOAT4 -> TypeOids.FLOAT4_ARRAY;
            case TypeOids.FLOAT8 -> TypeOids.FLOAT8_ARRAY;
            case TypeOids.TIMESTAMP -> TypeOids.TIMESTAMP_ARRAY;
            case TypeOids.DATE -> TypeOids.DATE_ARRAY;
            case TypeOids.TIME -> TypeOids.TIME_ARRAY;
            case TypeOids.TIMESTAMPTZ -> TypeOids.TIMESTAMPTZ_ARRAY;
            case TypeOids.NUMERIC -> TypeOids.NUMERIC_ARRAY;
            case TypeOids.UUID -> TypeOids.UUID_ARRAY;
            case TypeOids.TEXT -> TypeOids.TEXT_ARRAY;
            default -> 0;
        };
    }

    /** Whether a result column of this type is asked for (and decoded) in binary. */
    public static boolean binaryResult(int oid) {
        return switch (oid) {
            case TypeOids.BOOL, TypeOids.BYTEA, TypeOids.INT2, TypeOids.INT4, TypeOids.INT8, TypeOids.FLOAT4,
                    TypeOids.FLOAT8, TypeOids.NUMERIC, TypeOids.TEXT, TypeOids.VARCHAR, TypeOids.BPCHAR,
                    TypeOids.NAME, TypeOids.DATE, TypeOids.TIME, TypeOids.TIMESTAMP, TypeOids.TIMESTAMPTZ,
                    TypeOids.UUID, TypeOids.TIMETZ -> true;
            default -> elementOf(oid) != 0;
        };
    }

    // ---- parameters ------------------------------------------------------------------------------

    /** The type OID a Java value is sent as; 0 (unspecified: the server infers it) for strings and the unknown. */
    public static int oidOf(Object v) {
        return switch (v) {
            case null -> 0;
            case Integer i -> TypeOids.INT4;
            case Long l -> TypeOids.INT8;
            case Short s -> TypeOids.INT2;
            case Boolean b -> TypeOids.BOOL;
            case Double d -> TypeOids.FLOAT8;
            case Float f -> TypeOids.FLOAT4;
            case BigDecimal d -> TypeOids.NUMERIC;
            case byte[] b -> TypeOids.BYTEA;
            case LocalDate d -> TypeOids.DATE;
            case LocalTime t -> TypeOids.TIME;
            case LocalDateTime t -> TypeOids.TIMESTAMP;
            case OffsetDateTime t -> TypeOids.TIMESTAMPTZ;
            case java.time.Instant t -> TypeOids.TIMESTAMPTZ;
            case UUID u -> TypeOids.UUID;
            case Collection<?> c -> arrayOf(elementOid(c));
            default -> v.getClass().isArray() && !(v instanceof byte[]) ? arrayOf(elementOid(asList(v))) : 0;
        };
    }

    /** The element type of a list: strings make a text[] (an untyped array literal would be text too). */
    private static int elementOid(Collection<?> c) {
        for (Object e : c) {
            if (e instanceof Collection<?> inner) {
                return elementOid(inner);
            }
            if (e != null) {
                return e instanceof String ? TypeOids.TEXT : oidOf(e);
            }
        }
        return 0;
    }

    /** One encoded parameter: its format (0 text, 1 binary) and bytes ({@code null} for NULL). */
    public record Encoded(short format, byte[] bytes) {
    }

    /** Encodes a value for a parameter of type {@code oid}: binary when that is the value's natural type. */
    public static Encoded encode(Object v, int oid) {
        if (v == null) {
            return new Encoded((short) 0, null);
        }
        int natural = oidOf(v);
        if (natural != 0 && natural == oid && elementOf(oid) == 0) {
            byte[] b = binary(v);
            if (b != null) {
                return new Encoded((short) 1, b);
            }
        }
        return new Encoded((short) 0, text(v).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] binary(Object v) {
        return switch (v) {
            case Integer i -> ByteBuffer.allocate(4).putInt(i).array();
            case Long l -> ByteBuffer.allocate(8).putLong(l).array();
            case Short s -> ByteBuffer.allocate(2).putShort(s).array();
            case Boolean b -> new byte[] {(byte) (b ? 1 : 0)};
            case Double d -> ByteBuffer.allocate(8).putDouble(d).array();
            case Float f -> ByteBuffer.allocate(4).putFloat(f).array();
            case byte[] b -> b;
            case LocalDate d -> ByteBuffer.allocate(4).putInt(Math.toIntExact(ChronoUnit.DAYS.between(EPOCH_DATE, d)))
                    .array();
            case LocalTime t -> ByteBuffer.allocate(8).putLong(t.toNanoOfDay() / 1000).array();
            case LocalDateTime t -> ByteBuffer.allocate(8).putLong(ChronoUnit.MICROS.between(EPOCH, t)).array();
            case OffsetDateTime t -> ByteBuffer.allocate(8)
                    .putLong(ChronoUnit.MICROS.between(EPOCH, t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()))
                    .array();
            case java.time.Instant t -> ByteBuffer.allocate(8)
                    .putLong(ChronoUnit.MICROS.between(EPOCH, LocalDateTime.ofInstant(t, ZoneOffset.UTC))).array();
            case UUID u -> ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                    .putLong(u.getLeastSignificantBits()).array();
            default -> null; // numeric goes as text: exact and simple
        };
    }

    /** The text input form of a value. */
    public static String text(Object v) {
        return switch (v) {
            case Boolean b -> b ? "t" : "f";
            case BigDecimal d -> d.toPlainString();
            case byte[] b -> "\\x" + HEX.formatHex(b);
            case Double d -> d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : d.toString();
            case Float f -> f.isInfinite() ? (f > 0 ? "Infinity" : "-Infinity") : f.toString();
            case LocalDateTime t -> t.toLocalDate() + " " + t.toLocalTime();
            case OffsetDateTime t -> t.toLocalDate() + " " + t.toLocalTime() + t.getOffset().getId().replace("Z", "+00");
            case Collection<?> c -> arrayLiteral(c);
            default -> v.getClass().isArray() ? arrayLiteral(asList(v)) : v.toString();
        };
    }

    private static List<Object> asList(Object array) {
        int n = Array.getLength(array);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Array.get(array, i));
        }
        return out;
    }

    private static String arrayLiteral(Collection<?> c) {
        StringBuilder b = new StringBuilder("{");
        for (Object e : c) {
            if (b.length() > 1) {
                b.append(',');
            }
            if (e == null) {
                b.append("NULL");
            } else if (e instanceof Collection<?> inner) {
                b.append(arrayLiteral(inner));
            } else {
                String s = text(e);
                b.append('"');
                for (int i = 0; i < s.length(); i++) {
                    char ch = s.charAt(i);
                    if (ch == '"' || ch == '\\') {
                        b.append('\\');
                    }
                    b.append(ch);
                }
                b.append('"');
            }
        }
        return b.append('}').toString();
    }

    // ---- results ---------------------------------------------------------------------------------

    /** int2, int4 and int8: big-endian two's complement of their size. */
    public static boolean isBinaryInteger(int oid) {
        return oid == TypeOids.INT2 || oid == TypeOids.INT4 || oid == TypeOids.INT8;
    }

    /** Types whose binary form is their UTF-8 text. */
    public static boolean isBinaryText(int oid) {
        return switch (oid) {
            case TypeOids.TEXT, TypeOids.VARCHAR, TypeOids.BPCHAR, TypeOids.NAME, TypeOids.UNKNOWN -> true;
            default -> false;
        };
    }

    /** A big-endian signed integer of 2, 4 or 8 bytes (also a float8's bits). */
    public static long binaryInteger(byte[] v) {
        long r = v[0]; // sign-extended
        for (int k = 1; k < v.length; k++) {
            r = (r << 8) | (v[k] & 0xFF);
        }
        if (v.length != 2 && v.length != 4 && v.length != 8) {
            throw new IllegalArgumentException("not a binary integer of " + v.length + " bytes");
        }
        return r;
    }

    /** Decimal integer text, parsed from the bytes without a String (the common case of a text result). */
    public static long parseInteger(byte[] v) {
        int n = v.length;
        if (n == 0 || n > 18) {
            return Long.parseLong(new String(v, StandardCharsets.US_ASCII));
        }
        int k = 0;
        boolean negative = v[0] == '-';
        if (negative || v[0] == '+') {
            k = 1;
            if (n == 1) {
                throw new NumberFormatException("not an integer: " + (char) v[0]);
            }
        }
        long r = 0;
        for (; k < n; k++) {
            int d = v[k] - '0';
            if (d < 0 || d > 9) {
                return Long.parseLong(new String(v, StandardCharsets.US_ASCII)); // throws with the text
            }
            r = r * 10 + d;
        }
        return negative ? -r : r;
    }

    /** Decodes a non-null value of a column. */
    public static Object decode(int oid, int format, byte[] v) {
        return format == 1 ? decodeBinary(oid, v, 0, v.length) : decodeText(oid, new String(v, StandardCharsets.UTF_8));
    }

    static Object decodeBinary(int oid, byte[] v, int off, int len) {
        ByteBuffer b = ByteBuffer.wrap(v, off, len);
        return switch (oid) {
            case TypeOids.BOOL -> v[off] != 0;
            case TypeOids.INT2 -> b.getShort();
            case TypeOids.INT4 -> b.getInt();
            case TypeOids.INT8 -> b.getLong();
            case TypeOids.FLOAT4 -> b.getFloat();
            case TypeOids.FLOAT8 -> b.getDouble();
            case TypeOids.BYTEA -> java.util.Arrays.copyOfRange(v, off, off + len);
            case TypeOids.TEXT, TypeOids.VARCHAR, TypeOids.BPCHAR, TypeOids.NAME, TypeOids.UNKNOWN ->
                new String(v, off, len, StandardCharsets.UTF_8);
            case TypeOids.NUMERIC -> {
                String t = BinaryFormats.toText(TypeOids.NUMERIC, java.util.Arrays.copyOfRange(v, off, off + len));
                yield new BigDecimal(t);
            }
            case TypeOids.DATE -> {
                int days = b.getInt();
                yield days == Integer.MAX_VALUE ? LocalDate.MAX
                        : days == Integer.MIN_VALUE ? LocalDate.MIN : EPOCH_DATE.plusDays(days);
            }
            case TypeOids.TIME -> LocalTime.ofNanoOfDay(b.getLong() * 1000);
            case TypeOids.TIMETZ -> {
                long micros = b.getLong();
                yield timetz(micros, b.getInt());
            }
            case TypeOids.TIMESTAMP -> timestamp(b.getLong());
            case TypeOids.TIMESTAMPTZ -> {
                long micros = b.getLong();
                yield micros == Long.MAX_VALUE ? OffsetDateTime.MAX
                        : micros == Long.MIN_VALUE ? OffsetDateTime.MIN : timestamp(micros).atOffset(ZoneOffset.UTC);
            }
            case TypeOids.UUID -> new UUID(b.getLong(), b.getLong());
            default -> {
                if (elementOf(oid) != 0) {
                    yield binaryArray(b);
                }
                throw new IllegalArgumentException("no binary decoder for type " + oid);
            }
        };
    }

    /** timetz as an OffsetTime: the zone travels west-positive, an offset is east-positive. */
    private static OffsetTime timetz(long micros, int zoneSecondsWest) {
        return OffsetTime.of(LocalTime.ofNanoOfDay(micros * 1000), ZoneOffset.ofTotalSeconds(-zoneSecondsWest));
    }

    private static LocalDateTime timestamp(long micros) {
        if (micros == Long.MAX_VALUE) {
            return LocalDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return LocalDateTime.MIN;
        }
        return EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** array_send: ndim, has-nulls flag, element type, then (size, lower bound) per dimension, then elements. */
    private static List<Object> binaryArray(ByteBuffer b) {
        int ndim = b.getInt();
        b.getInt();
        int elementOid = b.getInt();
        if (ndim == 0) {
            return List.of();
        }
        int[] dims = new int[ndim];
        for (int d = 0; d < ndim; d++) {
            dims[d] = b.getInt();
            b.getInt();
        }
        return binaryDimension(b, elementOid, dims, 0);
    }

    private static List<Object> binaryDimension(ByteBuffer b, int elementOid, int[] dims, int d) {
        List<Object> out = new ArrayList<>(dims[d]);
        for (int i = 0; i < dims[d]; i++) {
            if (d + 1 < dims.length) {
                out.add(binaryDimension(b, elementOid, dims, d + 1));
            } else {
                int len = b.getInt();
                if (len < 0) {
                    out.add(null);
                } else {
                    int pos = b.position();
                    out.add(decodeBinary(elementOid, b.array(), pos, len));
                    b.position(pos + len);
                }
            }
        }
        return out;
    }

    static Object decodeText(int oid, String s) {
        return switch (oid) {
            case TypeOids.BOOL -> s.equals("t");
            case TypeOids.INT2 -> Short.parseShort(s);
            case TypeOids.INT4, TypeOids.OID -> oid == TypeOids.OID ? (Object) Long.parseLong(s) : Integer.parseInt(s);
            case TypeOids.INT8 -> Long.parseLong(s);
            case TypeOids.FLOAT4 -> Float.parseFloat(s);
            case TypeOids.FLOAT8 -> Double.parseDouble(s);
            case TypeOids.NUMERIC -> s.equals("NaN") ? Double.NaN : new BigDecimal(s);
            case TypeOids.BYTEA -> s.startsWith("\\x") ? HEX.parseHex(s, 2, s.length()) : s.getBytes(StandardCharsets.UTF_8);
            case TypeOids.DATE -> parseDate(s);
            case TypeOids.TIME -> LocalTime.parse(s);
            case TypeOids.TIMETZ -> {
                long[] t = TimeTzFormats.parse(s);
                yield timetz(t[0], (int) t[1]);
            }
            case TypeOids.TIMESTAMP -> parseTimestamp(s);
            case TypeOids.TIMESTAMPTZ -> parseTimestamptz(s);
            case TypeOids.UUID -> UUID.fromString(s);
            default -> {
                int element = elementOf(oid);
                yield element != 0 ? new ArrayParser(s, element).parse() : s;
            }
        };
    }

    private static LocalDate parseDate(String s) {
        return switch (s) {
            case "infinity" -> LocalDate.MAX;
            case "-infinity" -> LocalDate.MIN;
            default -> LocalDate.parse(s);
        };
    }

    private static LocalDateTime parseTimestamp(String s) {
        return switch (s) {
            case "infinity" -> LocalDateTime.MAX;
            case "-infinity" -> LocalDateTime.MIN;
            default -> LocalDateTime.parse(s.replace(' ', 'T'));
        };
    }

    /** ISO output: {@code 2026-11-23 20:42:01.5+01}, {@code ...+05:30}, {@code ...-03:00:12}. */
    private static OffsetDateTime parseTimestamptz(String s) {
        switch (s) {
            case "infinity":
                return OffsetDateTime.MAX;
            case "-infinity":
                return OffsetDateTime.MIN;
            default:
                int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
                LocalDateTime local = LocalDateTime.parse(s.substring(0, sign).replace(' ', 'T'));
                String[] parts = s.substring(sign + 1).split(":");
                int seconds = Integer.parseInt(parts[0]) * 3600 + (parts.length > 1 ? Integer.parseInt(parts[1]) * 60 : 0)
                        + (parts.length > 2 ? Integer.parseInt(parts[2]) : 0);
                return local.atOffset(ZoneOffset.ofTotalSeconds(s.charAt(sign) == '-' ? -seconds : seconds));
        }
    }

    /** array_out's format: braces, commas, double quotes with backslash escapes, unquoted NULL. */
    private static final class ArrayParser {
        private final String s;
        private final int element;
        private int pos;

        ArrayParser(String s, int element) {
            this.s = s;
            this.element = element;
            if (s.startsWith("[")) {
                pos = s.indexOf('=') + 1; // explicit bounds "[0:1]={...}": the bounds are dropped
            }
        }

        List<Object> parse() {
            return list();
        }

        private List<Object> list() {
            expect('{');
            List<Object> out = new ArrayList<>();
            if (s.charAt(pos) == '}') {
                pos++;
                return out;
            }
            while (true) {
                char c = s.charAt(pos);
                if (c == '{') {
                    out.add(list());
                } else if (c == '"') {
                    pos++;
                    StringBuilder b = new StringBuilder();
                    while (s.charAt(pos) != '"') {
                        if (s.charAt(pos) == '\\') {
                            pos++;
                        }
                        b.append(s.charAt(pos++));
                    }
                    pos++;
                    out.add(decodeText(element, b.toString()));
                } else {
                    int start = pos;
                    while (s.charAt(pos) != ',' && s.charAt(pos) != '}') {
                        pos++;
                    }
                    String raw = s.substring(start, pos).strip();
                    out.add(raw.equals("NULL") ? null : decodeText(element, raw));
                }
                char sep = s.charAt(pos++);
                if (sep == '}') {
                    return out;
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(pos) != c) {
                throw new IllegalArgumentException("malformed array literal: " + s);
            }
            pos++;
        }
    }
}

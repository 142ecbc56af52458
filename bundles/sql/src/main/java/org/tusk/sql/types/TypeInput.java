package org.tusk.sql.types;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import org.tusk.protocol.ArrayFormats;
import org.tusk.protocol.Interval;
import org.tusk.protocol.TextFormats;
import org.tusk.spi.SqlException;

/**
 * Text to value: each type's input function (boolin, int4in, numeric_in, float8in, ...), with the
 * same accepted spellings and the same error messages. Errors carry no position; the caller adds the
 * literal's position when the text came from the query.
 */
public final class TypeInput {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern FLOAT_SPECIAL = Pattern.compile("[+-]?(inf|infinity|nan)",
            Pattern.CASE_INSENSITIVE);
    /** The longest name, in bytes: NAMEDATALEN - 1. */
    public static final int MAX_NAME_BYTES = 63;

    private TypeInput() {
    }

    public static Object parse(SqlType type, String text, TypeContext ctx) {
        if (type.isVector()) {
            return parseVector(type, text, ctx);
        }
        if (type.isArray()) {
            return parseArray(type, text, ctx);
        }
        if (type.isRange()) {
            return Ranges.parse(type, text, ctx);
        }
        return switch (type) {
            case BOOL -> parseBool(text);
            case INT2 -> (short) parseInteger(text, type, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT4 -> (int) parseInteger(text, type, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case INT8 -> parseInteger(text, type, Long.MIN_VALUE, Long.MAX_VALUE);
            case NUMERIC -> parseNumeric(text);
            case FLOAT4 -> (float) parseFloat(text, true);
            case FLOAT8 -> parseFloat(text, false);
            case TEXT, VARCHAR, BPCHAR, UNKNOWN, REFCURSOR -> text;
            case NAME -> truncateName(text);
            case DATE -> DateTimes.parseDate(text, ctx);
            case TIMESTAMP -> DateTimes.parseTimestamp(text, ctx);
            case TIMESTAMPTZ -> DateTimes.parseTimestamptz(text, ctx);
            case TIME -> parseTime(text);
            case TIMETZ -> TimeTz.parse(text, ctx);
            case INTERVAL -> parseInterval(text);
            case UUID -> parseUuid(text);
            case BYTEA -> parseBytea(text);
            case OID -> parseOid(text);
            case REGCLASS -> RegClass.input(text, ctx);
            case REGPROC, REGTYPE, REGNAMESPACE, REGPROCEDURE, REGROLE -> org.tusk.sql.eval.RegCasts.input(type, text, ctx);
            case VOID -> "";
            case ENUM -> throw new org.tusk.spi.SqlException("42804",
                    "could not determine polymorphic type because input has type unknown");
            case RECORD -> throw new org.tusk.spi.SqlException("0A000",
                    "input of anonymous composite types is not implemented");
            case JSON -> org.tusk.sql.json.JsonTypes.jsonIn(text);
            case JSONB -> org.tusk.sql.json.Jsonb.parse(text);
            case JSONPATH -> org.tusk.sql.json.JsonPathParser.normalize(text);
            case INET, CIDR, MACADDR, MACADDR8 -> org.tusk.sql.net.NetworkTypes.input(type, text);
            case BIT, VARBIT -> org.tusk.sql.bits.BitString.parse(text);
            default -> throw new IllegalStateException("no input function for " + type);
        };
    }

    /** array_in: the literal's syntax and shape, then each element through its type's input. */
    private static ArrayValue parseArray(SqlType type, String text, TypeContext ctx) {
        ArrayFormats.TextArray a;
        try {
            a = ArrayFormats.parse(text);
        } catch (ArrayFormats.MalformedArrayException e) {
            throw malformed(e.getMessage(), e.detail());
        } catch (ArrayFormats.InvalidArrayException e) {
            throw new SqlException(e.sqlState(), e.getMessage());
        }
        java.util.List<Object> values = new java.util.ArrayList<>(a.elements().size());
        for (String e : a.elements()) {
            values.add(e == null ? null : parse(type.elementType(), e, ctx));
        }
        return new ArrayValue(ints(a.dims()), ints(a.lowerBounds()), values);
    }

    /** A malformed array or range literal: 22P02 with the parser's DETAIL. */
    static SqlException malformed(String message, String detail) {
        return new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "22P02", message).detail(detail).build());
    }

    private static int[] ints(java.util.List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** int2vectorin, oidvectorin: elements separated by spaces, subscripts from 0. */
    private static ArrayValue parseVector(SqlType type, String text, TypeContext ctx) {
        java.util.List<Object> values = new java.util.ArrayList<>();
        for (String e : text.trim().split("\\s+")) {
            if (!e.isEmpty()) {
                values.add(parse(type.elementType(), e, ctx));
            }
        }
        return new ArrayValue(0, values);
    }

    /** time_in for HH:MM[:SS[.frac]] (22007 for other spellings, 22008 outside 00:00 .. 24:00). */
    private static Long parseTime(String text) {
        try {
            return TextFormats.timeMicros(text);
        } catch (IllegalArgumentException e) {
            String code = e.getMessage().startsWith("date/time field value out of range") ? "22008" : "22007";
            throw new SqlException(code, e.getMessage());
        }
    }

    private static Interval parseInterval(String text) {
        return IntervalFormats.parse(text, -1);
    }

    private static java.util.UUID parseUuid(String text) {
        try {
            return TextFormats.uuidValue(text);
        } catch (IllegalArgumentException e) {
            throw invalid(SqlType.UUID, text);
        }
    }

    /** byteain: bad escapes are 22P02, bad hex digits or an odd count 22023, as in PostgreSQL. */
    private static byte[] parseBytea(String text) {
        try {
            return TextFormats.byteaValue(text);
        } catch (IllegalArgumentException e) {
            throw new SqlException(e.getMessage().startsWith("invalid input syntax") ? "22P02" : "22023",
                    e.getMessage());
        }
    }

    private static Long parseOid(String text) {
        try {
            return Integer.toUnsignedLong(TextFormats.oidValue(text));
        } catch (IllegalArgumentException e) {
            throw new SqlException(e.getMessage().startsWith("value") ? "22003" : "22P02", e.getMessage());
        }
    }

    private static SqlException invalid(SqlType type, String text) {
        return new SqlException("22P02", "invalid input syntax for type " + type.displayName() + ": \"" + text + "\"");
    }

    /** boolin: t/true/y/yes/on/1 and f/false/n/no/off/0, any unique prefix, any case, blanks around. */
    public static boolean parseBool(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (!s.isEmpty()) {
            if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("1") || (s.length() >= 2 && "on".equals(s))) {
                return true;
            }
            if ("false".startsWith(s) || "no".startsWith(s) || s.equals("0")
                    || (s.length() >= 2 && "off".startsWith(s))) {
                return false;
            }
        }
        throw invalid(SqlType.BOOL, text);
    }

    private static long parseInteger(String text, SqlType type, long min, long max) {
        String s = text.strip();
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            i++;
        }
        if (i >= s.length()) {
            throw invalid(type, text);
        }
        for (int k = i; k < s.length(); k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                throw invalid(type, text);
            }
        }
        long v;
        try {
            v = Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw outOfRange(type, text);
        }
        if (v < min || v > max) {
            throw outOfRange(type, text);
        }
        return v;
    }

    private static SqlException outOfRange(SqlType type, String text) {
        return new SqlException("22003", "value \"" + text + "\" is out of range for type " + type.displayName());
    }

    /** numeric_in: a BigDecimal, or a {@link Numeric} special value for NaN and the infinities. */
    public static Object parseNumeric(String text) {
        String s = text.strip();
        if (!NUMBER.matcher(s).matches()) {
            Object special = Numeric.parseSpecial(text);
            if (special != null) {
                return special;
            }
            throw invalid(SqlType.NUMERIC, text);
        }
        BigDecimal v = new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /** float4in/float8in: decimal notation or inf/infinity/nan, out-of-range values rejected. */
    public static double parseFloat(String text, boolean float4) {
        SqlType type = float4 ? SqlType.FLOAT4 : SqlType.FLOAT8;
        String s = text.strip();
        if (FLOAT_SPECIAL.matcher(s).matches()) {
            String w = s.toLowerCase(Locale.ROOT);
            if (w.endsWith("nan")) {
                return Double.NaN;
            }
            return w.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!NUMBER.matcher(s).matches()) {
            throw invalid(type, text);
        }
        double v = float4 ? Float.parseFloat(s) : Double.parseDouble(s);
        boolean nonZeroMantissa = s.replaceFirst("[eE].*", "").chars().anyMatch(c -> c >= '1' && c <= '9');
        if (Double.isInfinite(v) || (v == 0 && nonZeroMantissa)) {
            throw new SqlException("22003", "\"" + text + "\" is out of range for type " + type.displayName());
        }
        return v;
    }

    /** Names are cut to 63 bytes, on a character boundary. */
    public static String truncateName(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_NAME_BYTES) {
            return s;
        }
        int end = 0;
        int used = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > MAX_NAME_BYTES) {
                break;
            }
            used += len;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }
}

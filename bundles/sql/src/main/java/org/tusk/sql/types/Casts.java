package org.tusk.sql.types;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import org.tusk.spi.SqlException;

/**
 * The casts between built-in types (pg_cast) and the contexts that may apply them without being asked:
 * implicitly in expressions, on assignment, or only when written explicitly. The rules are
 * PostgreSQL's: numeric widening is implicit and narrowing is by assignment; any type converts to a
 * string type on assignment through its output function, and a string converts to any type only
 * explicitly, through that type's input function; int4 and boolean convert only explicitly; other
 * pairs (boolean to date, bigint to boolean, ...) have no cast at all.
 */
public final class Casts {

    /** How freely a cast may be applied (pg_cast.castcontext). */
    public enum Context {
        IMPLICIT, ASSIGNMENT, EXPLICIT
    }

    private Casts() {
    }

    /** The context in which {@code from} may be cast to {@code to}, or null if there is no such cast. */
    public static Context context(SqlType from, SqlType to) {
        if (from == to || from == SqlType.UNKNOWN) {
            return Context.IMPLICIT;
        }
        if (to == SqlType.UNKNOWN || to == SqlType.VOID) {
            return null;
        }
        if (from.isArray() && to.isArray()) {
            // Array coercion: as freely as the elements convert.
            return context(from.elementType(), to.elementType());
        }
        if ((from.isArray() && !to.isString()) || (to.isArray() && !from.isString())) {
            return null;
        }
        if (org.tusk.sql.json.JsonTypes.isJson(from) || org.tusk.sql.json.JsonTypes.isJson(to)) {
            return org.tusk.sql.json.JsonTypes.castContext(from, to);
        }
        if (org.tusk.sql.net.NetworkTypes.isNetwork(from) || org.tusk.sql.net.NetworkTypes.isNetwork(to)) {
            return org.tusk.sql.net.NetworkTypes.castContext(from, to);
        }
        if (org.tusk.sql.bits.BitTypes.isBits(from) || org.tusk.sql.bits.BitTypes.isBits(to)) {
            return org.tusk.sql.bits.BitTypes.castContext(from, to);
        }
        if (from.isRegType()) {
            // The reg types are oid underneath (binary coercible); to integers and text as oid goes.
            return to == SqlType.OID ? Context.IMPLICIT : to == SqlType.INT4 || to == SqlType.INT8 ? Context.ASSIGNMENT
                    : to.isString() ? Context.ASSIGNMENT : null;
        }
        if (to.isRegType()) {
            // pg_cast: oid and the integers implicitly; text to regclass through regclassin implicitly
            // (text_regclass), text to the others through their input functions (an explicit I/O cast).
            return from == SqlType.OID || from.isInteger() ? Context.IMPLICIT
                    : from.isString() ? (to == SqlType.REGCLASS ? Context.IMPLICIT : Context.EXPLICIT) : null;
        }
        if (to == SqlType.OID) {
            // int2/int4/int8 to oid are implicit (regclass and friends would be here too).
            return from.isInteger() ? Context.IMPLICIT : from.isString() ? Context.EXPLICIT : null;
        }
        if (from == SqlType.OID) {
            return to == SqlType.INT4 || to == SqlType.INT8 ? Context.ASSIGNMENT : to.isString() ? Context.ASSIGNMENT
                    : null;
        }
        if (from.category() == SqlType.Category.NUMERIC && to.category() == SqlType.Category.NUMERIC) {
            return numericRank(from) < numericRank(to) ? Context.IMPLICIT : Context.ASSIGNMENT;
        }
        if ((from == SqlType.INT4 && to == SqlType.BOOL) || (from == SqlType.BOOL && to == SqlType.INT4)) {
            return Context.EXPLICIT;
        }
        if (from.isString() && to.isString()) {
            // name to varchar/bpchar is assignment-only; the other string conversions are implicit.
            return from == SqlType.NAME && to != SqlType.TEXT ? Context.ASSIGNMENT : Context.IMPLICIT;
        }
        if (to.isString()) {
            return Context.ASSIGNMENT;
        }
        if (from.isString()) {
            return Context.EXPLICIT;
        }
        return switch (from) {
            case DATE -> to == SqlType.TIMESTAMP || to == SqlType.TIMESTAMPTZ ? Context.IMPLICIT : null;
            case TIMESTAMP -> to == SqlType.TIMESTAMPTZ ? Context.IMPLICIT
                    : to == SqlType.DATE || to == SqlType.TIME ? Context.ASSIGNMENT : null;
            case TIMESTAMPTZ -> to == SqlType.TIMESTAMP || to == SqlType.DATE || to == SqlType.TIME
                    || to == SqlType.TIMETZ ? Context.ASSIGNMENT : null;
            default -> DateCasts.context(from, to);
        };
    }

    /** True if a value of {@code from} may be used where {@code to} is expected without a written cast. */
    public static boolean canCoerceImplicitly(SqlType from, SqlType to) {
        return context(from, to) == Context.IMPLICIT;
    }

    /** int2 < int4 < int8 < numeric < float4 < float8, the order of implicit widening. */
    private static int numericRank(SqlType t) {
        return switch (t) {
            case INT2 -> 0;
            case INT4 -> 1;
            case INT8 -> 2;
            case NUMERIC -> 3;
            case FLOAT4 -> 4;
            default -> 5;
        };
    }

    /**
     * Converts a non-null value. {@code explicit} selects the explicit-cast behaviour of length
     * coercion (silent truncation of strings).
     */
    public static Object convert(Object value, SqlType from, SqlType to, int typmod, boolean explicit,
            TypeContext ctx) {
        if (to == SqlType.INTERVAL && typmod >= 0 && (from.isString() || from == SqlType.UNKNOWN)) {
            // A field qualifier changes what the text means (INTERVAL '1' YEAR), not only what is kept.
            return IntervalFormats.parse((String) value, typmod);
        }
        if (EnumLabels.isEnum(to) && typmod > 0) {
            return toEnum(value, from, to, typmod, ctx);
        }
        if (to == SqlType.BIT && from.isInteger()) {
            // int4 and int8 to bit(n) make n bits; bit without a length is bit(1) here.
            return org.tusk.sql.bits.BitTypes.convert(value, from, to, typmod);
        }
        Object v = convertType(value, from, to, ctx);
        return applyTypmod(v, to, typmod, explicit);
    }

    /**
     * To an enum (array) type, whose modifier is the enum's OID: text through enum_in, and the same enum
     * as it is (another enum is refused by the analyzer, which knows both types).
     */
    private static Object toEnum(Object value, SqlType from, SqlType to, int enumOid, TypeContext ctx) {
        if (from == to) {
            return value;
        }
        if (to == SqlType.ENUM_ARRAY) {
            ArrayValue texts = (ArrayValue) convertType(value, from, SqlType.TEXT_ARRAY, ctx);
            java.util.List<Object> labels = new java.util.ArrayList<>(texts.elements().size());
            for (Object e : texts.elements()) {
                labels.add(e == null ? null : EnumLabels.input(enumOid, (String) e));
            }
            return texts.withElements(labels);
        }
        String text = from.isString() || from == SqlType.UNKNOWN ? (String) value
                : TypeOutput.format(from, value, ctx);
        return EnumLabels.input(enumOid, from == SqlType.BPCHAR ? stripTrailingSpaces(text) : text);
    }

    private static Object convertType(Object value, SqlType from, SqlType to, TypeContext ctx) {
        if (from == to) {
            return value;
        }
        if (from.isArray() && to.isArray()) {
            ArrayValue a = (ArrayValue) value;
            java.util.List<Object> converted = new java.util.ArrayList<>(a.elements().size());
            for (Object e : a.elements()) {
                converted.add(e == null ? null : convertType(e, from.elementType(), to.elementType(), ctx));
            }
            return a.withElements(converted);
        }
        if (from == SqlType.BPCHAR && to.isString()) {
            // char(n) pads with spaces that mean nothing; converting to another string type drops them.
            return TypeInput.parse(to, stripTrailingSpaces((String) value), ctx);
        }
        if (from.isString() || from == SqlType.UNKNOWN) {
            return TypeInput.parse(to, (String) value, ctx);
        }
        if (org.tusk.sql.bits.BitTypes.isBits(from)) {
            return org.tusk.sql.bits.BitTypes.convert(value, from, to, -1);
        }
        if (org.tusk.sql.net.NetworkTypes.isNetwork(from)) {
            // Before the generic output-function cast: inet's cast to text is text(inet), not inet_out.
            Object v = org.tusk.sql.net.NetworkTypes.convert(value, from, to);
            return to == SqlType.NAME ? TypeInput.truncateName((String) v) : v;
        }
        if (to.isString()) {
            String s = from == SqlType.BOOL ? (((Boolean) value) ? "true" : "false")
                    : TypeOutput.format(from, value, ctx);
            return to == SqlType.NAME ? TypeInput.truncateName(s) : s;
        }
        if (org.tusk.sql.json.JsonTypes.isJson(from) || org.tusk.sql.json.JsonTypes.isJson(to)) {
            return org.tusk.sql.json.JsonTypes.convert(value, from, to, ctx);
        }
        return switch (to) {
            case BOOL -> ((Integer) value) != 0;
            case INT2, INT4, INT8 -> from.isOid() ? oidToInteger((Long) value, to) : toInteger(value, from, to);
            case OID, REGCLASS, REGPROC, REGTYPE, REGNAMESPACE, REGPROCEDURE, REGROLE -> from.isOid() ? value
                    : integerToOid(((Number) value).longValue(), from);
            case NUMERIC -> toNumeric(value, from);
            case FLOAT4 -> toFloat4(value, from);
            case FLOAT8 -> toFloat8(value, from);
            case DATE, TIMESTAMP, TIMESTAMPTZ, TIME, TIMETZ -> DateCasts.convert(value, from, to, ctx);
            default -> throw new SqlException("42846", "cannot cast type " + from.displayName() + " to "
                    + to.displayName());
        };
    }

    /** oid to int4 keeps the 32 bits (4294967295 is -1), as the binary-coercible cast does; to int8 widens. */
    private static Object oidToInteger(long oid, SqlType to) {
        return to == SqlType.INT4 ? (Object) (int) oid : (Object) oid;
    }

    /** int2/int4 to oid keep the bits (-1 is 4294967295); int8 must fit, as int8 to oid checks. */
    private static Long integerToOid(long v, SqlType from) {
        if (from == SqlType.INT8 && (v < 0 || v > 0xFFFF_FFFFL)) {
            throw new SqlException("22003", "OID out of range");
        }
        return v & 0xFFFF_FFFFL;
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    private static Object toInteger(Object value, SqlType from, SqlType to) {
        return switch (from) {
            case BOOL -> ((Boolean) value) ? 1 : 0;
            case INT2, INT4, INT8 -> Arithmetic.fit(((Number) value).longValue(), to);
            case NUMERIC -> Arithmetic.fit(Numeric.toLong(value, to), to);
            case FLOAT4, FLOAT8 -> {
                // rint: halfway cases go to the even neighbour, unlike numeric.
                double d = Math.rint(((Number) value).doubleValue());
                if (Double.isNaN(d) || d < -9.223372036854775808E18 || d >= 9.223372036854775808E18) {
                    throw Arithmetic.outOfRange(to);
                }
                yield Arithmetic.fit((long) d, to);
            }
            default -> throw new IllegalStateException("no cast from " + from);
        };
    }

    private static Object toNumeric(Object value, SqlType from) {
        return switch (from) {
            case INT2, INT4, INT8 -> BigDecimal.valueOf(((Number) value).longValue());
            case FLOAT4, FLOAT8 -> {
                double d = ((Number) value).doubleValue();
                Object special = Numeric.fromNonFinite(d);
                if (special != null) {
                    yield special;
                }
                // float8_numeric prints the value with DBL_DIG (FLT_DIG for float4) digits first.
                int digits = from == SqlType.FLOAT4 ? 6 : 15;
                BigDecimal b = new BigDecimal(d).round(new MathContext(digits, RoundingMode.HALF_EVEN))
                        .stripTrailingZeros();
                yield b.scale() < 0 ? b.setScale(0) : b;
            }
            default -> throw new IllegalStateException("no cast from " + from);
        };
    }

    private static Float toFloat4(Object value, SqlType from) {
        if (from == SqlType.NUMERIC && !(value instanceof BigDecimal)) {
            return (float) Numeric.toDouble(value);
        }
        double d = from == SqlType.NUMERIC ? ((BigDecimal) value).doubleValue() : ((Number) value).doubleValue();
        float f = from == SqlType.NUMERIC ? ((BigDecimal) value).floatValue() : (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw new SqlException("22003", "value out of range: overflow");
        }
        if (f == 0.0f && d != 0.0) {
            throw new SqlException("22003", "value out of range: underflow");
        }
        return f;
    }

    private static Double toFloat8(Object value, SqlType from) {
        if (from == SqlType.NUMERIC) {
            if (!(value instanceof BigDecimal)) {
                return Numeric.toDouble(value);
            }
            double d = ((BigDecimal) value).doubleValue();
            if (Double.isInfinite(d)) {
                throw new SqlException("22003", "\"" + ((BigDecimal) value).toPlainString()
                        + "\" is out of range for type double precision");
            }
            return d;
        }
        return ((Number) value).doubleValue();
    }

    /**
     * Length coercion to a type modifier: numeric(p,s) rounds and checks the precision; varchar(n)
     * and char(n) truncate (explicitly, or when only spaces are cut) or fail; char(n) pads; timestamp(p)
     * rounds the fraction.
     */
    public static Object applyTypmod(Object v, SqlType type, int typmod, boolean explicit) {
        if (typmod < 0 || v == null) {
            return v;
        }
        return switch (type) {
            case NUMERIC -> v instanceof BigDecimal d ? numericTypmod(d, typmod)
                    : Numeric.checkSpecialTypmod((org.tusk.storage.access.NumericSpecial) v, typmod);
            case VARCHAR, BPCHAR -> charTypmod((String) v, type, typmod - TypeModifiers.VARHDRSZ, explicit);
            case TIMESTAMPTZ -> DateInfinity.isFinite(v) ? roundInstant((Instant) v, typmod) : v;
            case INTERVAL -> IntervalFormats.adjust((org.tusk.protocol.Interval) v, typmod);
            case BIT, VARBIT -> org.tusk.sql.bits.BitTypes.applyTypmod((org.tusk.sql.bits.BitString) v, type, typmod,
                    explicit);
            case TIME -> {
                long unit = (long) Math.pow(10, 6 - typmod);
                yield Math.round((double) (Long) v / unit) * unit;
            }
            case TIMESTAMP -> {
                if (!DateInfinity.isFinite(v)) {
                    yield v;
                }
                LocalDateTime t = (LocalDateTime) v;
                long unit = (long) Math.pow(10, 9 - typmod);
                long nanos = t.getNano();
                long rounded = Math.round((double) nanos / unit) * unit;
                yield t.withNano(0).plusNanos(rounded);
            }
            default -> v;
        };
    }

    private static Instant roundInstant(Instant i, int precision) {
        long unit = (long) Math.pow(10, 9 - precision);
        long rounded = Math.round((double) i.getNano() / unit) * unit;
        return i.truncatedTo(ChronoUnit.SECONDS).plusNanos(rounded);
    }

    private static BigDecimal numericTypmod(BigDecimal v, int typmod) {
        int precision = TypeModifiers.numericPrecision(typmod);
        int scale = TypeModifiers.numericScale(typmod);
        BigDecimal r = v.setScale(scale, RoundingMode.HALF_UP);
        int maxDigits = precision - scale;
        if (r.signum() != 0) {
            int integerDigits = r.precision() - r.scale();
            if (integerDigits > maxDigits) {
                String bound = maxDigits > 0 ? "10^" + maxDigits : "1";
                throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "22003", "numeric field overflow")
                        .detail("A field with precision " + precision + ", scale " + scale
                                + " must round to an absolute value less than " + bound + ".")
                        .build());
            }
        }
        return scale < 0 ? r.setScale(0) : r;
    }

    private static String charTypmod(String s, SqlType type, int length, boolean explicit) {
        int chars = s.codePointCount(0, s.length());
        if (chars > length) {
            int cut = s.offsetByCodePoints(0, length);
            if (!explicit && !s.substring(cut).chars().allMatch(c -> c == ' ')) {
                throw new SqlException("22001", "value too long for type " + type.displayName(length
                        + TypeModifiers.VARHDRSZ));
            }
            return s.substring(0, cut);
        }
        if (type == SqlType.BPCHAR && chars < length) {
            return s + " ".repeat(length - chars);
        }
        return s;
    }
}

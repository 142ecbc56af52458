package org.tusk.sql.types;

import java.math.BigDecimal;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.storage.access.NumericSpecial;

/**
 * numeric values as the engine holds them: a {@link BigDecimal} for every number, and the storage
 * API's {@link NumericSpecial} for NaN, Infinity and -Infinity, which BigDecimal cannot hold.
 *
 * <p>Why a second class rather than a wrapper around every value: almost every numeric is finite, and
 * pgbench's arithmetic must not pay for the special values. Each operation here first checks that both
 * operands are BigDecimals (the same type test the old cast did) and goes straight to
 * {@link NumericMath}; only otherwise does it apply numeric.c's rules for the special values
 * (Infinity - Infinity is NaN, NaN op anything is NaN, x / Infinity is 0, ...). Using the storage's
 * enum means tables, indexes and ANALYZE need no conversion at all.
 *
 * <p>Order (cmp_numerics): -Infinity &lt; every number &lt; Infinity &lt; NaN, and NaN equals NaN, so
 * that sorting, grouping and btree indexes treat NaN as one ordinary value.
 */
public final class Numeric {
    public static final NumericSpecial NAN = NumericSpecial.NAN;
    public static final NumericSpecial POSITIVE_INFINITY = NumericSpecial.POSITIVE_INFINITY;
    public static final NumericSpecial NEGATIVE_INFINITY = NumericSpecial.NEGATIVE_INFINITY;

    private Numeric() {
    }

    public static boolean isNaN(Object v) {
        return v == NAN;
    }

    public static boolean isInfinite(Object v) {
        return v == POSITIVE_INFINITY || v == NEGATIVE_INFINITY;
    }

    /** numeric_out's text of a special value, or of a number in plain notation. */
    public static String format(Object v) {
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return switch ((NumericSpecial) v) {
            case NAN -> "NaN";
            case POSITIVE_INFINITY -> "Infinity";
            case NEGATIVE_INFINITY -> "-Infinity";
        };
    }

    /**
     * numeric_in's special spellings, case-insensitive and after leading spaces, as float8in accepts
     * them: NaN, [+-]Infinity, [+-]inf. Only spaces may follow. Null if the text is not one of them.
     */
    public static NumericSpecial parseSpecial(String text) {
        String s = text.stripLeading();
        NumericSpecial result;
        int used;
        if (startsWithIgnoreCase(s, "NaN")) {
            result = NAN;
            used = 3;
        } else if (startsWithIgnoreCase(s, "Infinity")) {
            result = POSITIVE_INFINITY;
            used = 8;
        } else if (startsWithIgnoreCase(s, "+Infinity")) {
            result = POSITIVE_INFINITY;
            used = 9;
        } else if (startsWithIgnoreCase(s, "-Infinity")) {
            result = NEGATIVE_INFINITY;
            used = 9;
        } else if (startsWithIgnoreCase(s, "inf")) {
            result = POSITIVE_INFINITY;
            used = 3;
        } else if (startsWithIgnoreCase(s, "+inf")) {
            result = POSITIVE_INFINITY;
            used = 4;
        } else if (startsWithIgnoreCase(s, "-inf")) {
            result = NEGATIVE_INFINITY;
            used = 4;
        } else {
            return null;
        }
        if (!s.substring(used).isBlank()) {
            throw new SqlException("22P02", "invalid input syntax for type numeric: \"" + text + "\"");
        }
        return result;
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    // ---- comparison

    /** cmp_numerics. */
    public static int compare(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        return Integer.compare(rank(a), rank(b));
    }

    /** Where a value sorts among the special values: all numbers share rank 0. */
    private static int rank(Object v) {
        if (v instanceof BigDecimal) {
            return 0;
        }
        return switch ((NumericSpecial) v) {
            case NEGATIVE_INFINITY -> -1;
            case POSITIVE_INFINITY -> 1;
            case NAN -> 2;
        };
    }

    /** numeric_sign_internal of a value that is not NaN: -1, 0 or 1. */
    private static int signum(Object v) {
        if (v instanceof BigDecimal d) {
            return d.signum();
        }
        return v == POSITIVE_INFINITY ? 1 : -1;
    }

    // ---- arithmetic

    public static Object add(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return NumericMath.add(x, y);
        }
        if (a == NAN || b == NAN) {
            return NAN;
        }
        if (isInfinite(a) && isInfinite(b)) {
            return a == b ? a : NAN;
        }
        return isInfinite(a) ? a : b;
    }

    public static Object subtract(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return NumericMath.subtract(x, y);
        }
        return add(a, negate(b));
    }

    public static Object multiply(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return NumericMath.multiply(x, y);
        }
        if (a == NAN || b == NAN) {
            return NAN;
        }
        // Infinity times zero is NaN; otherwise the signs multiply.
        int sign = signum(a) * signum(b);
        return sign == 0 ? NAN : sign > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
    }

    public static Object divide(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return NumericMath.divide(x, y);
        }
        if (a == NAN || b == NAN) {
            return NAN;
        }
        if (isInfinite(a)) {
            if (isInfinite(b)) {
                return NAN;
            }
            int sign = signum(b);
            if (sign == 0) {
                throw NumericMath.divisionByZero();
            }
            return sign == signum(a) ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
        }
        // A number divided by an infinity: zero, whatever the signs.
        return BigDecimal.ZERO;
    }

    /** div(numeric, numeric): the quotient truncated toward zero, scale 0 (numeric_div_trunc). */
    public static Object divTrunc(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            if (y.signum() == 0) {
                throw NumericMath.divisionByZero();
            }
            return x.divideToIntegralValue(y).setScale(0, java.math.RoundingMode.DOWN);
        }
        Object q = divide(a, b);
        return q instanceof BigDecimal ? BigDecimal.ZERO : q;
    }

    /** scale(numeric): the display scale; null for NaN and the infinities. */
    public static Integer scaleOf(Object a) {
        return a instanceof BigDecimal x ? NumericMath.scale(x) : null;
    }

    /** min_scale(numeric): the fewest decimal places that show the value exactly; null if not a number. */
    public static Integer minScale(Object a) {
        return a instanceof BigDecimal x ? minScale(x) : null;
    }

    private static int minScale(BigDecimal x) {
        return x.signum() == 0 ? 0 : Math.max(0, x.stripTrailingZeros().scale());
    }

    /** trim_scale(numeric): the value with its trailing fractional zeros removed. */
    public static Object trimScale(Object a) {
        return a instanceof BigDecimal x ? x.setScale(minScale(x), java.math.RoundingMode.UNNECESSARY) : a;
    }

    public static Object mod(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return NumericMath.mod(x, y);
        }
        if (a == NAN || b == NAN) {
            return NAN;
        }
        if (isInfinite(a)) {
            if (signum(b) == 0) {
                throw NumericMath.divisionByZero();
            }
            return NAN;
        }
        // A number modulo an infinity is the number itself.
        return a;
    }

    public static Object negate(Object a) {
        if (a instanceof BigDecimal x) {
            return x.negate();
        }
        return a == POSITIVE_INFINITY ? NEGATIVE_INFINITY : a == NEGATIVE_INFINITY ? POSITIVE_INFINITY : NAN;
    }

    public static Object abs(Object a) {
        if (a instanceof BigDecimal x) {
            return x.abs();
        }
        return a == NEGATIVE_INFINITY ? POSITIVE_INFINITY : a;
    }

    /** sign(numeric): -1, 0 or 1 with scale 0; NaN for NaN. */
    public static Object sign(Object a) {
        if (a == NAN) {
            return NAN;
        }
        return BigDecimal.valueOf(signum(a));
    }

    // ---- functions that leave special values unchanged

    public static Object round(Object a, int scale) {
        return a instanceof BigDecimal x ? NumericMath.round(x, scale) : a;
    }

    public static Object trunc(Object a, int scale) {
        return a instanceof BigDecimal x ? NumericMath.trunc(x, scale) : a;
    }

    public static Object ceil(Object a) {
        return a instanceof BigDecimal x ? x.setScale(0, java.math.RoundingMode.CEILING) : a;
    }

    public static Object floor(Object a) {
        return a instanceof BigDecimal x ? x.setScale(0, java.math.RoundingMode.FLOOR) : a;
    }

    // ---- transcendental functions

    /** numeric_sqrt: sqrt(-Infinity) fails as a negative number does; NaN and Infinity stay. */
    public static Object sqrt(Object a) {
        if (a instanceof BigDecimal x) {
            return NumericMath.sqrt(x);
        }
        if (a == NEGATIVE_INFINITY) {
            throw new SqlException("2201F", "cannot take square root of a negative number");
        }
        return a;
    }

    /** numeric_exp: exp(-Infinity) is 0. */
    public static Object exp(Object a) {
        if (a instanceof BigDecimal x) {
            return NumericMath.exp(x);
        }
        return a == NEGATIVE_INFINITY ? BigDecimal.ZERO : a;
    }

    /** numeric_ln: ln(-Infinity) fails as a negative number does; NaN and Infinity stay. */
    public static Object ln(Object a) {
        if (a instanceof BigDecimal x) {
            return NumericMath.ln(x);
        }
        if (a == NEGATIVE_INFINITY) {
            throw negativeLogarithm();
        }
        return a;
    }

    /** numeric_log(base, x). */
    public static Object log(Object base, Object x) {
        if (base instanceof BigDecimal b && x instanceof BigDecimal v) {
            return NumericMath.log(b, v);
        }
        if (base == NAN || x == NAN) {
            return NAN;
        }
        int sign1 = signum(base);
        int sign2 = signum(x);
        if (sign1 < 0 || sign2 < 0) {
            throw negativeLogarithm();
        }
        if (sign1 == 0 || sign2 == 0) {
            throw new SqlException("2201E", "cannot take logarithm of zero");
        }
        if (base == POSITIVE_INFINITY) {
            // log(Inf, Inf) is Inf/Inf; log(Inf, finite) underflows to zero without an error.
            return x == POSITIVE_INFINITY ? NAN : BigDecimal.ZERO;
        }
        return POSITIVE_INFINITY;
    }

    private static SqlException negativeLogarithm() {
        return new SqlException("2201E", "cannot take logarithm of a negative number");
    }

    /**
     * numeric_power with a NaN or an infinity: pow(3)'s POSIX rules, after the errors that finite
     * values of the same signs would raise.
     */
    public static Object power(Object base, Object exp) {
        if (base instanceof BigDecimal b && exp instanceof BigDecimal e) {
            return NumericMath.power(b, e);
        }
        // NaN ^ 0 = 1 and 1 ^ NaN = 1; every other NaN case is NaN.
        if (base == NAN) {
            return exp instanceof BigDecimal e && e.signum() == 0 ? BigDecimal.ONE : NAN;
        }
        if (exp == NAN) {
            return base instanceof BigDecimal b && b.compareTo(BigDecimal.ONE) == 0 ? BigDecimal.ONE : NAN;
        }
        int sign1 = signum(base);
        int sign2 = signum(exp);
        if (sign1 == 0 && sign2 < 0) {
            throw new SqlException("2201F", "zero raised to a negative power is undefined");
        }
        if (sign1 < 0 && exp instanceof BigDecimal e && !isIntegral(e)) {
            throw new SqlException("2201F", "a negative number raised to a non-integer power yields a complex result");
        }
        if (base instanceof BigDecimal b && b.compareTo(BigDecimal.ONE) == 0) {
            return BigDecimal.ONE;
        }
        if (sign2 == 0) {
            return BigDecimal.ONE;
        }
        if (sign1 == 0) {
            return BigDecimal.ZERO;
        }
        if (isInfinite(exp)) {
            boolean absGreaterThanOne;
            if (base instanceof BigDecimal b) {
                if (b.compareTo(BigDecimal.ONE.negate()) == 0) {
                    return BigDecimal.ONE;
                }
                absGreaterThanOne = b.abs().compareTo(BigDecimal.ONE) > 0;
            } else {
                absGreaterThanOne = true;
            }
            return absGreaterThanOne == (sign2 > 0) ? POSITIVE_INFINITY : BigDecimal.ZERO;
        }
        if (base == POSITIVE_INFINITY) {
            return sign2 > 0 ? POSITIVE_INFINITY : BigDecimal.ZERO;
        }
        // -Infinity to a finite power: zero for negative powers, otherwise the sign of an odd integer power.
        if (sign2 < 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal e = (BigDecimal) exp;
        boolean oddInteger = isIntegral(e) && e.toBigInteger().testBit(0);
        return oddInteger ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
    }

    private static boolean isIntegral(BigDecimal v) {
        return v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
    }

    // ---- conversions

    /** numeric to float8: NaN and the infinities become the float values of the same name. */
    public static double toDouble(Object v) {
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        return switch ((NumericSpecial) v) {
            case NAN -> Double.NaN;
            case POSITIVE_INFINITY -> Double.POSITIVE_INFINITY;
            case NEGATIVE_INFINITY -> Double.NEGATIVE_INFINITY;
        };
    }

    /** The special numeric of a float NaN or infinity, or null for a finite float. */
    public static NumericSpecial fromNonFinite(double d) {
        if (Double.isNaN(d)) {
            return NAN;
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
        }
        return null;
    }

    /**
     * numeric to an integer type: NaN and the infinities cannot be converted (0A000, with the target
     * type's C name: integer, bigint, smallint).
     */
    public static long toLong(Object v, SqlType target) {
        if (v instanceof BigDecimal d) {
            return NumericMath.toLong(d, target);
        }
        String name = switch (target) {
            case INT2 -> "smallint";
            case INT8 -> "bigint";
            default -> "integer";
        };
        throw new SqlException("0A000", "cannot convert " + (v == NAN ? "NaN" : "infinity") + " to " + name);
    }

    /**
     * apply_typmod_special: NaN fits every numeric(p,s); an infinity fits none (22003 with
     * PostgreSQL's DETAIL).
     */
    public static Object checkSpecialTypmod(NumericSpecial v, int typmod) {
        if (v == NAN) {
            return v;
        }
        int precision = TypeModifiers.numericPrecision(typmod);
        int scale = TypeModifiers.numericScale(typmod);
        throw new SqlException(ErrorFields.of("ERROR", "22003", "numeric field overflow")
                .detail("A field with precision " + precision + ", scale " + scale + " cannot hold an infinite value.")
                .build());
    }
}

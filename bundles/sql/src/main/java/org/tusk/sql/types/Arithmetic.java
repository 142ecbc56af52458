package org.tusk.sql.types;

import org.tusk.spi.SqlException;

/**
 * Integer and floating-point arithmetic with PostgreSQL's checks: integer results that do not fit
 * their type raise 22003 ("integer out of range"), division by zero raises 22012, float results that
 * overflow or underflow raise 22003 ("value out of range: overflow"/"underflow").
 */
public final class Arithmetic {

    private Arithmetic() {
    }

    public static SqlException outOfRange(SqlType type) {
        return new SqlException("22003", switch (type) {
            case INT2 -> "smallint out of range";
            case INT4 -> "integer out of range";
            case INT8 -> "bigint out of range";
            default -> "value out of range";
        });
    }

    /** Narrows a long result to {@code type}, or raises that type's out-of-range error. */
    public static Object fit(long v, SqlType type) {
        return switch (type) {
            case INT2 -> {
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    throw outOfRange(type);
                }
                yield (short) v;
            }
            case INT4 -> {
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw outOfRange(type);
                }
                yield (int) v;
            }
            default -> v;
        };
    }

    public static long toLong(Object v) {
        return ((Number) v).longValue();
    }

    public static Object add(long a, long b, SqlType type) {
        try {
            return fit(Math.addExact(a, b), type);
        } catch (ArithmeticException e) {
            throw outOfRange(type);
        }
    }

    public static Object subtract(long a, long b, SqlType type) {
        try {
            return fit(Math.subtractExact(a, b), type);
        } catch (ArithmeticException e) {
            throw outOfRange(type);
        }
    }

    public static Object multiply(long a, long b, SqlType type) {
        try {
            return fit(Math.multiplyExact(a, b), type);
        } catch (ArithmeticException e) {
            throw outOfRange(type);
        }
    }

    /** Truncates toward zero, like C; the minimum value divided by -1 overflows. */
    public static Object divide(long a, long b, SqlType type) {
        if (b == 0) {
            throw NumericMath.divisionByZero();
        }
        if (b == -1) {
            return negate(a, type);
        }
        return fit(a / b, type);
    }

    /** The remainder has the sign of the dividend. */
    public static Object mod(long a, long b, SqlType type) {
        if (b == 0) {
            throw NumericMath.divisionByZero();
        }
        if (b == -1) {
            return fit(0, type);
        }
        return fit(a % b, type);
    }

    public static Object negate(long a, SqlType type) {
        try {
            return fit(Math.negateExact(a), type);
        } catch (ArithmeticException e) {
            throw outOfRange(type);
        }
    }

    public static Object abs(long a, SqlType type) {
        return a < 0 ? negate(a, type) : fit(a, type);
    }

    /** Checks a float8 result: infinite from finite inputs is overflow, zero from non-zero is underflow. */
    public static double checkFloat8(double result, boolean infiniteInput, boolean zeroAllowed) {
        if (Double.isInfinite(result) && !infiniteInput) {
            throw new SqlException("22003", "value out of range: overflow");
        }
        if (result == 0.0 && !zeroAllowed) {
            throw new SqlException("22003", "value out of range: underflow");
        }
        return result;
    }

    public static float checkFloat4(float result, boolean infiniteInput, boolean zeroAllowed) {
        if (Float.isInfinite(result) && !infiniteInput) {
            throw new SqlException("22003", "value out of range: overflow");
        }
        if (result == 0.0f && !zeroAllowed) {
            throw new SqlException("22003", "value out of range: underflow");
        }
        return result;
    }
}

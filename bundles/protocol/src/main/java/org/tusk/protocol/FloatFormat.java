package org.tusk.protocol;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * float4 and float8 output as PostgreSQL 12 and later print them (float4out/float8out). With
 * extra_float_digits above zero, the default, a value prints with the fewest digits that read back
 * exactly; with zero or less, with 6 (float4) or 15 (float8) plus extra_float_digits significant
 * digits. Either way the layout is C's %g: exponential notation when the decimal exponent is below -4
 * or at least the precision (6 or 15 for the shortest form), with a two-digit exponent at least.
 * The server's output function and {@link BinaryFormats} (binary to text, as a client shows a value)
 * both use it.
 */
public final class FloatFormat {
    private static final int FLT_DIG = 6;
    private static final int DBL_DIG = 15;

    private FloatFormat() {
    }

    public static String format(double value, boolean float4, int extraFloatDigits) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        int typeDigits = float4 ? FLT_DIG : DBL_DIG;
        String digits;
        int exponent;
        if (extraFloatDigits > 0) {
            // Java's toString is the shortest representation that round-trips (JDK 19 and later).
            BigDecimal shortest = new BigDecimal(float4 ? Float.toString((float) value) : Double.toString(value));
            BigDecimal stripped = shortest.abs().stripTrailingZeros();
            digits = stripped.unscaledValue().toString();
            exponent = digits.length() - 1 - stripped.scale();
        } else {
            int precision = Math.max(1, typeDigits + extraFloatDigits);
            BigDecimal rounded = new BigDecimal(Math.abs(value)).round(new MathContext(precision, RoundingMode.HALF_EVEN))
                    .stripTrailingZeros();
            digits = rounded.unscaledValue().toString();
            exponent = digits.length() - 1 - rounded.scale();
            typeDigits = precision;
        }
        StringBuilder out = new StringBuilder();
        if (value < 0) {
            out.append('-');
        }
        if (exponent < -4 || exponent >= typeDigits) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            if (e < 10) {
                out.append('0');
            }
            out.append(e);
        } else if (exponent < 0) {
            out.append("0.");
            out.append("0".repeat(-exponent - 1));
            out.append(digits);
        } else if (digits.length() <= exponent + 1) {
            out.append(digits);
            out.append("0".repeat(exponent + 1 - digits.length()));
        } else {
            out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
        return out.toString();
    }
}

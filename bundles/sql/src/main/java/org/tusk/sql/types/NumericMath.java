package org.tusk.sql.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

import org.tusk.spi.SqlException;

/**
 * numeric arithmetic with PostgreSQL's result scales. Addition, subtraction and multiplication are
 * exact. Inexact operations choose their scale the way numeric.c does so that the digits printed
 * match: division gives at least 16 significant digits (select_div_scale), square root and power
 * follow their own estimates. PostgreSQL reasons in base-10000 "digits"; the weight helpers below
 * compute the same quantities from a BigDecimal.
 */
public final class NumericMath {
    /** NUMERIC_MIN_SIG_DIGITS: inexact results get at least this many significant digits. */
    private static final int MIN_SIG_DIGITS = 16;
    private static final int MAX_DISPLAY_SCALE = 1000;

    private NumericMath() {
    }

    /** The display scale of a value: digits after the point, never negative. */
    public static int scale(BigDecimal v) {
        return Math.max(0, v.scale());
    }

    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return normalize(a.add(b));
    }

    public static BigDecimal subtract(BigDecimal a, BigDecimal b) {
        return normalize(a.subtract(b));
    }

    public static BigDecimal multiply(BigDecimal a, BigDecimal b) {
        return normalize(a.multiply(b));
    }

    private static BigDecimal normalize(BigDecimal v) {
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /**
     * The base-10000 weight of a non-zero value: the power of 10000 of its first non-zero base-10000
     * digit, with digits aligned on the decimal point.
     */
    static int weight(BigDecimal v) {
        BigDecimal a = v.abs();
        int decimalExponent = a.precision() - a.scale() - 1; // power of ten of the leading digit
        return Math.floorDiv(decimalExponent, 4);
    }

    /** The value of the first non-zero base-10000 digit. */
    static int firstDigit(BigDecimal v) {
        BigDecimal a = v.abs();
        int w = weight(a);
        return a.movePointLeft(4 * w).setScale(0, RoundingMode.DOWN).intValue();
    }

    /** select_div_scale: enough scale for 16 significant digits, and no less than either input's. */
    static int divisionScale(BigDecimal a, BigDecimal b) {
        int weight1 = 0;
        int first1 = 0;
        if (a.signum() != 0) {
            weight1 = weight(a);
            first1 = firstDigit(a);
        }
        int weight2 = 0;
        int first2 = 0;
        if (b.signum() != 0) {
            weight2 = weight(b);
            first2 = firstDigit(b);
        }
        int qweight = weight1 - weight2;
        if (first1 <= first2) {
            qweight--;
        }
        int rscale = MIN_SIG_DIGITS - qweight * 4;
        rscale = Math.max(rscale, scale(a));
        rscale = Math.max(rscale, scale(b));
        return Math.min(Math.max(rscale, 0), MAX_DISPLAY_SCALE);
    }

    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw divisionByZero();
        }
        return a.divide(b, divisionScale(a, b), RoundingMode.HALF_UP);
    }

    /** Remainder with the sign of the dividend; the scale is the larger input scale. */
    public static BigDecimal mod(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw divisionByZero();
        }
        BigDecimal r = a.remainder(b);
        return r.setScale(Math.max(scale(a), scale(b)), RoundingMode.UNNECESSARY);
    }

    public static SqlException divisionByZero() {
        return new SqlException("22012", "division by zero");
    }

    /** sqrt(numeric): scale for 16 significant digits, or the input's scale if larger. */
    public static BigDecimal sqrt(BigDecimal a) {
        if (a.signum() < 0) {
            throw new SqlException("2201F", "cannot take square root of a negative number");
        }
        int w = a.signum() == 0 ? 0 : weight(a);
        int sweight = (w + 1) * 4 / 2 - 1;
        int rscale = Math.max(MIN_SIG_DIGITS - sweight, scale(a));
        rscale = Math.min(Math.max(rscale, 0), MAX_DISPLAY_SCALE);
        return a.sqrt(new MathContext(a.precision() + rscale + 10)).setScale(rscale, RoundingMode.HALF_UP);
    }

    /**
     * numeric ^ numeric. An integral exponent gives an exact power rounded to at least 16 decimal
     * places; otherwise the result has about 16 significant digits, as PostgreSQL's estimate from
     * log10 of the result decides.
     */
    public static BigDecimal power(BigDecimal base, BigDecimal exp) {
        if (base.signum() == 0 && exp.signum() < 0) {
            throw new SqlException("2201F", "zero raised to a negative power is undefined");
        }
        boolean integral = exp.signum() == 0 || exp.stripTrailingZeros().scale() <= 0;
        if (base.signum() < 0 && !integral) {
            throw new SqlException("2201F", "a negative number raised to a non-integer power yields a complex result");
        }
        int baseScale = scale(base);
        int expScale = scale(exp);
        if (integral && exp.abs().compareTo(BigDecimal.valueOf(1_000_000)) <= 0) {
            int n = exp.intValueExact();
            int rscale = Math.min(Math.max(Math.max(MIN_SIG_DIGITS, baseScale), expScale), MAX_DISPLAY_SCALE);
            if (n >= 0) {
                return base.pow(n).setScale(rscale, RoundingMode.HALF_UP);
            }
            BigDecimal denominator = base.pow(-n);
            return BigDecimal.ONE.divide(denominator, rscale, RoundingMode.HALF_UP);
        }
        if (base.signum() == 0) {
            return BigDecimal.ZERO.setScale(Math.max(MIN_SIG_DIGITS, Math.max(baseScale, expScale)));
        }
        double estimate = exp.doubleValue() * Math.log10(base.doubleValue());
        if (estimate > 131072 || estimate < -16383) {
            throw new SqlException("22003", "value overflows numeric format");
        }
        int rscale = MIN_SIG_DIGITS - (int) estimate;
        rscale = Math.max(rscale, Math.max(baseScale, expScale));
        rscale = Math.min(Math.max(rscale, 0), MAX_DISPLAY_SCALE);
        int digits = rscale + Math.max(0, (int) estimate) + 10;
        MathContext mc = new MathContext(digits + 10);
        BigDecimal result = exp(ln(base, mc).multiply(exp, mc), mc);
        return result.setScale(rscale, RoundingMode.HALF_UP);
    }

    /**
     * exp(numeric): PostgreSQL's numeric_exp chooses the result scale so that about 16 significant
     * digits show (from the decimal exponent of the result, x * log10(e)), never less than the
     * argument's scale.
     */
    public static BigDecimal exp(BigDecimal x) {
        double decimalExponent = x.doubleValue() * 0.434294481903252;
        if (decimalExponent > 131072) {
            throw new SqlException("22003", "value overflows numeric format");
        }
        decimalExponent = Math.max(decimalExponent, -MAX_DISPLAY_SCALE);
        int rscale = MIN_SIG_DIGITS - (int) decimalExponent;
        rscale = Math.min(Math.max(Math.max(rscale, scale(x)), 0), MAX_DISPLAY_SCALE);
        int integerDigits = Math.max(0, (int) decimalExponent) + 1;
        BigDecimal r = exp(x, new MathContext(rscale + integerDigits + 8));
        return r.setScale(rscale, RoundingMode.HALF_UP);
    }

    /** ln(numeric): about 16 significant digits (estimate_ln_dweight), at least the argument's scale. */
    public static BigDecimal ln(BigDecimal x) {
        checkLogArgument(x);
        int rscale = MIN_SIG_DIGITS - lnDecimalWeight(x);
        rscale = Math.min(Math.max(Math.max(rscale, scale(x)), 0), MAX_DISPLAY_SCALE);
        return lnTo(x, rscale);
    }

    /**
     * log(base, numeric) as PostgreSQL's log_var: ln(x) / ln(base), with a scale from both estimated
     * weights of the logarithms, at least either argument's scale. log(x) and log10(x) are log(10, x).
     */
    public static BigDecimal log(BigDecimal base, BigDecimal x) {
        checkLogArgument(base);
        checkLogArgument(x);
        int resultWeight = lnDecimalWeight(x) - lnDecimalWeight(base);
        int rscale = MIN_SIG_DIGITS - resultWeight;
        rscale = Math.max(rscale, Math.max(scale(base), scale(x)));
        rscale = Math.min(Math.max(rscale, 0), MAX_DISPLAY_SCALE);
        MathContext mc = new MathContext(rscale + Math.max(0, resultWeight) + 12);
        BigDecimal lnBase = ln(base, mc);
        if (lnBase.signum() == 0) {
            throw divisionByZero();
        }
        return ln(x, mc).divide(lnBase, mc).setScale(rscale, RoundingMode.HALF_UP);
    }

    private static void checkLogArgument(BigDecimal x) {
        if (x.signum() == 0) {
            throw new SqlException("2201E", "cannot take logarithm of zero");
        }
        if (x.signum() < 0) {
            throw new SqlException("2201E", "cannot take logarithm of a negative number");
        }
    }

    private static BigDecimal lnTo(BigDecimal x, int rscale) {
        if (x.compareTo(BigDecimal.ONE) == 0) {
            return BigDecimal.ZERO.setScale(rscale);
        }
        int lnWeight = Math.max(0, lnDecimalWeight(x));
        return ln(x, new MathContext(rscale + lnWeight + 12)).setScale(rscale, RoundingMode.HALF_UP);
    }

    /**
     * PostgreSQL's estimate_ln_dweight: the decimal weight (exponent of the leading digit) of ln(x)
     * for a positive x; near 1 that of x - 1, elsewhere from a double estimate of ln(x).
     */
    static int lnDecimalWeight(BigDecimal x) {
        if (x.signum() <= 0) {
            return 0;
        }
        if (x.compareTo(new BigDecimal("0.9")) >= 0 && x.compareTo(new BigDecimal("1.1")) <= 0) {
            BigDecimal d = x.subtract(BigDecimal.ONE);
            return d.signum() == 0 ? 0 : d.precision() - d.scale() - 1;
        }
        BigDecimal r = x.round(new MathContext(8));
        double lnx = Math.log(r.unscaledValue().doubleValue()) - r.scale() * Math.log(10);
        return (int) Math.log10(Math.abs(lnx));
    }

    /** Natural logarithm of a positive value, to the precision of {@code mc}. */
    static BigDecimal ln(BigDecimal x, MathContext mc) {
        MathContext work = new MathContext(mc.getPrecision() + 10);
        // x = m * 10^k with m in [1, 10): ln x = ln m + k ln 10.
        int k = x.precision() - x.scale() - 1;
        BigDecimal m = x.movePointLeft(k);
        BigDecimal lnM = lnNearOne(m, work);
        if (k == 0) {
            return lnM.round(mc);
        }
        BigDecimal ln10 = lnNearOne(BigDecimal.TEN, work);
        return lnM.add(ln10.multiply(BigDecimal.valueOf(k), work), work).round(mc);
    }

    /** ln by repeated square roots toward 1, then the atanh series. */
    private static BigDecimal lnNearOne(BigDecimal m, MathContext mc) {
        int halvings = 0;
        BigDecimal y = m;
        BigDecimal limit = new BigDecimal("1.01");
        BigDecimal lower = new BigDecimal("0.99");
        while (y.compareTo(limit) > 0 || y.compareTo(lower) < 0) {
            y = y.sqrt(mc);
            halvings++;
        }
        BigDecimal z = y.subtract(BigDecimal.ONE).divide(y.add(BigDecimal.ONE), mc);
        BigDecimal z2 = z.multiply(z, mc);
        BigDecimal term = z;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 2);
        for (int n = 1; term.abs().compareTo(epsilon) > 0; n += 2) {
            sum = sum.add(term.divide(BigDecimal.valueOf(n), mc), mc);
            term = term.multiply(z2, mc);
        }
        return sum.multiply(BigDecimal.valueOf(2).multiply(BigDecimal.valueOf(2).pow(halvings)), mc);
    }

    /** e^x to the precision of {@code mc}, by halving the argument and squaring back. */
    static BigDecimal exp(BigDecimal x, MathContext mc) {
        MathContext work = new MathContext(mc.getPrecision() + 10);
        int halvings = 0;
        BigDecimal y = x;
        while (y.abs().compareTo(new BigDecimal("0.01")) > 0) {
            y = y.divide(BigDecimal.valueOf(2), work);
            halvings++;
        }
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(work.getPrecision() + 2);
        for (int n = 1; term.abs().compareTo(epsilon) > 0; n++) {
            term = term.multiply(y, work).divide(BigDecimal.valueOf(n), work);
            sum = sum.add(term, work);
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, work);
        }
        return sum.round(mc);
    }

    /** round(numeric, s): half away from zero; a negative s rounds left of the point. */
    public static BigDecimal round(BigDecimal v, int s) {
        BigDecimal r = v.setScale(s, RoundingMode.HALF_UP);
        return s < 0 ? r.setScale(0) : r;
    }

    public static BigDecimal trunc(BigDecimal v, int s) {
        BigDecimal r = v.setScale(s, RoundingMode.DOWN);
        return s < 0 ? r.setScale(0) : r;
    }

    /** The value as a long if it is integral and fits, rounding half away from zero as numeric_int8 does. */
    public static long toLong(BigDecimal v, SqlType target) {
        BigInteger i = v.setScale(0, RoundingMode.HALF_UP).toBigInteger();
        if (i.bitLength() > 63) {
            throw Arithmetic.outOfRange(target);
        }
        return i.longValue();
    }
}

package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.NUMERIC;

import java.util.List;

import org.tusk.sql.types.Numeric;

/**
 * The numeric functions of PostgreSQL's "Mathematical Functions" table that only numeric has: div
 * (truncated quotient), scale, min_scale, trim_scale and width_bucket, and gcd/lcm of numeric. The other numeric functions (abs, round,
 * power, ...) are registered beside their integer and float overloads in {@link Functions}. NaN and the
 * infinities follow numeric.c: scale and min_scale of them are null, trim_scale leaves them alone,
 * div of an infinity is an infinity (or NaN, or 22012 for a zero divisor), gcd and lcm of them are NaN,
 * width_bucket refuses NaN and infinite bounds.
 */
final class NumericFunctions {

    private NumericFunctions() {
    }

    static void register(CatalogInfoFunctions.Sink f) {
        f.add("div", List.of(NUMERIC, NUMERIC), NUMERIC, (a, c) -> Numeric.divTrunc(a[0], a[1]));
        f.add("scale", List.of(NUMERIC), INT4, (a, c) -> Numeric.scaleOf(a[0]));
        f.add("min_scale", List.of(NUMERIC), INT4, (a, c) -> Numeric.minScale(a[0]));
        f.add("trim_scale", List.of(NUMERIC), NUMERIC, (a, c) -> Numeric.trimScale(a[0]));
        f.add("gcd", List.of(NUMERIC, NUMERIC), NUMERIC, (a, c) -> Numeric.gcd(a[0], a[1]));
        f.add("lcm", List.of(NUMERIC, NUMERIC), NUMERIC, (a, c) -> Numeric.lcm(a[0], a[1]));
        f.add("width_bucket", List.of(NUMERIC, NUMERIC, NUMERIC, INT4), INT4,
                (a, c) -> Numeric.widthBucket(a[0], a[1], a[2], (Integer) a[3]));
    }
}

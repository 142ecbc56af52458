package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.NUMERIC;

import java.util.List;

import org.tusk.sql.types.Numeric;

/**
 * The numeric functions of PostgreSQL's "Mathematical Functions" table that only numeric has: div
 * (truncated quotient), scale, min_scale and trim_scale. The other numeric functions (abs, round,
 * power, ...) are registered beside their integer and float overloads in {@link Functions}. NaN and the
 * infinities follow numeric.c: scale and min_scale of them are null, trim_scale leaves them alone,
 * div of an infinity is an infinity (or NaN, or 22012 for a zero divisor).
 */
final class NumericFunctions {

    private NumericFunctions() {
    }

    static void register(CatalogInfoFunctions.Sink f) {
        f.add("div", List.of(NUMERIC, NUMERIC), NUMERIC, (a, c) -> Numeric.divTrunc(a[0], a[1]));
        f.add("scale", List.of(NUMERIC), INT4, (a, c) -> Numeric.scaleOf(a[0]));
        f.add("min_scale", List.of(NUMERIC), INT4, (a, c) -> Numeric.minScale(a[0]));
        f.add("trim_scale", List.of(NUMERIC), NUMERIC, (a, c) -> Numeric.trimScale(a[0]));
    }
}

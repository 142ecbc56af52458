package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.BOOL;
import static org.tusk.sql.types.SqlType.TEXT;

import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.types.RangeValue;
import org.tusk.sql.types.Ranges;
import org.tusk.sql.types.SqlType;

/**
 * The range types' operators and functions. PostgreSQL declares them once over anyrange (and
 * anyelement for the subtype); here they are registered once per built-in range type, which resolves
 * as the polymorphic declaration does for arguments of one range type.
 */
final class RangeFunctions {
    static final SqlType[] RANGES = {SqlType.INT4RANGE, SqlType.NUMRANGE, SqlType.TSRANGE, SqlType.TSTZRANGE,
        SqlType.DATERANGE, SqlType.INT8RANGE};

    /** Where operators and functions are registered. */
    interface Sink {
        void add(String name, List<SqlType> args, SqlType result, Routine.Body body);
    }

    /** A test of two ranges. */
    private interface Test {
        boolean test(SqlType type, RangeValue a, RangeValue b);
    }

    /** A range of two ranges. */
    private interface Combine {
        RangeValue apply(SqlType type, RangeValue a, RangeValue b);
    }

    private RangeFunctions() {
    }

    static void registerOperators(Sink op) {
        for (SqlType r : RANGES) {
            SqlType sub = r.rangeSubtype();
            op.add("=", List.of(r, r), BOOL, (a, c) -> Ranges.compare(r, range(a[0]), range(a[1])) == 0);
            op.add("<>", List.of(r, r), BOOL, (a, c) -> Ranges.compare(r, range(a[0]), range(a[1])) != 0);
            op.add("<", List.of(r, r), BOOL, (a, c) -> Ranges.compare(r, range(a[0]), range(a[1])) < 0);
            op.add(">", List.of(r, r), BOOL, (a, c) -> Ranges.compare(r, range(a[0]), range(a[1])) > 0);
            op.add("<=", List.of(r, r), BOOL, (a, c) -> Ranges.compare(r, range(a[0]), range(a[1])) <= 0);
            op.add(">=", List.of(r, r), BOOL, (a, c) -> Ranges.compare(r, range(a[0]), range(a[1])) >= 0);
            test(op, "@>", r, Ranges::contains);
            test(op, "<@", r, (t, x, y) -> Ranges.contains(t, y, x));
            test(op, "&&", r, Ranges::overlaps);
            test(op, "<<", r, Ranges::before);
            test(op, ">>", r, Ranges::after);
            test(op, "&<", r, Ranges::overLeft);
            test(op, "&>", r, Ranges::overRight);
            test(op, "-|-", r, Ranges::adjacent);
            combine(op, "+", r, Ranges::union);
            combine(op, "*", r, Ranges::intersect);
            combine(op, "-", r, Ranges::minus);
            op.add("@>", List.of(r, sub), BOOL, (a, c) -> Ranges.containsElement(r, range(a[0]), a[1]));
            op.add("<@", List.of(sub, r), BOOL, (a, c) -> Ranges.containsElement(r, range(a[1]), a[0]));
        }
    }

    /**
     * Whether {@code r} is a range's element operator (range @> element, element <@ range) chosen for an
     * element of another type than the subtype. PostgreSQL declares them over anyrange and anyelement,
     * which bind to the subtype itself: numrange @> integer does not exist there, although integer
     * converts to numeric implicitly.
     */
    static boolean coercesElement(Routine r, List<SqlType> actual) {
        if (r == null || r == Candidates.AMBIGUOUS || r.args().size() != 2 || r.result() != BOOL) {
            return false;
        }
        for (int i = 0; i < 2; i++) {
            SqlType range = r.args().get(i);
            SqlType element = r.args().get(1 - i);
            SqlType given = actual.get(1 - i);
            if (range.isRange() && element == range.rangeSubtype() && given != element && given != SqlType.UNKNOWN) {
                return true;
            }
        }
        return false;
    }

    private static void test(Sink op, String name, SqlType r, Test t) {
        op.add(name, List.of(r, r), BOOL, (a, c) -> t.test(r, range(a[0]), range(a[1])));
    }

    private static void combine(Sink op, String name, SqlType r, Combine f) {
        op.add(name, List.of(r, r), r, (a, c) -> f.apply(r, range(a[0]), range(a[1])));
    }

    /**
     * The constructors (range_constructor2/3, not strict: a NULL bound is an infinite one) and the
     * functions of the "Range Functions" table.
     */
    static void registerFunctions(Sink f, Sink nonStrict) {
        for (SqlType r : RANGES) {
            SqlType sub = r.rangeSubtype();
            String name = r.internalName();
            nonStrict.add(name, List.of(sub, sub), r, (a, c) -> Ranges.make(r, a[0], true, a[1], false));
            nonStrict.add(name, List.of(sub, sub, TEXT), r, (a, c) -> {
                if (a[2] == null) {
                    throw new SqlException("22000", "range constructor flags argument must not be null");
                }
                String flags = (String) a[2];
                return Ranges.make(r, a[0], lowerInclusive(flags), a[1], upperInclusive(flags));
            });
            f.add("lower", List.of(r), sub, (a, c) -> range(a[0]).lower());
            f.add("upper", List.of(r), sub, (a, c) -> range(a[0]).upper());
            f.add("isempty", List.of(r), BOOL, (a, c) -> range(a[0]).empty());
            f.add("lower_inc", List.of(r), BOOL, (a, c) -> range(a[0]).lowerInc());
            f.add("upper_inc", List.of(r), BOOL, (a, c) -> range(a[0]).upperInc());
            f.add("lower_inf", List.of(r), BOOL, (a, c) -> range(a[0]).lowerInfinite());
            f.add("upper_inf", List.of(r), BOOL, (a, c) -> range(a[0]).upperInfinite());
            f.add("range_merge", List.of(r, r), r, (a, c) -> Ranges.merge(r, range(a[0]), range(a[1])));
            if (Ranges.discrete(r)) {
                // Values are kept canonical, so pg_range's canonical function has nothing left to do.
                f.add(name + "_canonical", List.of(r), r, (a, c) -> a[0]);
            }
        }
        subdiffs(f);
    }

    /** pg_range's subdiff functions: the difference of two subtype values as a float8 (seconds for timestamps). */
    private static void subdiffs(Sink f) {
        f.add("int4range_subdiff", List.of(SqlType.INT4, SqlType.INT4), SqlType.FLOAT8,
                (a, c) -> (double) ((Integer) a[0] - (long) (Integer) a[1]));
        f.add("int8range_subdiff", List.of(SqlType.INT8, SqlType.INT8), SqlType.FLOAT8,
                (a, c) -> (double) (Long) a[0] - (double) (Long) a[1]);
        f.add("numrange_subdiff", List.of(SqlType.NUMERIC, SqlType.NUMERIC), SqlType.FLOAT8,
                (a, c) -> ((java.math.BigDecimal) a[0]).subtract((java.math.BigDecimal) a[1]).doubleValue());
        f.add("daterange_subdiff", List.of(SqlType.DATE, SqlType.DATE), SqlType.FLOAT8,
                (a, c) -> (double) java.time.temporal.ChronoUnit.DAYS.between((java.time.LocalDate) a[1],
                        (java.time.LocalDate) a[0]));
        f.add("tsrange_subdiff", List.of(SqlType.TIMESTAMP, SqlType.TIMESTAMP), SqlType.FLOAT8,
                (a, c) -> java.time.temporal.ChronoUnit.MICROS.between((java.time.LocalDateTime) a[1],
                        (java.time.LocalDateTime) a[0]) / 1_000_000.0);
        f.add("tstzrange_subdiff", List.of(SqlType.TIMESTAMPTZ, SqlType.TIMESTAMPTZ), SqlType.FLOAT8,
                (a, c) -> java.time.temporal.ChronoUnit.MICROS.between((java.time.Instant) a[1],
                        (java.time.Instant) a[0]) / 1_000_000.0);
    }

    /** range_parse_flags: exactly two characters, '[' or '(' then ']' or ')'. */
    private static boolean lowerInclusive(String flags) {
        checkFlags(flags);
        return flags.charAt(0) == '[';
    }

    private static boolean upperInclusive(String flags) {
        return flags.charAt(1) == ']';
    }

    private static void checkFlags(String flags) {
        if (flags.length() != 2 || "[(".indexOf(flags.charAt(0)) < 0 || "])".indexOf(flags.charAt(1)) < 0) {
            throw new SqlException(ErrorFields.of("ERROR", "42601", "invalid range bound flags")
                    .hint("Valid values are \"[]\", \"[)\", \"(]\", and \"()\".").build());
        }
    }

    private static RangeValue range(Object v) {
        return (RangeValue) v;
    }
}

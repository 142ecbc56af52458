package org.tusk.sql.types;

import java.time.LocalDate;

import org.tusk.protocol.RangeFormats;
import org.tusk.spi.SqlException;
import org.tusk.sql.eval.Ordering;

/**
 * The range types' semantics, as rangetypes.c defines them: construction (range_serialize with the
 * discrete types' canonical functions), input and output, the B-tree order (range_cmp) and the
 * operators, all stated in terms of bounds compared by range_cmp_bounds.
 */
public final class Ranges {

    private Ranges() {
    }

    /** One bound: its value (null when infinite), whether it is inclusive, and which end it is. */
    private record Bound(Object value, boolean inclusive, boolean lower) {
        boolean infinite() {
            return value == null;
        }
    }

    private static Bound lower(RangeValue r) {
        return new Bound(r.lower(), r.lowerInc(), true);
    }

    private static Bound upper(RangeValue r) {
        return new Bound(r.upper(), r.upperInc(), false);
    }

    /**
     * make_range: a range from two bounds (null values are infinite), refusing a lower bound above the
     * upper (22000), empty when both are equal and not both inclusive, then canonical for the discrete
     * types (int4range, int8range, daterange: [) with the next value of the subtype).
     */
    public static RangeValue make(SqlType type, Object lower, boolean lowerInc, Object upper, boolean upperInc) {
        RangeValue r = serialize(type, lower, lowerInc, upper, upperInc);
        if (r.empty() || !discrete(type)) {
            return r;
        }
        Object l = r.lower();
        boolean li = r.lowerInc();
        Object u = r.upper();
        boolean ui = r.upperInc();
        // daterange_canonical leaves infinite dates (and their inclusivity) as they are.
        if (l != null && !li && DateInfinity.isFinite(l)) {
            l = next(type.rangeSubtype(), l);
            li = true;
        }
        if (u != null && ui && DateInfinity.isFinite(u)) {
            u = next(type.rangeSubtype(), u);
            ui = false;
        }
        return serialize(type, l, li, u, ui);
    }

    private static RangeValue serialize(SqlType type, Object lower, boolean lowerInc, Object upper,
            boolean upperInc) {
        if (lower != null && upper != null) {
            int cmp = Ordering.compare(lower, upper, type.rangeSubtype());
            if (cmp > 0) {
                throw new SqlException("22000", "range lower bound must be less than or equal to range upper bound");
            }
            if (cmp == 0 && !(lowerInc && upperInc)) {
                return RangeValue.EMPTY;
            }
        }
        // Infinite bounds are never inclusive.
        return new RangeValue(false, lower, lower != null && lowerInc, upper, upper != null && upperInc);
    }

    /** Whether the range type has a canonical function (the discrete built-in ranges). */
    public static boolean discrete(SqlType type) {
        return type == SqlType.INT4RANGE || type == SqlType.INT8RANGE || type == SqlType.DATERANGE;
    }

    /** The value after {@code v} of a discrete subtype (int4range_canonical's +1, with its overflow error). */
    private static Object next(SqlType subtype, Object v) {
        return switch (subtype) {
            case INT4 -> Arithmetic.add((Integer) v, 1, SqlType.INT4);
            case INT8 -> Arithmetic.add((Long) v, 1, SqlType.INT8);
            case DATE -> ((LocalDate) v).plusDays(1);
            default -> throw new IllegalStateException("no canonical form for " + subtype);
        };
    }

    /** range_in: the literal's syntax (22P02 with range_parse's DETAIL), then each bound's input function. */
    public static RangeValue parse(SqlType type, String text, TypeContext ctx) {
        RangeFormats.TextRange t;
        try {
            t = RangeFormats.parse(text);
        } catch (RangeFormats.MalformedRangeException e) {
            throw TypeInput.malformed(e.getMessage(), e.detail());
        }
        if (t.empty()) {
            return RangeValue.EMPTY;
        }
        SqlType subtype = type.rangeSubtype();
        Object lower = t.lower() == null ? null : TypeInput.parse(subtype, t.lower(), ctx);
        Object upper = t.upper() == null ? null : TypeInput.parse(subtype, t.upper(), ctx);
        return make(type, lower, t.lowerInc(), upper, t.upperInc());
    }

    /** range_out: each bound through the subtype's output function, quoted where range_out quotes. */
    public static String format(SqlType type, RangeValue r, TypeContext ctx) {
        if (r.empty()) {
            return "empty";
        }
        SqlType subtype = type.rangeSubtype();
        return RangeFormats.format(new RangeFormats.TextRange(false,
                r.lower() == null ? null : TypeOutput.format(subtype, r.lower(), ctx), r.lowerInc(),
                r.upper() == null ? null : TypeOutput.format(subtype, r.upper(), ctx), r.upperInc()));
    }

    /** range_cmp: empty first, then by lower bound, then by upper bound. */
    public static int compare(SqlType type, RangeValue a, RangeValue b) {
        if (a.empty() || b.empty()) {
            return Boolean.compare(!a.empty(), !b.empty());
        }
        int cmp = compareBounds(type, lower(a), lower(b));
        return cmp != 0 ? cmp : compareBounds(type, upper(a), upper(b));
    }

    /**
     * range_cmp_bounds: infinities first or last by the end they are, then the values, then at equal
     * values an inclusive lower bound before an exclusive one and an exclusive upper before an inclusive.
     */
    private static int compareBounds(SqlType type, Bound a, Bound b) {
        if (a.infinite() || b.infinite()) {
            return compareInfinite(a, b);
        }
        int cmp = Ordering.compare(a.value(), b.value(), type.rangeSubtype());
        if (cmp != 0 || a.inclusive() && b.inclusive()) {
            return cmp;
        }
        if (!a.inclusive() && !b.inclusive()) {
            return a.lower() == b.lower() ? 0 : a.lower() ? 1 : -1;
        }
        if (!a.inclusive()) {
            return a.lower() ? 1 : -1;
        }
        return b.lower() ? -1 : 1;
    }

    /** range_cmp_bound_values: as compareBounds but without inclusivity. */
    private static int compareBoundValues(SqlType type, Bound a, Bound b) {
        if (a.infinite() || b.infinite()) {
            return compareInfinite(a, b);
        }
        return Ordering.compare(a.value(), b.value(), type.rangeSubtype());
    }

    private static int compareInfinite(Bound a, Bound b) {
        if (a.infinite() && b.infinite()) {
            return a.lower() == b.lower() ? 0 : a.lower() ? -1 : 1;
        }
        if (a.infinite()) {
            return a.lower() ? -1 : 1;
        }
        return b.lower() ? 1 : -1;
    }

    /** range @> range (range_contains_internal): an empty range is in every range. */
    public static boolean contains(SqlType type, RangeValue a, RangeValue b) {
        if (b.empty()) {
            return true;
        }
        if (a.empty()) {
            return false;
        }
        return compareBounds(type, lower(a), lower(b)) <= 0 && compareBounds(type, upper(a), upper(b)) >= 0;
    }

    /** range @> element (range_contains_elem_internal). */
    public static boolean containsElement(SqlType type, RangeValue r, Object v) {
        if (r.empty()) {
            return false;
        }
        SqlType subtype = type.rangeSubtype();
        if (r.lower() != null) {
            int cmp = Ordering.compare(r.lower(), v, subtype);
            if (cmp > 0 || cmp == 0 && !r.lowerInc()) {
                return false;
            }
        }
        if (r.upper() != null) {
            int cmp = Ordering.compare(r.upper(), v, subtype);
            return cmp > 0 || cmp == 0 && r.upperInc();
        }
        return true;
    }

    /** && (range_overlaps_internal). */
    public static boolean overlaps(SqlType type, RangeValue a, RangeValue b) {
        if (a.empty() || b.empty()) {
            return false;
        }
        return compareBounds(type, lower(a), lower(b)) >= 0 && compareBounds(type, lower(a), upper(b)) <= 0
                || compareBounds(type, lower(b), lower(a)) >= 0 && compareBounds(type, lower(b), upper(a)) <= 0;
    }

    /** << (range_before_internal): strictly left of. */
    public static boolean before(SqlType type, RangeValue a, RangeValue b) {
        return !a.empty() && !b.empty() && compareBounds(type, upper(a), lower(b)) < 0;
    }

    /** >> (range_after_internal): strictly right of. */
    public static boolean after(SqlType type, RangeValue a, RangeValue b) {
        return !a.empty() && !b.empty() && compareBounds(type, lower(a), upper(b)) > 0;
    }

    /** &lt; (range_overleft_internal): does not extend to the right of. */
    public static boolean overLeft(SqlType type, RangeValue a, RangeValue b) {
        return !a.empty() && !b.empty() && compareBounds(type, upper(a), upper(b)) <= 0;
    }

    /** &gt; (range_overright_internal): does not extend to the left of. */
    public static boolean overRight(SqlType type, RangeValue a, RangeValue b) {
        return !a.empty() && !b.empty() && compareBounds(type, lower(a), lower(b)) >= 0;
    }

    /** -|- (range_adjacent_internal). */
    public static boolean adjacent(SqlType type, RangeValue a, RangeValue b) {
        if (a.empty() || b.empty()) {
            return false;
        }
        return boundsAdjacent(type, upper(a), lower(b)) || boundsAdjacent(type, upper(b), lower(a));
    }

    /**
     * bounds_adjacent: an upper bound meets a lower one when their values are equal and exactly one is
     * inclusive, or, for a discrete type, when nothing lies between them.
     */
    private static boolean boundsAdjacent(SqlType type, Bound upper, Bound lower) {
        int cmp = compareBoundValues(type, upper, lower);
        if (cmp < 0) {
            if (!discrete(type)) {
                return false; // a continuous subtype has values between any two
            }
            return make(type, upper.value(), !upper.inclusive(), lower.value(), !lower.inclusive()).empty();
        }
        return cmp == 0 && upper.inclusive() != lower.inclusive();
    }

    /** + (range_union): 22000 when the ranges neither overlap nor touch. */
    public static RangeValue union(SqlType type, RangeValue a, RangeValue b) {
        return union(type, a, b, true);
    }

    /** range_merge: the smallest range that includes both, gaps and all. */
    public static RangeValue merge(SqlType type, RangeValue a, RangeValue b) {
        return union(type, a, b, false);
    }

    private static RangeValue union(SqlType type, RangeValue a, RangeValue b, boolean strict) {
        if (a.empty()) {
            return b;
        }
        if (b.empty()) {
            return a;
        }
        if (strict && !overlaps(type, a, b) && !adjacent(type, a, b)) {
            throw new SqlException("22000", "result of range union would not be contiguous");
        }
        Bound l = compareBounds(type, lower(a), lower(b)) < 0 ? lower(a) : lower(b);
        Bound u = compareBounds(type, upper(a), upper(b)) > 0 ? upper(a) : upper(b);
        return make(type, l.value(), l.inclusive(), u.value(), u.inclusive());
    }

    /** * (range_intersect). */
    public static RangeValue intersect(SqlType type, RangeValue a, RangeValue b) {
        if (a.empty() || b.empty() || !overlaps(type, a, b)) {
            return RangeValue.EMPTY;
        }
        Bound l = compareBounds(type, lower(a), lower(b)) >= 0 ? lower(a) : lower(b);
        Bound u = compareBounds(type, upper(a), upper(b)) <= 0 ? upper(a) : upper(b);
        return make(type, l.value(), l.inclusive(), u.value(), u.inclusive());
    }

    /** - (range_minus_internal): 22000 when the result would be two pieces. */
    public static RangeValue minus(SqlType type, RangeValue a, RangeValue b) {
        if (a.empty() || b.empty()) {
            return a;
        }
        int l1l2 = compareBounds(type, lower(a), lower(b));
        int l1u2 = compareBounds(type, lower(a), upper(b));
        int u1l2 = compareBounds(type, upper(a), lower(b));
        int u1u2 = compareBounds(type, upper(a), upper(b));
        if (l1l2 < 0 && u1u2 > 0) {
            throw new SqlException("22000", "result of range difference would not be contiguous");
        }
        if (l1u2 > 0 || u1l2 < 0) {
            return a;
        }
        if (l1l2 >= 0 && u1u2 <= 0) {
            return RangeValue.EMPTY;
        }
        if (l1l2 <= 0 && u1l2 >= 0 && u1u2 <= 0) {
            return make(type, a.lower(), a.lowerInc(), b.lower(), !b.lowerInc());
        }
        return make(type, b.upper(), !b.upperInc(), a.upper(), a.upperInc());
    }

    /** A hash key under which ranges that compare equal are equal (numrange's [1.0,2) and [1.00,2)). */
    public static Object hashKey(SqlType type, RangeValue r) {
        if (r.empty()) {
            return r;
        }
        SqlType subtype = type.rangeSubtype();
        return java.util.Arrays.asList(r.lower() == null ? null : Ordering.hashKey(r.lower(), subtype), r.lowerInc(),
                r.upper() == null ? null : Ordering.hashKey(r.upper(), subtype), r.upperInc());
    }
}

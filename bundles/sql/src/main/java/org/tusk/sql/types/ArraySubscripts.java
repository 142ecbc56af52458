package org.tusk.sql.types;

import java.util.List;

/**
 * Reading array elements and slices by subscript, with PostgreSQL's rules (array_get_element,
 * array_get_slice): a subscript outside the array, or a number of subscripts different from the
 * array's dimensions, gives NULL; a slice is clipped to the array's bounds, is empty when nothing is
 * left, and starts at subscript 1.
 */
public final class ArraySubscripts {

    private ArraySubscripts() {
    }

    /** {@code a[at[0]][at[1]]...}: the element, or null when it is NULL or outside the array. */
    public static Object fetch(ArrayValue a, int[] at) {
        if (at.length != 1) {
            return null;
        }
        int i = at[0] - a.lowerBound();
        List<Object> elements = a.elements();
        return i < 0 || i >= elements.size() ? null : elements.get(i);
    }

    /**
     * {@code a[lo[0]:hi[0]]...}: a null bound was left out and means the array's own bound. More
     * bounds than dimensions give an empty array.
     */
    public static ArrayValue slice(ArrayValue a, Integer[] lo, Integer[] hi) {
        List<Object> elements = a.elements();
        if (lo.length != 1 || elements.isEmpty()) {
            return new ArrayValue(1, List.of());
        }
        int lower = lo[0] == null ? a.lowerBound() : Math.max(lo[0], a.lowerBound());
        int upper = a.lowerBound() + elements.size() - 1;
        if (hi[0] != null) {
            upper = Math.min(hi[0], upper);
        }
        if (lower > upper) {
            return new ArrayValue(1, List.of());
        }
        return new ArrayValue(1, elements.subList(lower - a.lowerBound(), upper - a.lowerBound() + 1));
    }
}

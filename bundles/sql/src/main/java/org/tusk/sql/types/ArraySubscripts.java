package org.tusk.sql.types;

import java.util.ArrayList;
import java.util.List;

/**
 * Reading array elements and slices by subscript, with PostgreSQL's rules (array_get_element,
 * array_get_slice): a subscript outside the array, or a number of subscripts different from the
 * array's dimensions, gives NULL; a slice is clipped to the array's bounds, is empty when nothing is
 * left in some dimension, and starts at subscript 1 in every dimension. A slice with fewer bounds
 * than the array has dimensions takes the remaining dimensions whole; with more, it is empty.
 */
public final class ArraySubscripts {

    private ArraySubscripts() {
    }

    /** {@code a[at[0]][at[1]]...}: the element, or null when it is NULL or outside the array. */
    public static Object fetch(ArrayValue a, int[] at) {
        if (at.length != a.ndim()) {
            return null;
        }
        int offset = 0;
        for (int d = 0; d < at.length; d++) {
            int i = at[d] - a.lowerBound(d);
            if (i < 0 || i >= a.dim(d)) {
                return null;
            }
            offset = offset * a.dim(d) + i;
        }
        return a.elements().get(offset);
    }

    /**
     * {@code a[lo[0]:hi[0]]...}: a null bound was left out and means the array's own bound.
     */
    public static ArrayValue slice(ArrayValue a, Integer[] lo, Integer[] hi) {
        int n = a.ndim();
        if (lo.length > n || n == 0) {
            return ArrayValue.empty();
        }
        int[] from = new int[n];
        int[] size = new int[n];
        for (int d = 0; d < n; d++) {
            int lower = d < lo.length && lo[d] != null ? Math.max(lo[d], a.lowerBound(d)) : a.lowerBound(d);
            int upper = d < hi.length && hi[d] != null ? Math.min(hi[d], a.upperBound(d)) : a.upperBound(d);
            if (lower > upper) {
                return ArrayValue.empty();
            }
            from[d] = lower - a.lowerBound(d);
            size[d] = upper - lower + 1;
        }
        List<Object> out = new ArrayList<>();
        copy(a, 0, 0, from, size, out);
        int[] ones = new int[n];
        java.util.Arrays.fill(ones, 1);
        return new ArrayValue(size, ones, out);
    }

    /** Appends, in row-major order, the elements of the box {@code from .. from+size} below dimension d. */
    private static void copy(ArrayValue a, int d, int offset, int[] from, int[] size, List<Object> out) {
        for (int i = from[d]; i < from[d] + size[d]; i++) {
            int at = offset * a.dim(d) + i;
            if (d + 1 == a.ndim()) {
                out.add(a.elements().get(at));
            } else {
                copy(a, d + 1, at, from, size, out);
            }
        }
    }
}

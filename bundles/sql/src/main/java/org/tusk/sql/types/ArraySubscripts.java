package org.tusk.sql.types;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;

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

    /**
     * array_set_element: {@code a} with the element at {@code at} set to {@code value}. A NULL or empty
     * array becomes one holding just that element at those subscripts; a one-dimensional array grows at
     * either end, filling the gap with NULLs; an array of more dimensions only takes subscripts inside it.
     */
    public static ArrayValue assign(ArrayValue a, int[] at, Object value) {
        if (at.length > org.tusk.protocol.ArrayFormats.MAX_DIMENSIONS) {
            throw new SqlException("54000", "number of array dimensions (" + at.length
                    + ") exceeds the maximum allowed (" + org.tusk.protocol.ArrayFormats.MAX_DIMENSIONS + ")");
        }
        if (a == null || a.isEmpty()) {
            int[] ones = new int[at.length];
            java.util.Arrays.fill(ones, 1);
            return new ArrayValue(ones, at.clone(), java.util.Collections.singletonList(value));
        }
        if (at.length != a.ndim()) {
            throw new SqlException("2202E", "wrong number of array subscripts");
        }
        if (a.ndim() == 1) {
            int lower = Math.min(a.lowerBound(), at[0]);
            int upper = Math.max(a.upperBound(0), at[0]);
            List<Object> out = new ArrayList<>(java.util.Collections.nCopies(upper - lower + 1, null));
            for (int i = 0; i < a.dim(0); i++) {
                out.set(a.lowerBound() - lower + i, a.elements().get(i));
            }
            out.set(at[0] - lower, value);
            return new ArrayValue(lower, out);
        }
        int offset = 0;
        for (int d = 0; d < at.length; d++) {
            int i = at[d] - a.lowerBound(d);
            if (i < 0 || i >= a.dim(d)) {
                throw new SqlException("2202E", "array subscript out of range");
            }
            offset = offset * a.dim(d) + i;
        }
        List<Object> out = new ArrayList<>(a.elements());
        out.set(offset, value);
        return a.withElements(out);
    }
}

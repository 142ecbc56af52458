package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.SqlType;

/**
 * What the array operators and functions compute, as arrayfuncs.c and array_userfuncs.c do:
 * concatenation with its dimension rules, btree ordering, containment and overlap, searching,
 * removing and replacing elements. Elements compare with their type's own ordering.
 */
final class ArrayOperations {

    private ArrayOperations() {
    }

    /** array_cmp: elements in order (NULL after everything), then count, dimensions and lower bounds. */
    static int compare(ArrayValue a, ArrayValue b, SqlType element) {
        List<Object> x = a.elements();
        List<Object> y = b.elements();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            Object p = x.get(i);
            Object q = y.get(i);
            int c = p == null ? (q == null ? 0 : 1) : (q == null ? -1 : Ordering.compare(p, q, element));
            if (c != 0) {
                return c;
            }
        }
        if (x.size() != y.size()) {
            return Integer.compare(x.size(), y.size());
        }
        if (a.ndim() != b.ndim()) {
            return Integer.compare(a.ndim(), b.ndim());
        }
        for (int d = 0; d < a.ndim(); d++) {
            if (a.dim(d) != b.dim(d)) {
                return Integer.compare(a.dim(d), b.dim(d));
            }
            if (a.lowerBound(d) != b.lowerBound(d)) {
                return Integer.compare(a.lowerBound(d), b.lowerBound(d));
            }
        }
        return 0;
    }

    private static boolean equal(Object p, Object q, SqlType element) {
        return p != null && q != null && Ordering.compare(p, q, element) == 0;
    }

    /** Whether {@code p} IS NOT DISTINCT FROM {@code q} (array_position, array_remove, array_replace). */
    private static boolean same(Object p, Object q, SqlType element) {
        return p == null ? q == null : equal(p, q, element);
    }

    /**
     * array_contain_compare: with {@code all}, whether every element of {@code b} is in {@code a} (a NULL
     * in {@code b} is never found); without, whether some non-null element of {@code b} is in {@code a}.
     * Dimensions do not matter.
     */
    static boolean contains(ArrayValue a, ArrayValue b, SqlType element, boolean all) {
        for (Object q : b.elements()) {
            if (q == null) {
                if (all) {
                    return false;
                }
                continue;
            }
            boolean found = false;
            for (Object p : a.elements()) {
                if (equal(p, q, element)) {
                    found = true;
                    break;
                }
            }
            if (found && !all) {
                return true;
            }
            if (!found && all) {
                return false;
            }
        }
        return all;
    }

    /** array_cat: either side NULL or empty gives the other; otherwise PostgreSQL's dimension rules. */
    static ArrayValue cat(ArrayValue a, ArrayValue b) {
        if (a == null || a.isEmpty()) {
            return b == null ? a : b;
        }
        if (b == null || b.isEmpty()) {
            return a;
        }
        int n1 = a.ndim();
        int n2 = b.ndim();
        List<Object> elements = new ArrayList<>(a.elements());
        elements.addAll(b.elements());
        if (n1 == n2) {
            for (int d = 1; d < n1; d++) {
                if (a.dim(d) != b.dim(d) || a.lowerBound(d) != b.lowerBound(d)) {
                    throw incompatible("Arrays with differing element dimensions are not compatible for "
                            + "concatenation.");
                }
            }
            int[] dims = a.dims();
            dims[0] += b.dim(0);
            return new ArrayValue(dims, a.lowerBounds(), elements);
        }
        if (n1 == n2 - 1) {
            // a is one more element of b's first dimension, in front.
            if (!Arrays.equals(a.dims(), Arrays.copyOfRange(b.dims(), 1, n2))) {
                throw incompatible("Arrays with differing dimensions are not compatible for concatenation.");
            }
            int[] dims = b.dims();
            dims[0]++;
            return new ArrayValue(dims, b.lowerBounds(), elements);
        }
        if (n2 == n1 - 1) {
            if (!Arrays.equals(b.dims(), Arrays.copyOfRange(a.dims(), 1, n1))) {
                throw incompatible("Arrays with differing dimensions are not compatible for concatenation.");
            }
            int[] dims = a.dims();
            dims[0]++;
            return new ArrayValue(dims, a.lowerBounds(), elements);
        }
        throw incompatible("Arrays of " + n1 + " and " + n2 + " dimensions are not compatible for concatenation.");
    }

    private static SqlException incompatible(String detail) {
        return new SqlException(ErrorFields.of("ERROR", "2202E", "cannot concatenate incompatible arrays")
                .detail(detail).build());
    }

    /** array_append: a NULL or empty array gives {e}; only one dimension can grow. */
    static ArrayValue append(ArrayValue a, Object e) {
        if (a == null || a.isEmpty()) {
            return new ArrayValue(1, java.util.Collections.singletonList(e));
        }
        oneDimension(a);
        List<Object> elements = new ArrayList<>(a.elements());
        elements.add(e);
        return new ArrayValue(a.lowerBound(), elements);
    }

    /** array_prepend: the new element comes first; the lower bound stays the input's, as in PostgreSQL 15. */
    static ArrayValue prepend(Object e, ArrayValue a) {
        if (a == null || a.isEmpty()) {
            return new ArrayValue(1, java.util.Collections.singletonList(e));
        }
        oneDimension(a);
        List<Object> elements = new ArrayList<>();
        elements.add(e);
        elements.addAll(a.elements());
        return new ArrayValue(a.lowerBound(), elements);
    }

    private static void oneDimension(ArrayValue a) {
        if (a.ndim() != 1) {
            throw new SqlException("22000", "argument must be empty or one-dimensional array");
        }
    }

    /** array_position(s): subscripts of the elements not distinct from {@code e}, from {@code start} on. */
    static List<Integer> positions(ArrayValue a, Object e, SqlType element, Integer start, boolean first) {
        List<Integer> out = new ArrayList<>();
        if (a.isEmpty()) {
            return out;
        }
        if (a.ndim() > 1) {
            throw new SqlException("0A000", "searching for elements in multidimensional arrays is not supported");
        }
        int lower = a.lowerBound();
        int from = start == null ? 0 : Math.max(0, start - lower);
        for (int i = from; i < a.elements().size(); i++) {
            if (same(a.elements().get(i), e, element)) {
                out.add(lower + i);
                if (first) {
                    break;
                }
            }
        }
        return out;
    }

    /** array_remove: without the elements not distinct from {@code e}; one dimension only. */
    static ArrayValue remove(ArrayValue a, Object e, SqlType element) {
        if (a.isEmpty()) {
            return a;
        }
        if (a.ndim() > 1) {
            throw new SqlException("0A000", "removing elements from multidimensional arrays is not supported");
        }
        List<Object> kept = new ArrayList<>();
        for (Object x : a.elements()) {
            if (!same(x, e, element)) {
                kept.add(x);
            }
        }
        return kept.size() == a.elements().size() ? a : new ArrayValue(a.lowerBound(), kept);
    }

    /** array_replace: every element not distinct from {@code from} becomes {@code to}; any dimensions. */
    static ArrayValue replace(ArrayValue a, Object from, Object to, SqlType element) {
        List<Object> out = new ArrayList<>(a.elements().size());
        for (Object x : a.elements()) {
            out.add(same(x, from, element) ? to : x);
        }
        return a.withElements(out);
    }
}

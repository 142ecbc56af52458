package org.tusk.sql.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An array value as PostgreSQL keeps one: the size and lower bound of each dimension, and the
 * elements ({@code null} for NULL) in row-major order. An empty array has no dimensions at all
 * ({@code '{}'}), whatever it was made from. One-dimensional arrays, the common case, are made with
 * {@link #ArrayValue(int, List)}; their {@link #lowerBound()} is the subscript of the first element
 * (1 unless written otherwise, as in {@code '[0:1]={5,6}'}).
 */
public final class ArrayValue {
    private static final int[] NONE = {};

    private final int[] dims;
    private final int[] lowerBounds;
    private final List<Object> elements;

    /** A one-dimensional array (without dimensions when {@code elements} is empty). */
    public ArrayValue(int lowerBound, List<Object> elements) {
        this(elements.isEmpty() ? NONE : new int[] {elements.size()},
                elements.isEmpty() ? NONE : new int[] {lowerBound}, elements);
    }

    /**
     * An array of any number of dimensions; a dimension of size 0 makes the empty array.
     *
     * @throws IllegalArgumentException if the dimensions do not hold exactly the elements given
     */
    public ArrayValue(int[] dims, int[] lowerBounds, List<Object> elements) {
        if (dims.length != lowerBounds.length) {
            throw new IllegalArgumentException("dimensions and lower bounds differ in number");
        }
        long n = dims.length == 0 ? 0 : 1;
        for (int d : dims) {
            n *= d;
        }
        if (n == 0) {
            dims = NONE;
            lowerBounds = NONE;
        }
        if (n != elements.size()) {
            throw new IllegalArgumentException("dimensions hold " + n + " elements, not " + elements.size());
        }
        this.dims = dims.clone();
        this.lowerBounds = lowerBounds.clone();
        this.elements = Collections.unmodifiableList(new ArrayList<>(elements));
    }

    /** The empty array. */
    public static ArrayValue empty() {
        return new ArrayValue(NONE, NONE, List.of());
    }

    /** The number of dimensions (0 for an empty array). */
    public int ndim() {
        return dims.length;
    }

    /** The size of dimension {@code d} (0-based). */
    public int dim(int d) {
        return dims[d];
    }

    /** The lower bound of dimension {@code d} (0-based). */
    public int lowerBound(int d) {
        return lowerBounds[d];
    }

    /** The upper bound of dimension {@code d} (0-based). */
    public int upperBound(int d) {
        return lowerBounds[d] + dims[d] - 1;
    }

    /** The first dimension's lower bound, 1 for an empty array. */
    public int lowerBound() {
        return dims.length == 0 ? 1 : lowerBounds[0];
    }

    public int[] dims() {
        return dims.clone();
    }

    public int[] lowerBounds() {
        return lowerBounds.clone();
    }

    /** The elements in row-major order. */
    public List<Object> elements() {
        return elements;
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    /** The same shape with other elements (as many, in the same order). */
    public ArrayValue withElements(List<Object> replaced) {
        return new ArrayValue(dims, lowerBounds, replaced);
    }

    /** Equal shape (dimensions and lower bounds) and equal elements as Java objects. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayValue a && Arrays.equals(dims, a.dims) && Arrays.equals(lowerBounds, a.lowerBounds)
                && elements.equals(a.elements);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(dims) * 31 + Arrays.hashCode(lowerBounds)) * 31 + elements.hashCode();
    }

    @Override
    public String toString() {
        return "ArrayValue" + Arrays.toString(dims) + Arrays.toString(lowerBounds) + elements;
    }
}

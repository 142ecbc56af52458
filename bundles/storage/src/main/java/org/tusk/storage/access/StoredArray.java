package org.tusk.storage.access;

import java.util.Arrays;
import java.util.List;

/**
 * A stored array whose shape a {@link java.util.List} cannot say: several dimensions, or lower bounds
 * other than 1 (PostgreSQL's ArrayType header: ndim, dims, lbounds). A one-dimensional array with lower
 * bound 1 is stored from and read back as a plain List; every other shape is this record.
 *
 * @param dims        the length of each dimension (at least one, none zero)
 * @param lowerBounds the lower bound of each dimension
 * @param elements    the elements in row-major order (their count the product of {@code dims}; null for
 *                    a NULL element)
 */
public record StoredArray(int[] dims, int[] lowerBounds, List<Object> elements) {

    public StoredArray {
        if (dims.length == 0 || dims.length != lowerBounds.length) {
            throw new IllegalArgumentException("an array needs as many lower bounds as dimensions, at least one");
        }
        long n = 1;
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("array dimension " + d);
            }
            n *= d;
        }
        if (n != elements.size()) {
            throw new IllegalArgumentException(elements.size() + " elements for dimensions " + Arrays.toString(dims));
        }
        dims = dims.clone();
        lowerBounds = lowerBounds.clone();
        elements = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(elements));
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public int[] lowerBounds() {
        return lowerBounds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredArray a && Arrays.equals(dims, a.dims) && Arrays.equals(lowerBounds, a.lowerBounds)
                && elements.equals(a.elements);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(dims) + Arrays.hashCode(lowerBounds)) + elements.hashCode();
    }

    @Override
    public String toString() {
        return "StoredArray" + Arrays.toString(dims) + Arrays.toString(lowerBounds) + elements;
    }
}

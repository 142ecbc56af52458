package org.tusk.sql.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tusk.protocol.ArrayFormats;
import org.tusk.spi.SqlException;

/**
 * Arrays of one more dimension made from arrays: {@code ARRAY[ARRAY[1,2], ARRAY[3,4]]} (ExecEvalArrayExpr)
 * and {@code array_agg} or {@code ARRAY(SELECT ...)} over arrays (accumArrayResultArr). Every sub-array
 * must have the same dimensions and lower bounds; the new first dimension starts at 1 and the others
 * keep the sub-arrays' bounds. The two differ only in what they make of NULL and empty sub-arrays.
 */
public final class ArrayBuilder {

    private ArrayBuilder() {
    }

    /**
     * ARRAY[sub, ...] over arrays: NULL and empty sub-arrays are allowed only when all of them are,
     * which makes an empty array.
     */
    public static ArrayValue construct(List<ArrayValue> subs) {
        boolean haveEmpty = false;
        List<ArrayValue> parts = new ArrayList<>(subs.size());
        for (ArrayValue a : subs) {
            if (a == null || a.isEmpty()) {
                haveEmpty = true;
            } else {
                parts.add(a);
            }
        }
        if (parts.isEmpty()) {
            return ArrayValue.empty();
        }
        if (haveEmpty) {
            throw mismatch();
        }
        return stack(parts, ArrayBuilder::mismatch);
    }

    /** array_agg and ARRAY(subquery) over arrays: NULL and empty inputs are errors. */
    public static ArrayValue accumulate(List<ArrayValue> subs) {
        for (ArrayValue a : subs) {
            if (a == null) {
                throw new SqlException("22004", "cannot accumulate null arrays");
            }
            if (a.isEmpty()) {
                throw new SqlException("2202E", "cannot accumulate empty arrays");
            }
        }
        return stack(subs, () -> new SqlException("2202E", "cannot accumulate arrays of different dimensionality"));
    }

    private static ArrayValue stack(List<ArrayValue> parts, java.util.function.Supplier<SqlException> mismatch) {
        ArrayValue first = parts.getFirst();
        int ndim = first.ndim() + 1;
        if (ndim > ArrayFormats.MAX_DIMENSIONS) {
            ArrayFormats.InvalidArrayException e = ArrayFormats.tooManyDimensions(ndim);
            throw new SqlException(e.sqlState(), e.getMessage());
        }
        List<Object> elements = new ArrayList<>();
        for (ArrayValue a : parts) {
            if (!Arrays.equals(a.dims(), first.dims()) || !Arrays.equals(a.lowerBounds(), first.lowerBounds())) {
                throw mismatch.get();
            }
            elements.addAll(a.elements());
        }
        int[] dims = new int[ndim];
        int[] lowers = new int[ndim];
        dims[0] = parts.size();
        lowers[0] = 1;
        System.arraycopy(first.dims(), 0, dims, 1, ndim - 1);
        System.arraycopy(first.lowerBounds(), 0, lowers, 1, ndim - 1);
        return new ArrayValue(dims, lowers, elements);
    }

    private static SqlException mismatch() {
        return new SqlException("2202E", "multidimensional arrays must have array expressions with matching dimensions");
    }
}

package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.INT4_ARRAY;
import static org.tusk.sql.types.SqlType.TEXT;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeOutput;

/**
 * The array functions of PostgreSQL 15 (array_userfuncs.c, arrayfuncs.c): inquiry (array_length,
 * array_lower, array_upper, array_ndims, array_dims, cardinality), array_to_string, array_append,
 * array_prepend, array_cat, array_position(s), array_remove, array_replace and array_fill. PostgreSQL
 * declares them over anyarray/anyelement; this engine has no polymorphic resolution, so each is
 * registered once per array type (int2vector and oidvector only for inquiry), which resolves the same
 * way for arguments of one element type.
 */
final class ArrayFunctions {

    /** How a function is added to the registry. */
    @FunctionalInterface
    interface Registrar {
        void add(String name, List<SqlType> args, SqlType result, Routine.Body body);
    }

    private ArrayFunctions() {
    }

    static void register(Registrar strict, Registrar nonStrict) {
        for (SqlType t : SqlType.values()) {
            if (!t.isArray()) {
                continue;
            }
            inquiry(t, strict, nonStrict);
            if (!t.isVector()) {
                modification(t, t.elementType(), strict, nonStrict);
            }
        }
    }

    private static void inquiry(SqlType t, Registrar strict, Registrar nonStrict) {
        strict.add("array_length", List.of(t, INT4), INT4, (a, c) -> hasDimension(a[0], a[1])
                ? ((ArrayValue) a[0]).dim((Integer) a[1] - 1) : null);
        strict.add("array_lower", List.of(t, INT4), INT4, (a, c) -> hasDimension(a[0], a[1])
                ? ((ArrayValue) a[0]).lowerBound((Integer) a[1] - 1) : null);
        strict.add("array_upper", List.of(t, INT4), INT4, (a, c) -> hasDimension(a[0], a[1])
                ? ((ArrayValue) a[0]).upperBound((Integer) a[1] - 1) : null);
        strict.add("array_ndims", List.of(t), INT4, (a, c) -> ((ArrayValue) a[0]).isEmpty() ? null
                : ((ArrayValue) a[0]).ndim());
        strict.add("array_dims", List.of(t), TEXT, (a, c) -> dims((ArrayValue) a[0]));
        strict.add("cardinality", List.of(t), INT4, (a, c) -> ((ArrayValue) a[0]).elements().size());
        SqlType element = t.elementType();
        strict.add("array_to_string", List.of(t, TEXT), TEXT, (a, c) -> arrayToString((ArrayValue) a[0], element,
                (String) a[1], null, c));
        nonStrict.add("array_to_string", List.of(t, TEXT, TEXT), TEXT, (a, c) -> a[0] == null || a[1] == null
                ? null : arrayToString((ArrayValue) a[0], element, (String) a[1], (String) a[2], c));
    }

    private static void modification(SqlType t, SqlType e, Registrar strict, Registrar nonStrict) {
        nonStrict.add("array_append", List.of(t, e), t, (a, c) -> ArrayOperations.append((ArrayValue) a[0], a[1]));
        nonStrict.add("array_prepend", List.of(e, t), t, (a, c) -> ArrayOperations.prepend(a[0], (ArrayValue) a[1]));
        nonStrict.add("array_cat", List.of(t, t), t, (a, c) -> ArrayOperations.cat((ArrayValue) a[0],
                (ArrayValue) a[1]));
        nonStrict.add("array_position", List.of(t, e), INT4, (a, c) -> a[0] == null ? null
                : first(ArrayOperations.positions((ArrayValue) a[0], a[1], e, null, true)));
        nonStrict.add("array_position", List.of(t, e, INT4), INT4, (a, c) -> {
            if (a[0] == null) {
                return null;
            }
            if (a[2] == null) {
                throw new SqlException("22004", "initial position must not be null");
            }
            return first(ArrayOperations.positions((ArrayValue) a[0], a[1], e, (Integer) a[2], true));
        });
        nonStrict.add("array_positions", List.of(t, e), INT4_ARRAY, (a, c) -> a[0] == null ? null
                : new ArrayValue(1, new ArrayList<>(ArrayOperations.positions((ArrayValue) a[0], a[1], e, null,
                        false))));
        nonStrict.add("array_remove", List.of(t, e), t, (a, c) -> a[0] == null ? null
                : ArrayOperations.remove((ArrayValue) a[0], a[1], e));
        nonStrict.add("array_replace", List.of(t, e, e), t, (a, c) -> a[0] == null ? null
                : ArrayOperations.replace((ArrayValue) a[0], a[1], a[2], e));
        nonStrict.add("array_fill", List.of(e, INT4_ARRAY), t, (a, c) -> fill(a[0], (ArrayValue) a[1], null, false));
        nonStrict.add("array_fill", List.of(e, INT4_ARRAY, INT4_ARRAY), t, (a, c) -> fill(a[0], (ArrayValue) a[1],
                (ArrayValue) a[2], true));
    }

    private static Integer first(List<Integer> positions) {
        return positions.isEmpty() ? null : positions.getFirst();
    }

    private static boolean hasDimension(Object array, Object dimension) {
        int d = (Integer) dimension;
        return d >= 1 && d <= ((ArrayValue) array).ndim();
    }

    /** array_dims: "[lower:upper]" per dimension, NULL for an empty array. */
    private static String dims(ArrayValue a) {
        if (a.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int d = 0; d < a.ndim(); d++) {
            b.append('[').append(a.lowerBound(d)).append(':').append(a.upperBound(d)).append(']');
        }
        return b.toString();
    }

    /** Elements by their output function, joined; NULLs are skipped unless {@code nullString} stands for them. */
    private static String arrayToString(ArrayValue array, SqlType element, String delimiter, String nullString,
            EvalContext ctx) {
        List<String> parts = new ArrayList<>();
        for (Object e : array.elements()) {
            if (e != null) {
                parts.add(TypeOutput.format(element, e, ctx));
            } else if (nullString != null) {
                parts.add(nullString);
            }
        }
        return String.join(delimiter, parts);
    }

    /** array_fill(value, dims [, lower bounds]): an array of that shape holding {@code value} everywhere. */
    private static ArrayValue fill(Object value, ArrayValue dims, ArrayValue lowers, boolean withLowers) {
        if (dims == null || withLowers && lowers == null) {
            throw new SqlException("22004", "dimension array or low bound array cannot be null");
        }
        if (dims.ndim() > 1) {
            throw subscripts("Dimension array must be one dimensional.");
        }
        if (lowers != null && lowers.ndim() > 1) {
            throw subscripts("Dimension array must be one dimensional.");
        }
        int n = dims.elements().size();
        if (lowers != null && lowers.elements().size() != n) {
            throw subscripts("Low bound array has different size than dimensions array.");
        }
        int[] d = new int[n];
        int[] l = new int[n];
        long count = n == 0 ? 0 : 1;
        for (int i = 0; i < n; i++) {
            Object size = dims.elements().get(i);
            Object lower = lowers == null ? (Object) 1 : lowers.elements().get(i);
            if (size == null || lower == null) {
                throw new SqlException("22004", "dimension values cannot be null");
            }
            d[i] = (Integer) size;
            l[i] = (Integer) lower;
            if (d[i] < 0) {
                throw new SqlException("54000", "array size exceeds the maximum allowed (134217727)");
            }
            count *= d[i];
        }
        if (n > org.tusk.protocol.ArrayFormats.MAX_DIMENSIONS) {
            throw new SqlException("54000", "number of array dimensions (" + n + ") exceeds the maximum allowed ("
                    + org.tusk.protocol.ArrayFormats.MAX_DIMENSIONS + ")");
        }
        if (count > 134_217_727) {
            throw new SqlException("54000", "array size exceeds the maximum allowed (134217727)");
        }
        return new ArrayValue(d, l, Collections.nCopies((int) count, value));
    }

    private static SqlException subscripts(String detail) {
        return new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "2202E", "wrong number of array subscripts")
                .detail(detail).build());
    }
}

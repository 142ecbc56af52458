package org.tusk.sql.plpgsql;

import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.func.FunctionDefinition;
import org.tusk.sql.types.RecordValue;
import org.tusk.sql.types.RowType;
import org.tusk.sql.types.SqlType;

/**
 * What RETURN, RETURN NEXT and RETURN QUERY hand back in a function whose result is a composite type
 * ({@code RETURNS t}, {@code RETURNS SETOF t}) or a bare {@code record}: a row value of the declared type, or
 * for {@code record} of the caller's column definition list. As in pl_exec.c the row must already have the
 * expected field types (convert_tuples_by_position: no conversion, only the same types in the same order);
 * a function returning record called without a column definition list (in a select list) returns its rows as
 * they are.
 */
final class CompositeResults {

    /** The interpreter's assignment conversion of one value (RETURN QUERY's unknown literals). */
    @FunctionalInterface
    interface Converter {
        Object convert(Object value, SqlType from, SqlType to);
    }

    private CompositeResults() {
    }

    /** Whether {@code def} returns rows through these rules rather than as scalars or OUT columns. */
    static boolean applies(FunctionDefinition def) {
        return def != null && (def.returnsComposite() || def.returnsRecord());
    }

    /** A PL/pgSQL row or record variable's value as a row value, null for the NULL row. */
    static RecordValue fromVariable(Object variable) {
        if (!(variable instanceof org.tusk.sql.plpgsql.RecordValue r) || r.isNull()) {
            return null;
        }
        return new RecordValue(new RowType(RowType.RECORD_OID, null, r.names(), r.types()), r.values());
    }

    /** The value of {@code RETURN expr} or {@code RETURN NEXT expr}: a row or NULL; a scalar is 42804. */
    static Object result(Object value, SqlType type) {
        if (type != SqlType.RECORD && value != null) {
            throw new SqlException("42804", "cannot return non-composite value from function returning composite "
                    + "type");
        }
        return value;
    }

    /**
     * {@code row} as a row of the function's result type ({@code expected} for record; a record without it
     * stays as it is), checked field by field: 42804 {@code message} when the types or the count differ.
     */
    static Object match(Object row, FunctionDefinition def, RowType expected, String message) {
        RowType target = def.returnsRecord() ? expected : def.rowType();
        if (row == null || target == null) {
            return row;
        }
        RecordValue r = (RecordValue) row;
        check(r.type().fieldTypes(), target, message);
        return new RecordValue(target, r.values());
    }

    /** convert_tuples_by_position's check: the same types in the same order, then the same count. */
    private static void check(List<SqlType> types, RowType target, String message) {
        for (int i = 0; i < target.size() && i < types.size(); i++) {
            if (types.get(i) != target.fieldTypes().get(i)) {
                throw new SqlException(ErrorFields.of("ERROR", "42804", message).detail("Returned type "
                        + types.get(i).displayName() + " does not match expected type "
                        + target.fieldTypes().get(i).displayName() + " in column " + (i + 1) + ".").build());
            }
        }
        if (types.size() != target.size()) {
            throw new SqlException(ErrorFields.of("ERROR", "42804", message).detail("Number of returned columns ("
                    + types.size() + ") does not match expected column count (" + target.size() + ").").build());
        }
    }

    /**
     * The rows of RETURN QUERY as row values of the declared type (of {@code expected}, or of the query's own
     * columns, for record); literals of unknown type take the expected types.
     */
    static void queryRows(List<String> names, List<SqlType> types, List<Object[]> rows, FunctionDefinition def,
            RowType expected, Converter c, List<Object> out) {
        RowType target = !def.returnsRecord() ? def.rowType() : expected != null ? expected
                : new RowType(RowType.RECORD_OID, null, names, types);
        List<SqlType> actual = new java.util.ArrayList<>(types);
        for (int i = 0; i < actual.size() && i < target.size(); i++) {
            if (actual.get(i) == SqlType.UNKNOWN) {
                actual.set(i, target.fieldTypes().get(i));
            }
        }
        check(actual, target, "structure of query does not match function result type");
        for (Object[] row : rows) {
            Object[] values = row.clone();
            for (int i = 0; i < values.length; i++) {
                if (types.get(i) == SqlType.UNKNOWN) {
                    values[i] = c.convert(values[i], SqlType.UNKNOWN, target.fieldTypes().get(i));
                }
            }
            out.add(new RecordValue(target, values));
        }
    }
}

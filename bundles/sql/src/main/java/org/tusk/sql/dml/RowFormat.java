package org.tusk.sql.dml;

import java.util.List;
import java.util.StringJoiner;

import org.tusk.sql.schema.Column;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeContext;
import org.tusk.sql.types.TypeOutput;

/**
 * Rows and keys as PostgreSQL's error details print them (ExecBuildSlotValueDescription,
 * BuildIndexValueDescription): values by their output functions, NULL as {@code null}.
 */
final class RowFormat {

    private RowFormat() {
    }

    /** {@code (1, null, abc)}. */
    static String row(List<Column> columns, Object[] values, TypeContext ctx) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < values.length; i++) {
            j.add(value(columns.get(i).type(), values[i], ctx));
        }
        return j.toString();
    }

    /** {@code (a, b)=(1, 2)}. */
    static String key(List<Column> columns, Object[] values, TypeContext ctx) {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        StringJoiner vals = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < columns.size(); i++) {
            names.add(columns.get(i).name());
            vals.add(value(columns.get(i).type(), values[i], ctx));
        }
        return names + "=" + vals;
    }

    private static String value(SqlType type, Object v, TypeContext ctx) {
        return v == null ? "null" : TypeOutput.format(type, v, ctx);
    }
}

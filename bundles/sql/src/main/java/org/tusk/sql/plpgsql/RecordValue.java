package org.tusk.sql.plpgsql;

import java.util.List;

import org.tusk.sql.types.SqlType;

/**
 * The value of a variable of type record (or a FOR loop's row): the row with its columns' names and types.
 * {@code values} is null for a NULL row of a known type (a trigger's OLD in an INSERT): its fields read as NULL.
 */
record RecordValue(List<String> names, List<SqlType> types, Object[] values) {

    /** Whether this is the NULL row (as opposed to a row of NULLs). */
    boolean isNull() {
        return values == null;
    }

    /** A key that changes when the row's shape does (so expressions reading its fields are analyzed again). */
    String shape() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            b.append(names.get(i)).append(':').append(types.get(i).oid()).append(',');
        }
        return b.toString();
    }
}

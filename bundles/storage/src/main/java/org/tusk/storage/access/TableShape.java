package org.tusk.storage.access;

import java.util.List;

/** The columns of a table in order (the part of pg_attribute that decides how rows are stored). */
public record TableShape(List<ColumnType> columns) {

    public TableShape {
        columns = List.copyOf(columns);
    }

    public int size() {
        return columns.size();
    }
}

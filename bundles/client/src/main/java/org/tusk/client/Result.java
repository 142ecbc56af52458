package org.tusk.client;

import java.util.List;

/**
 * The result of one statement of a simple query: its columns and rows (empty for statements that
 * return none) and its command tag ({@code SELECT 2}, {@code INSERT 0 1}, ...; empty for an empty query).
 */
public record Result(List<Column> columns, List<Row> rows, String commandTag) {

    public Result {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The row count at the end of the command tag (SELECT, INSERT, UPDATE, DELETE, ...), or -1. */
    public long rowsAffected() {
        int sp = commandTag.lastIndexOf(' ');
        if (sp < 0) {
            return -1;
        }
        try {
            return Long.parseLong(commandTag.substring(sp + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

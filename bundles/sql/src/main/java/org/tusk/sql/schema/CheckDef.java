package org.tusk.sql.schema;

/** A CHECK constraint: its name and its condition as SQL text over the table's columns. */
public record CheckDef(String name, String sql) {
}

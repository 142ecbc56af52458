package org.tusk.sql.ddl;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.schema.StorageValues;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;

/**
 * Checks a new constraint against what it constrains: a CHECK condition must make sense over the
 * table's columns (analysed as PostgreSQL's cookConstraint does) and, added to a table with rows, hold
 * for each of them; a foreign key added to a table with rows must find each key in the referenced
 * table (PostgreSQL's validateForeignKeyConstraint).
 */
final class Validation {

    private Validation() {
    }

    /** A CHECK condition analysed over the table's row in {@code slot}. */
    static Expression check(DdlContext ctx, Relation table, RowSlot slot, Expr condition) {
        return rowAnalyzer(ctx, table, slot).transformCondition(condition, "CHECK");
    }

    /** An analyzer whose column references name the table's columns in the row in {@code slot}. */
    static Analyzer rowAnalyzer(DdlContext ctx, Relation table, RowSlot slot) {
        return Analyzer.overRow(ctx.session, table, slot);
    }

    /** 23514 if a stored row makes {@code condition} false (NULL passes). */
    static void checkRows(DdlContext ctx, Relation table, String name, Expr condition) {
        RowSlot slot = new RowSlot(table.name());
        Expression e = check(ctx, table, slot, condition);
        try (RowScan scan = ctx.storage.openTable(table.storage(), table.shape()).scan()) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                slot.set(StorageValues.rowFromStorage(table.columns(), r.values()));
                if (Boolean.FALSE.equals(e.eval(ctx.session))) {
                    throw new SqlException(ErrorFields.of("ERROR", "23514", "check constraint \"" + name
                            + "\" of relation \"" + table.name() + "\" is violated by some row").build());
                }
            }
        }
    }

    /** 23503 if a row of {@code table} has a key (no column null) that {@code referenced} lacks. */
    static void foreignKeyRows(DdlContext ctx, Relation table, List<Column> columns, Relation referenced,
            List<Column> refColumns, String name) {
        Set<List<Object>> present = new HashSet<>();
        try (RowScan scan = ctx.storage.openTable(referenced.storage(), referenced.shape()).scan()) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                present.add(key(ctx, referenced, refColumns, r.values()));
            }
        }
        try (RowScan scan = ctx.storage.openTable(table.storage(), table.shape()).scan()) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                List<Object> key = key(ctx, table, columns, r.values());
                if (key.contains(null) || present.contains(key)) {
                    continue;
                }
                List<String> values = key.stream().map(String::valueOf).toList();
                throw new SqlException(ErrorFields.of("ERROR", "23503", "insert or update on table \"" + table.name()
                        + "\" violates foreign key constraint \"" + name + "\"").detail("Key ("
                                + String.join(", ", columns.stream().map(Column::name).toList()) + ")=("
                                + String.join(", ", values) + ") is not present in table \"" + referenced.name()
                                + "\".").build());
            }
        }
    }

    /** A key in its text form, so that equal values of different Java classes (1 and 1.0) compare as SQL does. */
    private static List<Object> key(DdlContext ctx, Relation r, List<Column> columns, Object[] stored) {
        Object[] values = new Object[columns.size()];
        for (int k = 0; k < values.length; k++) {
            Column c = columns.get(k);
            Object v = StorageValues.fromStorage(c, stored[r.columns().indexOf(c)]);
            values[k] = v == null ? null : normal(org.tusk.sql.types.TypeOutput.format(c.type(), v, ctx.session));
        }
        return java.util.Arrays.asList(values);
    }

    /** Numeric text without trailing fractional zeros, so that 1, 1.0 and 1.00 are one key. */
    private static String normal(String text) {
        if (text.matches("-?[0-9]+\\.[0-9]*")) {
            text = text.replaceAll("0+$", "");
            if (text.endsWith(".")) {
                text = text.substring(0, text.length() - 1);
            }
        }
        return text;
    }
}

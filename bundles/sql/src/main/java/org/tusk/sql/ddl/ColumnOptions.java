package org.tusk.sql.ddl;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;

/**
 * ALTER COLUMN ... SET STATISTICS and SET STORAGE: they only change the column's pg_attribute row
 * (attstattarget, attstorage), with tablecmds.c's checks. They are kept for what reads the catalog
 * (pg_dump, psql's {@code \d+}, migration tools); ANALYZE still samples by default_statistics_target and
 * values are stored without TOAST whatever the storage says.
 */
final class ColumnOptions {

    /** The largest statistics target (MAX_STATISTICS_TARGET). */
    private static final int MAX_TARGET = 10000;

    private ColumnOptions() {
    }

    static void statistics(DdlContext ctx, Relation table, DdlCommand.ColumnStatistics s) {
        Column col = AlterTableCommand.column(table, s.column());
        int target = s.target();
        if (target < -1) {
            throw new SqlException("22023", "statistics target " + target + " is too low");
        }
        if (target > MAX_TARGET) {
            target = MAX_TARGET;
            ctx.warning("22023", "lowering statistics target to " + MAX_TARGET);
        }
        int value = target;
        AlterTableCommand.updateAttribute(ctx, table, col, r -> r.set("attstattarget", value));
    }

    static void storage(DdlContext ctx, Relation table, DdlCommand.ColumnStorage s) {
        Column col = AlterTableCommand.column(table, s.column());
        char storage = switch (s.storage().toLowerCase(java.util.Locale.ROOT)) {
            case "plain" -> 'p';
            case "external" -> 'e';
            case "extended" -> 'x';
            case "main" -> 'm';
            default -> throw new SqlException("22023", "invalid storage type \"" + s.storage() + "\"");
        };
        // Only a variable-length type can be stored other than in line (typlen -1).
        boolean varlena = col.type().isArray() || col.type().length() == -1;
        if (storage != 'p' && !varlena) {
            throw new SqlException("0A000", "column data type " + col.type().displayName()
                    + " can only have storage PLAIN");
        }
        AlterTableCommand.updateAttribute(ctx, table, col, r -> r.set("attstorage", storage));
    }
}

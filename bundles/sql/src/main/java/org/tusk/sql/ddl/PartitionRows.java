package org.tusk.sql.ddl;

import org.tusk.spi.SqlException;
import org.tusk.sql.partition.PartitionScheme;
import org.tusk.sql.schema.PartitionBound;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.schema.StorageValues;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;

/**
 * The rows a new bound must not disown (tablecmds.c's QueuePartitionConstraintValidation): a table attached
 * as a partition must hold only rows of its bound, and a default partition no rows that a new partition's
 * bound now takes.
 */
final class PartitionRows {

    private PartitionRows() {
    }

    /** 23514 if a row of {@code table} lies outside {@code bound}, or the default partition has a row inside it. */
    static void checkAttached(DdlContext ctx, PartitionScheme scheme, Relation table, PartitionBound bound) {
        if (bound.strategy() != 'd') {
            PartitionScheme.Member m = scheme.member(table.oid(), bound, ctx.session);
            if (anyRow(ctx, table, scheme, key -> !scheme.accepts(m, key))) {
                throw new SqlException("23514", "partition constraint of relation \"" + table.name()
                        + "\" is violated by some row");
            }
        } else if (anyRow(ctx, table, scheme, key -> scheme.route(key) != 0)) {
            throw new SqlException("23514", "partition constraint of relation \"" + table.name()
                    + "\" is violated by some row");
        }
        checkDefault(ctx, scheme, bound);
    }

    /** 23514 if the default partition holds a row the new partition's {@code bound} would take. */
    static void checkDefault(DdlContext ctx, PartitionScheme scheme, PartitionBound bound) {
        if (scheme.defaultPartition() == 0 || bound.strategy() == 'd') {
            return;
        }
        Relation def = ctx.relation(scheme.defaultPartition());
        PartitionScheme.Member m = scheme.member(0, bound, ctx.session);
        if (anyRow(ctx, def, scheme, key -> scheme.accepts(m, key))) {
            throw new SqlException("23514", "updated partition constraint for default partition \"" + def.name()
                    + "\" would be violated by some row");
        }
    }

    /** Whether some row of {@code table} (of a partitioned one: of its partitions) has a key that {@code test} holds for. */
    private static boolean anyRow(DdlContext ctx, Relation table, PartitionScheme scheme,
            java.util.function.Predicate<Object[]> test) {
        if (table.storage() == null) {
            for (int child : ctx.cache.partitions(table.oid())) {
                if (anyRow(ctx, ctx.relation(child), scheme, test)) {
                    return true;
                }
            }
            return false;
        }
        int[] positions = new int[scheme.keyColumns().size()];
        for (int k = 0; k < positions.length; k++) {
            positions[k] = table.columns().indexOf(table.column(scheme.keyColumns().get(k).name()));
        }
        try (RowScan scan = ctx.storage.openTable(table.storage(), table.shape()).scan()) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                Object[] row = StorageValues.rowFromStorage(table.columns(), r.values());
                Object[] key = new Object[positions.length];
                for (int k = 0; k < key.length; k++) {
                    key[k] = row[positions[k]];
                }
                if (test.test(key)) {
                    return true;
                }
            }
        }
        return false;
    }
}

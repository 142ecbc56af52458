package org.tusk.sql.dml;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.plan.IndexPath;
import org.tusk.sql.plan.IndexPaths;
import org.tusk.sql.schema.StorageValues;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;

/**
 * The rows an UPDATE or DELETE of one table changes: through the index {@link IndexPaths} chose for
 * the WHERE clause (then only the conditions it does not enforce are checked), else by a sequential scan
 * checking the whole condition. The rows are collected before the first one is changed, so that the
 * scan never meets index entries the statement itself adds.
 */
final class ScanRows {
    private final TargetTable target;
    private final Expression where;
    private final IndexPath path;
    private final Expression residual;

    /** Whether the statement has a WHERE clause (which reads the table: SELECT privilege). */
    boolean filtered() {
        return filtered;
    }

    private final boolean filtered;

    /** {@code where} is the statement's; the conditions of an updatable view it names come first. */
    ScanRows(TargetTable target, Expression where) {
        this.target = target;
        this.filtered = where != null;
        where = target.view == null ? where : UpdatableView.and(target.view.qual, where);
        this.where = where;
        List<Expression> conjuncts = IndexPaths.conjuncts(where);
        this.path = IndexPaths.choose(target.relation, target.slot, conjuncts);
        this.residual = path == null ? where : and(path.residual());
    }

    /** The chosen index path, or null for a sequential scan (for tests and EXPLAIN). */
    IndexPath path() {
        return path;
    }

    private static Expression and(List<Expression> conjuncts) {
        if (conjuncts.isEmpty()) {
            return null;
        }
        return conjuncts.size() == 1 ? conjuncts.getFirst() : new Expression.BoolOp(true, conjuncts);
    }

    /** The qualifying rows visible to the statement's snapshot (storage values). */
    List<Row> find(TableWriter writer, EvalContext ctx) {
        List<Row> out = new ArrayList<>();
        RowScan scan;
        org.tusk.storage.access.RelationCounts counts;
        if (path != null) {
            KeyRange range = path.keyRange(ctx);
            if (range == null) {
                return out;
            }
            scan = writer.table.indexScan(writer.index(target.relation.indexes().indexOf(path.index())), range,
                    false);
            counts = writer.countsOf(path.index());
        } else {
            scan = writer.table.scan();
            counts = writer.counts;
        }
        // The statement's scan counts as the executor's would: seq_scan and seq_tup_read, or idx_scan,
        // idx_tup_read and idx_tup_fetch of the index.
        counts.scanStarted();
        try (scan) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                ctx.checkForInterrupts();
                counts.tupleReturned();
                if (path != null) {
                    counts.tupleFetched();
                }
                if (residual != null) {
                    target.slot.set(StorageValues.rowFromStorage(target.relation.columns(), r.values()));
                    if (!Boolean.TRUE.equals(residual.eval(ctx))) {
                        continue;
                    }
                }
                out.add(r);
            }
        }
        return out;
    }

    /** Whether the current slot row still satisfies the whole WHERE clause (READ COMMITTED's re-check). */
    boolean qualifies(EvalContext ctx) {
        return where == null || Boolean.TRUE.equals(where.eval(ctx));
    }
}

package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.plan.IndexPath;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.Index;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.Table;

/**
 * Bitmap Index Scan (nodeBitmapIndexscan.c): the TIDs of the index entries in an {@link IndexPath}'s
 * range, collected into a {@link TidBitmap} without visiting the heap. With {@code x = ANY(array)}
 * ({@code arrayKeys}) the range is taken once per element of the array and the TIDs of all of them
 * collected, as btree's array keys do. EXPLAIN ANALYZE's rows are the TIDs collected.
 */
public final class BitmapIndexScan extends BitmapNode {
    private final Relation relation;
    private final IndexPath path;
    private final StatsCounts indexCounts = new StatsCounts();
    private final ArrayKeys arrayKeys;
    private Table table;

    /** An {@code indexcol = ANY(array)} condition: the paths for each element come from {@link #paths}. */
    public interface ArrayKeys {
        /** The index paths to scan now, one per distinct non-null element. */
        List<IndexPath> paths(org.tusk.sql.eval.EvalContext ctx);

        /** EXPLAIN's text of the condition. */
        String text(boolean verbose, RowSlot slot);
    }

    public BitmapIndexScan(Relation relation, IndexPath path, ArrayKeys arrayKeys, RowSlot slot) {
        super(List.of(slot));
        this.relation = relation;
        this.path = path;
        this.arrayKeys = arrayKeys;
    }

    public IndexPath path() {
        return path;
    }

    /** The table whose rows the TIDs point at, set by the Bitmap Heap Scan before each execution. */
    void table(Table table) {
        this.table = table;
    }

    @Override
    public TidBitmap bitmap(double maxEntries) {
        TidBitmap bitmap = new TidBitmap(maxEntries);
        Index index = ctx.storage().openIndex(path.index().storage(), path.index().shape());
        org.tusk.storage.access.RelationCounts counts = indexCounts.of(ctx.storage(),
                path.index().storage().database(), path.index().oid());
        long[] count = {0};
        List<IndexPath> paths = arrayKeys == null ? List.of(path) : arrayKeys.paths(ctx.eval());
        for (IndexPath p : paths) {
            KeyRange range = p.keyRange(ctx.eval());
            if (range != null) {
                counts.scanStarted();
                table.indexTids(index, range, tid -> {
                    bitmap.add(tid);
                    count[0]++;
                    counts.tupleReturned();
                });
            }
        }
        actualRows += count[0];
        return bitmap;
    }

    @Override
    public String label() {
        return "Bitmap Index Scan on " + path.index().name();
    }

    @Override
    public List<String> details(boolean verbose) {
        List<String> out = new ArrayList<>();
        String conds = arrayKeys != null ? arrayKeys.text(verbose, slots.getFirst())
                : IndexConditions.of(path, relation, slots.getFirst(), verbose);
        if (conds != null) {
            out.add("Index Cond: " + conds);
        }
        return out;
    }

    @Override
    public List<org.tusk.sql.eval.Expression> expressions() {
        List<org.tusk.sql.eval.Expression> out = new ArrayList<>(path.equalities());
        if (path.lower() != null) {
            out.add(path.lower());
        }
        if (path.upper() != null) {
            out.add(path.upper());
        }
        return out;
    }

    @Override
    public RowSlot scanSlot() {
        return slots.getFirst();
    }
}

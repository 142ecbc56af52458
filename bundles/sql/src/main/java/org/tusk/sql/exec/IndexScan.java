package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.plan.IndexPath;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.Index;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;

/**
 * The rows of a table whose index keys fall in the range an {@link IndexPath} computes when the scan
 * starts (so a prepared statement's plan reads each Bind's values), in index order, each checked by
 * the heap against the snapshot. Conditions the index does not enforce are this node's filter.
 */
public final class IndexScan extends TableScan {
    private final IndexPath path;

    public IndexScan(Relation relation, String alias, IndexPath path, RowSlot slot) {
        super(relation, alias, slot);
        this.path = path;
    }

    /** The index and key range this scan reads. */
    public IndexPath path() {
        return path;
    }

    @Override
    protected RowScan openScan(Table table) {
        Index index = ctx.storage().openIndex(path.index().storage(), path.index().shape());
        KeyRange range = path.keyRange(ctx.eval());
        return range == null ? null : table.indexScan(index, range, false);
    }

    @Override
    public String label() {
        return "Index Scan using " + path.index().name() + " " + onRelation();
    }

    @Override
    public List<String> details(boolean verbose) {
        List<String> out = new ArrayList<>();
        String conds = IndexConditions.of(path, relation(), slots.getFirst(), verbose);
        if (conds != null) {
            out.add("Index Cond: " + conds);
        }
        out.addAll(super.details(verbose));
        return out;
    }
}

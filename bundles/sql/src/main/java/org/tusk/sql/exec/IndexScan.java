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
 *
 * <p>With array keys ({@code col IN (...)}, {@link #withArrayKeys}) the index is searched once per
 * element, in the order written, and a row found by an earlier element is not returned again (an
 * element may repeat). PostgreSQL's btree returns such rows in key order; nothing here relies on the
 * order of an index scan with array keys.
 */
public final class IndexScan extends TableScan {
    private final IndexPath path;
    private BitmapIndexScan.ArrayKeys arrayKeys;
    private org.tusk.sql.eval.Expression indexQualOrig;

    public IndexScan(Relation relation, String alias, IndexPath path, RowSlot slot) {
        super(relation, alias, slot);
        this.path = path;
    }

    /** The index and key range this scan reads. */
    public IndexPath path() {
        return path;
    }

    /**
     * The conditions the index range enforces, as written (PostgreSQL's indexqualorig): checked again
     * on the newest version of a row locked by FOR UPDATE/SHARE after a concurrent update.
     */
    public IndexScan withIndexQualOrig(org.tusk.sql.eval.Expression conds) {
        this.indexQualOrig = conds;
        return this;
    }

    @Override
    protected boolean stillQualifies() {
        return (indexQualOrig == null || Boolean.TRUE.equals(indexQualOrig.eval(ctx.eval())))
                && super.stillQualifies();
    }

    /** Makes this a scan searching the index once per element of an IN list. */
    public IndexScan withArrayKeys(BitmapIndexScan.ArrayKeys keys) {
        this.arrayKeys = keys;
        return this;
    }

    @Override
    protected RowScan openScan(Table table) {
        Index index = ctx.storage().openIndex(path.index().storage(), path.index().shape());
        if (arrayKeys != null) {
            return arrayScan(table, index, arrayKeys.paths(ctx.eval()));
        }
        KeyRange range = path.keyRange(ctx.eval());
        return range == null ? null : table.indexScan(index, range, false);
    }

    /** One index scan per element's range after the other, each row version once. */
    private RowScan arrayScan(Table table, Index index, List<IndexPath> paths) {
        java.util.Iterator<IndexPath> next = paths.iterator();
        java.util.Set<org.tusk.storage.access.TupleId> seen = new java.util.HashSet<>();
        return new RowScan() {
            private RowScan current;

            @Override
            public org.tusk.storage.access.Row next() {
                while (true) {
                    if (current == null) {
                        if (!next.hasNext()) {
                            return null;
                        }
                        KeyRange range = next.next().keyRange(ctx.eval());
                        if (range == null) {
                            continue;
                        }
                        current = table.indexScan(index, range, false);
                    }
                    org.tusk.storage.access.Row r = current.next();
                    if (r == null) {
                        current.close();
                        current = null;
                    } else if (seen.add(r.tid())) {
                        return r;
                    }
                }
            }

            @Override
            public void close() {
                if (current != null) {
                    current.close();
                    current = null;
                }
            }
        };
    }

    @Override
    public String label() {
        return "Index Scan using " + path.index().name() + " " + onRelation();
    }

    @Override
    public List<String> details(boolean verbose) {
        List<String> out = new ArrayList<>();
        String conds = arrayKeys != null ? arrayKeys.text(verbose, slots.getFirst())
                : IndexConditions.of(path, relation(), slots.getFirst(), verbose);
        if (conds != null) {
            out.add("Index Cond: " + conds);
        }
        out.addAll(super.details(verbose));
        return out;
    }
}

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
 * <p>With array keys ({@code col = ANY (array)}, {@code col IN (...)}, {@link #withArrayKeys}) the index
 * is searched once per element; the elements come sorted in the index's order and distinct, so the
 * rows come in index order and none twice, as from PostgreSQL's btree with array keys.
 */
public final class IndexScan extends TableScan {
    private final IndexPath path;
    private BitmapIndexScan.ArrayKeys arrayKeys;
    private org.tusk.sql.eval.Expression indexQualOrig;
    private final StatsCounts indexCounts = new StatsCounts();

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
        org.tusk.storage.access.RelationCounts counts = indexCounts.of(ctx.storage(),
                path.index().storage().database(), path.index().oid());
        RowScan scan;
        if (arrayKeys != null) {
            scan = arrayScan(table, index, arrayKeys.paths(ctx.eval()), counts);
        } else {
            KeyRange range = path.keyRange(ctx.eval());
            if (range != null) {
                counts.scanStarted(); // pgstat_count_index_scan: one per index search
            }
            scan = range == null ? null : table.indexScan(index, range, false, columnsToDecode());
        }
        return scan == null ? null : counted(scan, counts);
    }

    /**
     * {@code scan}, counting the rows it fetches from the heap (EXPLAIN ANALYZE's Heap Fetches), and in the
     * index's statistics the entries read and the rows fetched (idx_tup_read, idx_tup_fetch: the same
     * here, since the storage returns only the visible rows).
     */
    private RowScan counted(RowScan scan, org.tusk.storage.access.RelationCounts counts) {
        return new RowScan() {
            @Override
            public org.tusk.storage.access.Row next() {
                org.tusk.storage.access.Row r = scan.next();
                if (r != null) {
                    heapFetches++;
                    counts.tupleReturned();
                    counts.tupleFetched();
                }
                return r;
            }

            @Override
            public void close() {
                scan.close();
            }
        };
    }

    /**
     * Whether this is an index-only scan (PostgreSQL's check_index_only): every column the query reads
     * from the table is a key column of the index, and the rows are not locked. Decided when asked,
     * after the whole query has been analyzed, from what the table's slot was told it reads. Tusk has no
     * visibility map (PostgreSQL's relallvisible is 0 here too), so each row's visibility is still
     * checked in the heap: the scan reads the same rows as an index scan, costs the same (cost_index
     * with allvisfrac 0), and EXPLAIN ANALYZE counts every row as a heap fetch, as PostgreSQL does for
     * pages not all-visible.
     */
    public boolean indexOnly() {
        if (locksRows()) {
            return false;
        }
        java.util.Set<Integer> keys = new java.util.HashSet<>();
        List<org.tusk.sql.schema.Column> columns = relation().columns();
        for (int attnum : path.index().columns()) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).number() == attnum) {
                    keys.add(i);
                }
            }
        }
        return slots.getFirst().readsOnly(keys);
    }

    private long heapFetches;

    @Override
    public List<String> analyzeDetails() {
        return indexOnly() ? List.of("Heap Fetches: " + heapFetches) : List.of();
    }

    /** One index scan per (sorted, distinct) element's range after the other. */
    private RowScan arrayScan(Table table, Index index, List<IndexPath> paths,
            org.tusk.storage.access.RelationCounts counts) {
        java.util.Iterator<IndexPath> next = paths.iterator();
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
                        counts.scanStarted();
                        current = table.indexScan(index, range, false, columnsToDecode());
                    }
                    org.tusk.storage.access.Row r = current.next();
                    if (r == null) {
                        current.close();
                        current = null;
                    } else {
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
        return (indexOnly() ? "Index Only Scan using " : "Index Scan using ") + path.index().name() + " "
                + onRelation();
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

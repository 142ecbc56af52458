package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.plan.IndexPath;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.schema.StorageValues;
import org.tusk.storage.access.Index;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TupleId;

/**
 * The rows of a table whose index keys fall in the range an {@link IndexPath} computes when the scan
 * starts (so a prepared statement's plan reads each Bind's values), in index order, each checked by
 * the heap against the snapshot. Conditions the index does not enforce are this node's filter.
 */
public final class IndexScan extends PlanNode {
    private final Relation relation;
    private final String alias;
    private final IndexPath path;
    private Table table;
    private RowScan scan;
    private TupleId current;

    public IndexScan(Relation relation, String alias, IndexPath path, RowSlot slot) {
        super(List.of(slot));
        this.relation = relation;
        this.alias = alias;
        this.path = path;
    }

    public Relation relation() {
        return relation;
    }

    public Table table() {
        return table;
    }

    public TupleId currentTid() {
        return current;
    }

    @Override
    protected void start() {
        if (ctx.storage() == null) {
            throw new SqlException("42P01", "relation \"" + relation.name() + "\" does not exist");
        }
        closeScan();
        // As the executor's relation open: ACCESS SHARE (ROW SHARE to lock rows) until the transaction
        // ends, so DROP or TRUNCATE of the table waits for this reader.
        ctx.storage().lockRelation(relation.storage().database(), relation.oid(),
                lockMode == null ? org.tusk.storage.access.RelationLockMode.ACCESS_SHARE
                        : org.tusk.storage.access.RelationLockMode.ROW_SHARE, false);
        table = ctx.storage().openTable(relation.storage(), relation.shape());
        Index index = ctx.storage().openIndex(path.index().storage(), path.index().shape());
        KeyRange range = path.keyRange(ctx.eval());
        scan = range == null ? null : table.indexScan(index, range, false);
    }

    @Override
    protected Object[] fetch() {
        if (scan == null) {
            return null;
        }
        Row r = scan.next();
        if (r == null) {
            closeScan();
            return null;
        }
        current = r.tid();
        return new Object[] {StorageValues.rowFromStorage(relation.columns(), r.values())};
    }

    private void closeScan() {
        if (scan != null) {
            scan.close();
            scan = null;
        }
    }

    @Override
    public void close() {
        closeScan();
    }

    @Override
    public String label() {
        String name = relation.name();
        return "Index Scan using " + path.index().name() + " on " + name
                + (alias != null && !alias.equals(name) ? " " + alias : "");
    }

    @Override
    public List<String> details(boolean verbose) {
        List<String> conds = new ArrayList<>();
        List<Integer> columns = path.index().columns();
        for (int i = 0; i < path.equalities().size(); i++) {
            conds.add("(" + column(columns.get(i), verbose) + " = " + ExpressionText.of(path.equalities().get(i),
                    verbose, scanSlot()) + ")");
        }
        int next = path.equalities().size();
        if (path.lower() != null) {
            conds.add("(" + column(columns.get(next), verbose) + (path.lowerInclusive() ? " >= " : " > ")
                    + ExpressionText.of(path.lower(), verbose, scanSlot()) + ")");
        }
        if (path.upper() != null) {
            conds.add("(" + column(columns.get(next), verbose) + (path.upperInclusive() ? " <= " : " < ")
                    + ExpressionText.of(path.upper(), verbose, scanSlot()) + ")");
        }
        List<String> out = new ArrayList<>();
        if (!conds.isEmpty()) {
            out.add("Index Cond: " + (conds.size() == 1 ? conds.getFirst() : "(" + String.join(" AND ", conds) + ")"));
        }
        out.addAll(super.details(verbose));
        return out;
    }

    private String column(int attnum, boolean qualify) {
        for (var c : relation.columns()) {
            if (c.number() == attnum) {
                return (qualify ? slots.getFirst().name() + "." : "") + c.name();
            }
        }
        return "?";
    }

    private org.tusk.storage.access.RowLockMode lockMode;
    private boolean lockNoWait;

    /** SELECT ... FOR UPDATE/SHARE: each row returned is locked first (Table.lock), re-checked if it changed. */
    public void lockRows(org.tusk.storage.access.RowLockMode mode, boolean noWait) {
        this.lockMode = mode;
        this.lockNoWait = noWait;
    }

    @Override
    protected Object[] qualified(Object[] row) {
        if (lockMode == null) {
            return row;
        }
        org.tusk.storage.access.Row locked;
        try {
            locked = table.lock(current, lockMode, lockNoWait, values -> {
                slots.getFirst().set(StorageValues.rowFromStorage(relation.columns(), values));
                return passesQual();
            });
        } catch (org.tusk.storage.access.AccessException e) {
            if ("55P03".equals(e.sqlState())) {
                // The storage knows the relation by number only; the message names it as PostgreSQL does.
                throw new SqlException("55P03", "could not obtain lock on row in relation \"" + relation.name() + "\"");
            }
            throw e;
        }
        if (locked == null) {
            return null;
        }
        current = locked.tid();
        Object[] out = new Object[] {StorageValues.rowFromStorage(relation.columns(), locked.values())};
        load(out);
        return out;
    }

    @Override
    public RowSlot scanSlot() {
        return slots.getFirst();
    }
}

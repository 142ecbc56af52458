package org.tusk.sql.exec;

import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.schema.StorageValues;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.LockWait;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowLockMode;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TupleId;

/**
 * What a sequential and an index scan of a table share: opening the table under its relation lock,
 * reading rows from a storage scan as SQL values, and SELECT ... FOR UPDATE/SHARE's row locks. A
 * subclass only says which storage scan to read ({@link #openScan}) and how EXPLAIN names it.
 */
public abstract class TableScan extends PlanNode {
    private final Relation relation;
    private final String alias;
    private Table table;
    private RowScan scan;
    private TupleId current;
    /**
     * The relation's storage shape, built at the first start: the plan's relation never changes, and a
     * prepared statement's scan starts at every Execute (building it was a column type object per column).
     */
    private org.tusk.storage.access.TableShape shape;
    private RowLockMode lockMode;
    private LockWait lockWait = LockWait.BLOCK;
    private final StatsCounts tableCounts = new StatsCounts();
    /**
     * Set by {@link #openScan}: the statistics counts that each row the storage scan returns adds to (a
     * sequential scan's tuples_returned, a bitmap heap scan's tuples_fetched), or null.
     */
    protected org.tusk.storage.access.RelationCounts rowCounts;
    protected boolean rowCountsFetched;

    /** The planner's size of the table: its pages and its rows (before any condition). */
    public double pages = 1;
    public double tuples = 1000;

    protected TableScan(Relation relation, String alias, RowSlot slot) {
        super(List.of(slot));
        this.relation = relation;
        this.alias = alias;
    }

    public Relation relation() {
        return relation;
    }

    /** The alias the query gave the table, or null. */
    public String alias() {
        return alias;
    }

    /** The table as opened by the current execution. */
    public Table table() {
        return table;
    }

    /** Where the row last returned is (for FOR UPDATE). */
    public TupleId currentTid() {
        return current;
    }

    /**
     * SELECT ... FOR UPDATE/SHARE: each row returned is locked first (Table.lock), re-checked if it changed;
     * a row another transaction holds is waited for, an error (NOWAIT) or passed over (SKIP LOCKED).
     */
    public void lockRows(RowLockMode mode, LockWait wait) {
        this.lockMode = mode;
        this.lockWait = wait;
    }

    /** Whether the scan locks the rows it returns (SELECT ... FOR UPDATE/SHARE). */
    protected boolean locksRows() {
        return lockMode != null;
    }

    /** This backend's statistics counts of the scanned table. */
    protected final org.tusk.storage.access.RelationCounts tableCounts() {
        return tableCounts.of(ctx.storage(), relation.storage().database(), relation.oid());
    }

    /** The storage scan of the opened table for this execution, or null if it can return no row. */
    protected abstract RowScan openScan(Table table);

    /**
     * The columns this execution decodes (null: all), fixed by {@link #start}: those some expression of
     * the query reads, as the planner's column references told the scan slot; every column when the rows
     * are locked (the lock hands back whole newest versions) or the slot saw a whole-row use.
     */
    private boolean[] decoded;

    /** The column mask for the storage scan {@link #openScan} opens (null: every column). */
    protected final boolean[] columnsToDecode() {
        return decoded;
    }

    /**
     * Stands, with assertions enabled (the unit tests), for a column the scan did not decode: a query
     * reading a column its analysis missed then fails loudly instead of seeing a NULL.
     */
    public static final Object NOT_DECODED = new Object() {
        @Override
        public String toString() {
            return "(column not decoded)";
        }

        // Hash and merge joins, DISTINCT and grouping compare values by these: a missed column fails there too.
        @Override
        public boolean equals(Object o) {
            throw new AssertionError("a column the scan did not decode was compared");
        }

        @Override
        public int hashCode() {
            throw new AssertionError("a column the scan did not decode was hashed");
        }
    };

    private static final boolean POISON = TableScan.class.desiredAssertionStatus();

    /** "on name" or "on name alias", as EXPLAIN ends a scan's label. */
    protected final String onRelation() {
        String name = relation.name();
        return "on " + name + (alias != null && !alias.equals(name) ? " " + alias : "");
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
                lockMode == null ? RelationLockMode.ACCESS_SHARE : RelationLockMode.ROW_SHARE, false);
        if (shape == null) {
            shape = relation.shape();
        }
        table = ctx.storage().openTable(relation.storage(), shape);
        decoded = lockMode == null ? scanSlot().columnsToDecode(relation.columns().size()) : null;
        rowCounts = null;
        scan = openScan(table);
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
        org.tusk.storage.access.RelationCounts counts = rowCounts;
        if (counts != null) {
            if (rowCountsFetched) {
                counts.tupleFetched();
            } else {
                counts.tupleReturned();
            }
        }
        return new Object[] {sqlValues(r.values())};
    }

    /**
     * The storage's values of a fetched row as SQL values, converted in place (each row's array is the
     * scan's own), only the decoded columns: the others stay null, or {@link #NOT_DECODED} in tests.
     */
    private Object[] sqlValues(Object[] values) {
        boolean[] mask = decoded;
        List<org.tusk.sql.schema.Column> columns = relation.columns();
        if (mask == null) {
            for (int i = 0; i < values.length; i++) {
                values[i] = StorageValues.fromStorage(columns.get(i), values[i]);
            }
            return values;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = mask[i] ? StorageValues.fromStorage(columns.get(i), values[i]) : POISON ? NOT_DECODED : null;
        }
        return values;
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
    protected Object[] qualified(Object[] row) {
        if (lockMode == null) {
            return row;
        }
        Row locked;
        try {
            locked = table.lock(current, lockMode, lockWait, values -> {
                scanSlot().set(StorageValues.rowFromStorage(relation.columns(), values));
                return stillQualifies();
            });
        } catch (AccessException e) {
            if ("55P03".equals(e.sqlState()) && e.getMessage().startsWith("could not obtain lock on row")) {
                // NOWAIT (not lock_timeout, which says so itself). The storage knows the relation by number
                // only; the message names it as PostgreSQL does.
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

    /**
     * Whether the newest version of a row being locked, now in the slot, still meets the scan's
     * conditions (READ COMMITTED's re-check, EvalPlanQual): the filter, and whatever else a subclass
     * enforces by other means.
     */
    protected boolean stillQualifies() {
        return passesQual();
    }

    @Override
    public RowSlot scanSlot() {
        return slots.getFirst();
    }
}

package org.tusk.storage.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.tusk.storage.access.Index;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.LockWait;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowLockMode;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TableShape;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.heap.TupleLockMode;
import org.tusk.storage.page.ItemPointer;

/**
 * A heap table of the access API (PostgreSQL's table access method for heap, as the executor calls
 * it): every call runs through the owning {@link AccessSession}, so it reads with the statement's
 * snapshot, writes as the current command, and its errors mark the transaction failed and arrive as
 * {@link org.tusk.storage.access.AccessException}s. The heap work itself is {@link HeapAccess}'s.
 */
final class EngineTable implements Table {

    private final AccessSession session;
    private final RelationId id;
    private final TableShape shape;
    private final HeapTable table;

    EngineTable(AccessSession session, RelationId id, TableShape shape, HeapTable table) {
        this.session = session;
        this.id = id;
        this.shape = shape;
        this.table = table;
    }

    /** The engine's view of the table (for the index access method). */
    HeapTable heapTable() {
        return table;
    }

    @Override
    public RelationId id() {
        return id;
    }

    @Override
    public TableShape shape() {
        return shape;
    }

    @Override
    public long blocks() {
        return session.call(() -> Integer.toUnsignedLong(session.heap().blocks(table)));
    }

    @Override
    public RowScan scan() {
        return session.call(() -> new TrackedScan(session, new HeapScan(session, table, session.statementSnapshot())));
    }

    @Override
    public RowScan scan(boolean[] columns, BooleanSupplier keep) {
        checkMask(columns);
        boolean[] wanted = columns == null ? null : columns.clone();
        return session.call(() -> new TrackedScan(session,
                new HeapScan(session, table, session.statementSnapshot(), wanted, keep)));
    }

    @Override
    public RowScan indexScan(Index index, KeyRange range, boolean backward) {
        return indexScan(index, range, backward, null);
    }

    @Override
    public RowScan indexScan(Index index, KeyRange range, boolean backward, boolean[] columns) {
        if (!(index instanceof SessionIndex own)) {
            throw new IllegalArgumentException("not an index of this storage engine: " + index);
        }
        checkMask(columns);
        boolean[] wanted = columns == null ? null : columns.clone();
        BTreeIndex btree = own.btree();
        return session.call(() -> new TrackedScan(session,
                btree.scan(session.heap(), table, range, backward, session.statementSnapshot(), wanted)));
    }

    private void checkMask(boolean[] columns) {
        if (columns != null && columns.length != table.descriptor().size()) {
            throw new IllegalArgumentException("a column mask of " + columns.length + " for " + table.descriptor().size()
                    + " columns");
        }
    }

    @Override
    public void indexTids(Index index, KeyRange range, java.util.function.Consumer<TupleId> sink) {
        if (!(index instanceof SessionIndex own)) {
            throw new IllegalArgumentException("not an index of this storage engine: " + index);
        }
        session.call(() -> {
            own.btree().collectTids(session.heap(), table, range, session.statementSnapshot(),
                    tid -> sink.accept(Relations.tupleId(tid)));
            return null;
        });
    }

    @Override
    public RowScan bitmapScan(java.util.Iterator<org.tusk.storage.access.BitmapPage> pages) {
        return session.call(() -> new TrackedScan(session,
                new HeapBitmapScan(session, table, session.statementSnapshot(), pages)));
    }

    @Override
    public Row fetch(TupleId tid) {
        return session.call(() -> {
            ItemPointer at = Relations.itemPointer(tid);
            if (Integer.compareUnsigned(at.block(), session.heap().blocks(table)) >= 0) {
                return null; // past the end (PostgreSQL: no such tuple, nothing visible)
            }
            Object[] values = session.heap().toaster().detoast(table,
                    session.heap().fetch(table, at, session.statementSnapshot()));
            return values == null ? null : new Row(tid, values);
        });
    }

    @Override
    public TupleId insert(Object[] values) {
        return session.call(() -> Relations.tupleId(session.heap().insert(table, values)));
    }

    @Override
    public List<TupleId> insertAll(List<Object[]> rows) {
        return insertAll(rows, false);
    }

    @Override
    public boolean newInCurrentSubtransaction() {
        return session.call(() -> session.createdInCurrentSubtransaction(table.locator()));
    }

    @Override
    public List<TupleId> insertAllFrozen(List<Object[]> rows) {
        return insertAll(rows, true);
    }

    private List<TupleId> insertAll(List<Object[]> rows, boolean frozen) {
        return session.call(() -> {
            if (frozen && !session.createdInCurrentSubtransaction(table.locator())) {
                // Frozen rows are safe only in a file that goes away if this subtransaction aborts.
                throw new IllegalStateException("frozen rows into a relation file not new in this subtransaction");
            }
            ItemPointer[] tids = session.heap().insertAll(table, rows, frozen);
            List<TupleId> out = new ArrayList<>(tids.length);
            for (ItemPointer tid : tids) {
                out.add(Relations.tupleId(tid));
            }
            return out;
        });
    }

    @Override
    public Row update(TupleId tid, Object[] values, UnaryOperator<Object[]> change) {
        return session.call(() -> {
            HeapRow updated = session.heap().updateRowVersion(table, Relations.itemPointer(tid), values, change);
            return updated == null ? null : new Row(Relations.tupleId(updated.tid()), updated.values());
        });
    }

    @Override
    public Row update(TupleId tid, Object[] values, UnaryOperator<Object[]> change, boolean[] indexedColumns) {
        if (indexedColumns.length != table.descriptor().size()) {
            throw new IllegalArgumentException("indexedColumns has " + indexedColumns.length + " entries for "
                    + table.descriptor().size() + " columns");
        }
        boolean[] indexed = indexedColumns.clone();
        return session.call(() -> {
            HeapAccess.Updated updated = session.heap().updateRowVersion(table, Relations.itemPointer(tid), values,
                    change, indexed);
            return updated == null ? null
                    : new Row(Relations.tupleId(updated.tid()), updated.values(), updated.heapOnly());
        });
    }

    @Override
    public Object[] overwriteInPlace(org.tusk.storage.access.InPlaceChange change) {
        return session.call(() -> session.heap().overwriteInPlace(table, change));
    }

    @Override
    public boolean delete(TupleId tid, Predicate<Object[]> stillQualifies) {
        return session.call(() -> session.heap().deleteRow(table, Relations.itemPointer(tid), stillQualifies));
    }

    @Override
    public void abortInsert(TupleId tid) {
        session.call(() -> {
            session.heap().abortInsert(table, Relations.itemPointer(tid));
            return null;
        });
    }

    @Override
    public Row lock(TupleId tid, RowLockMode mode, boolean noWait, Predicate<Object[]> stillQualifies) {
        return lock(tid, mode, noWait ? LockWait.ERROR : LockWait.BLOCK, stillQualifies);
    }

    @Override
    public Row lock(TupleId tid, RowLockMode mode, LockWait wait, Predicate<Object[]> stillQualifies) {
        return session.call(() -> {
            HeapRow locked = session.heap().lockRow(table, Relations.itemPointer(tid), TupleLockMode.valueOf(mode.name()),
                    wait, stillQualifies);
            return locked == null ? null : new Row(Relations.tupleId(locked.tid()), locked.values());
        });
    }

    @Override
    public void vacuum() {
        session.call(() -> session.heap().vacuum(table));
    }
}

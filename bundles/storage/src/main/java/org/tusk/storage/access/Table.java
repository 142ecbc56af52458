package org.tusk.storage.access;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One heap table as a backend's current transaction sees it. Reads use the snapshot of the statement
 * being run ({@link StorageSession#startStatement}); changes are made by the current transaction and
 * command. Indexes are maintained by the caller (as PostgreSQL's executor does): after {@link #insert}
 * and {@link #update}, insert the new version's key into each index of the table, except after a
 * heap-only update ({@link Row#heapOnly()}).
 */
public interface Table {

    RelationId id();

    TableShape shape();

    /** The table's size in 8 kB blocks now (for the planner's estimates). */
    long blocks();

    /** A sequential scan of the rows visible to the statement's snapshot. */
    RowScan scan();

    /**
     * {@link #scan()} for callers that need part of each row or some of the rows (an index build, ANALYZE's
     * sample, a count): only the columns {@code columns} marks are decoded (all if null; the others come
     * back null), and only the rows {@code keep} accepts are returned (all if null). {@code keep} is asked
     * once per visible row, in scan order, before the row is decoded, possibly some rows ahead of what
     * {@code next()} returned; it must only compute. The default filters {@link #scan()}.
     */
    default RowScan scan(boolean[] columns, BooleanSupplier keep) {
        RowScan all = scan();
        if (keep == null) {
            return all;
        }
        return new RowScan() {
            @Override
            public Row next() {
                for (Row row = all.next(); row != null; row = all.next()) {
                    if (keep.getAsBoolean()) {
                        return row;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                all.close();
            }
        };
    }

    /**
     * The rows whose index entries fall in {@code range}, in index order ({@code backward}: reversed),
     * each visible to the statement's snapshot (the index finds candidates, the heap decides).
     */
    RowScan indexScan(Index index, KeyRange range, boolean backward);

    /**
     * {@link #indexScan(Index, KeyRange, boolean)} for a query that reads some columns of each row: only
     * the columns {@code columns} marks are decoded (all if null); the others come back null, or decoded
     * (an implementation may decode more than asked). Decoding is most of an index scan's work per row
     * after the page visits, and a wide column nobody reads (pgbench's filler) is a good part of it.
     * The default decodes every column.
     */
    default RowScan indexScan(Index index, KeyRange range, boolean backward, boolean[] columns) {
        return indexScan(index, range, backward);
    }

    /** The version at {@code tid} if the statement's snapshot sees it, else null. */
    Row fetch(TupleId tid);

    /** Inserts a row (as the current command); returns where it went. */
    TupleId insert(Object[] values);

    /**
     * Inserts rows in order (as the current command), several to a page with one WAL record per page
     * (COPY FROM's bulk insert); returns where each went. The default inserts them one by one.
     */
    default List<TupleId> insertAll(List<Object[]> rows) {
        List<TupleId> tids = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            tids.add(insert(row));
        }
        return tids;
    }

    /**
     * Whether the table's file was created in the current subtransaction, by CREATE TABLE or by a
     * TRUNCATE (which gives the table a new file): the condition for {@link #insertAllFrozen}, as
     * PostgreSQL's rd_createSubid/rd_newRelfilenodeSubid are COPY FREEZE's. The default is false.
     */
    default boolean newInCurrentSubtransaction() {
        return false;
    }

    /**
     * {@link #insertAll} with the rows born frozen (COPY FREEZE): visible to every snapshot from the
     * start, without a commit-log lookup or hint bits later, which is safe because the file they go to
     * is new in the current subtransaction ({@link #newInCurrentSubtransaction}, which the caller
     * checked) and is removed with them if it aborts. The default inserts them as usual.
     */
    default List<TupleId> insertAllFrozen(List<Object[]> rows) {
        return insertAll(rows);
    }

    /**
     * UPDATE of one row the statement found at {@code tid} with {@code values}: {@code change} maps the
     * values to the new values, or to null if the row no longer qualifies. If another transaction
     * changed the row since the snapshot: it waits for it to end; if it committed, READ COMMITTED
     * applies {@code change} to the newest version (which re-checks the condition), REPEATABLE READ
     * fails with 40001. Returns the new version's position, or null if nothing was updated (deleted
     * meanwhile, no longer qualifying, or already updated by this command).
     */
    Row update(TupleId tid, Object[] values, UnaryOperator<Object[]> change);

    /**
     * {@link #update(TupleId, Object[], UnaryOperator)} that may be a heap-only (HOT) update, as
     * PostgreSQL's README.HOT describes: {@code indexedColumns[i]} says whether column {@code i} is a
     * key column of some index of the table. If none of those changed and the new version fits on the
     * old version's page, the new version is chained from the old one and the returned row says
     * {@link Row#heapOnly()}: the caller inserts no index entries, index scans and unique checks reach
     * it through the old version's entries. Otherwise it is an ordinary update. A table without
     * indexes passes all false. The default (a table that has no HOT) is the ordinary update.
     */
    default Row update(TupleId tid, Object[] values, UnaryOperator<Object[]> change, boolean[] indexedColumns) {
        return update(tid, values, change);
    }

    /**
     * Changes the table's one tuple in place, not as a new row version (a sequence's nextval, setval):
     * the tuple must be the only one, at (0,1), born frozen (inserted with {@link #insertAllFrozen} into
     * the file the creating transaction made), so every snapshot sees it whatever transaction changed
     * it, and it keeps its length. Not transactional: a rollback keeps the change. A record is logged
     * only when {@code change} asks for it; the transaction that logs gets an xid, so that its commit
     * flushes the record. Returns the values now on the page, or null if the table's tuple is not such
     * a tuple (then nothing is changed; the caller updates a row version instead). The default is null.
     */
    default Object[] overwriteInPlace(InPlaceChange change) {
        return null;
    }

    /**
     * Takes back the row version this transaction just inserted at {@code tid} (PostgreSQL's
     * heap_abort_speculative): INSERT ... ON CONFLICT inserted it, then found while adding its index
     * entries ({@link Index#insertSpeculative}) that a concurrent transaction holds or is inserting
     * its key. The version becomes dead to every transaction at once, this one included, so that
     * nobody sees it and no unique check waits for this transaction because of it. Its index entries
     * stay, pointing at a dead row. The default (a table without concurrent writers) refuses.
     */
    default void abortInsert(TupleId tid) {
        throw new UnsupportedOperationException("table " + id() + " cannot take back an insertion");
    }

    /** DELETE of one row the statement found, with {@link #update}'s rules; true if it was deleted. */
    boolean delete(TupleId tid, Predicate<Object[]> stillQualifies);

    /**
     * SELECT ... FOR UPDATE/SHARE of one row: waits for a concurrent changer (or fails with 55P03 if
     * {@code noWait}), and returns the version now locked (the newest one in READ COMMITTED, after
     * re-checking {@code stillQualifies}), or null if the row is gone or no longer qualifies.
     */
    Row lock(TupleId tid, RowLockMode mode, boolean noWait, Predicate<Object[]> stillQualifies);

    /**
     * As {@link #lock(TupleId, RowLockMode, boolean, Predicate)} with a wait policy: {@link LockWait#SKIP}
     * returns null, as for a row that is gone, when another running transaction holds the row, without
     * waiting and without an error (the transaction goes on).
     */
    default Row lock(TupleId tid, RowLockMode mode, LockWait wait, Predicate<Object[]> stillQualifies) {
        if (wait == LockWait.SKIP) {
            throw new UnsupportedOperationException("table " + id() + " cannot skip locked rows");
        }
        return lock(tid, mode, wait == LockWait.ERROR, stillQualifies);
    }

    /**
     * VACUUM of the table's heap: removes the versions no running transaction can see any more from
     * every page and compacts the pages, so that their space is reused (line pointers stay until
     * index vacuuming exists). Need not run in a transaction.
     */
    default void vacuum() {
        throw new UnsupportedOperationException("VACUUM is not supported by this table");
    }

    /**
     * A bitmap index scan's index side (PostgreSQL's amgetbitmap, btgetbitmap): hands the heap TID of
     * every entry of {@code index} in {@code range} to {@code sink}, in index order, without visiting the
     * heap; which of those row versions the snapshot sees is decided later by {@link #bitmapScan}. The
     * TIDs may include versions dead to the snapshot. The default reads the rows through
     * {@link #indexScan} (visiting the heap), for tables that have no TID-only scan.
     */
    default void indexTids(Index index, KeyRange range, java.util.function.Consumer<TupleId> sink) {
        try (RowScan scan = indexScan(index, range, false)) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                sink.accept(r.tid());
            }
        }
    }

    /**
     * A bitmap heap scan's heap side (heapam_scan_bitmap_next_block/next_tuple): the visible rows of
     * the pages {@code pages} yields, a page at a time in the order given (ascending block order, so
     * the table is read in physical order). For an exact page, the version each offset leads to that
     * the statement's snapshot sees (following a HOT chain from its root); for a lossy page every
     * visible row of the page. Blocks past the table's end are skipped. The default fetches the
     * offsets one by one with {@link #fetch} (no HOT) and reads a lossy page out of a sequential scan.
     */
    default RowScan bitmapScan(java.util.Iterator<BitmapPage> pages) {
        return new RowScan() {
            private final java.util.ArrayDeque<Row> page = new java.util.ArrayDeque<>();

            @Override
            public Row next() {
                while (page.isEmpty()) {
                    if (!pages.hasNext()) {
                        return null;
                    }
                    BitmapPage p = pages.next();
                    if (p.lossy()) {
                        try (RowScan all = scan()) {
                            for (Row r = all.next(); r != null; r = all.next()) {
                                if (r.tid().block() == p.block()) {
                                    page.add(r);
                                }
                            }
                        }
                    } else {
                        for (int offset : p.offsets()) {
                            Row r = fetch(new TupleId(p.block(), offset));
                            if (r != null) {
                                page.add(r);
                            }
                        }
                    }
                }
                return page.poll();
            }

            @Override
            public void close() {
                page.clear();
            }
        };
    }
}

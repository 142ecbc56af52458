package org.tusk.storage.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.heap.Attribute;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.heap.TupleDescriptor;
import org.tusk.storage.lmgr.LockException;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.xact.IsolationLevel;

/**
 * The bank-transfer workload the proof tests share (threads, child JVMs, crash torture): accounts
 * (id int4, balance int8, applied int8) and a history table (transfer id int8, from int4, to int4,
 * amount int8). A transfer moves an amount between two random accounts, adds 1 to each one's
 * {@code applied} counter and inserts a history row, in one transaction, the way
 * {@code UPDATE accounts SET balance = balance - $1, applied = applied + 1 WHERE id = $2} would:
 * the row is found through a unique B-tree index on id under the statement's snapshot and changed
 * through {@link HeapAccess#updateRowVersion} as a HOT update (id is the only indexed column, so the
 * new version stays on its page without an index entry whenever it fits; when it does not, the new
 * version gets its entry as the executor would give it). Deadlock victims (40P01) and serialization
 * failures (40001) retry.
 *
 * <p>Invariants after any mix of commits, aborts and crashes: the balances sum to the initial
 * total; the applied counters sum to twice the number of history rows (no lost update, no half
 * transfer); every transfer acknowledged to a client has its history row; the index leads to exactly
 * the version of each account a scan sees ({@link #checkIndex}).
 */
final class BankWorkload {

    static final RelFileLocator ACCOUNTS_REL = RelFileLocator.of(5, 16384);
    static final RelFileLocator HISTORY_REL = RelFileLocator.of(5, 16385);
    static final HeapTable ACCOUNTS = new HeapTable(ACCOUNTS_REL, TupleDescriptor.of(
            Attribute.of("id", PgType.INT4, true), Attribute.of("balance", PgType.INT8, true),
            Attribute.of("applied", PgType.INT8, true)));
    static final HeapTable HISTORY = new HeapTable(HISTORY_REL, TupleDescriptor.of(
            Attribute.of("tid", PgType.INT8, true), Attribute.of("from_id", PgType.INT4, true),
            Attribute.of("to_id", PgType.INT4, true), Attribute.of("amount", PgType.INT8, true)));
    static final long INITIAL_BALANCE = 1000;
    static final RelationId ACCOUNTS_ID = new RelationId(5, 16386);
    static final IndexShape ACCOUNTS_ID_SHAPE = new IndexShape(List.of(IndexShape.KeyColumn.ascending("id", 23)), true,
            new RelationId(5, 16384));
    /** Which columns of accounts are indexed: id. */
    static final boolean[] INDEXED = {true, false, false};

    /** What one worker did. */
    static final class Counts {
        long committed;
        long deadlocks;
        long serializationFailures;
    }

    private BankWorkload() {
    }

    /** Creates both tables and {@code accounts} accounts, committed. */
    static void setup(Session s, int accounts) {
        s.createTable(ACCOUNTS_REL, ACCOUNTS.descriptor());
        s.createTable(HISTORY_REL, HISTORY.descriptor());
        BTreeIndex index = BTreeIndex.create(s, ACCOUNTS_ID, ACCOUNTS_ID_SHAPE);
        s.begin(IsolationLevel.READ_COMMITTED);
        for (int id = 0; id < accounts; id++) {
            ItemPointer tid = s.heap().insert(ACCOUNTS, new Object[] {id, INITIAL_BALANCE, 0L});
            index.insert(new Object[] {id}, new TupleId(tid.block(), tid.offset()));
        }
        s.commit();
    }

    /**
     * The TID of each account's version now, for tests that update by TID ({@link #transfer} keeps it
     * current, though it finds the accounts through the real index).
     */
    static Map<Integer, ItemPointer> index(Session s) {
        s.begin(IsolationLevel.READ_COMMITTED);
        Map<Integer, ItemPointer> index = new ConcurrentHashMap<>();
        for (HeapRow row : s.heap().scan(ACCOUNTS, s.snapshot())) {
            index.put((Integer) row.value(0), row.tid());
        }
        s.commit();
        return index;
    }

    /**
     * One transfer, retried until it commits. Returns once committed.
     *
     * @return how many attempts failed (deadlock or serialization failure)
     */
    static int transfer(Session s, Map<Integer, ItemPointer> index, int from, int to, long amount, long transferId,
            IsolationLevel level, Counts counts) {
        int failures = 0;
        while (true) {
            try {
                s.begin(level);
                applyDelta(s, index, from, -amount);
                applyDelta(s, index, to, amount);
                s.heap().insert(HISTORY, new Object[] {transferId, from, to, amount});
                s.commit();
                counts.committed++;
                return failures;
            } catch (LockException e) {
                s.abort();
                if (!LockException.DEADLOCK_DETECTED.equals(e.sqlState())) {
                    throw e;
                }
                counts.deadlocks++;
                failures++;
            } catch (EngineException e) {
                s.abort();
                if (!EngineException.SERIALIZATION_FAILURE.equals(e.sqlState())) {
                    throw e;
                }
                counts.serializationFailures++;
                failures++;
            } catch (RuntimeException | Error e) {
                s.abort();
                throw e;
            }
        }
    }

    /**
     * {@code UPDATE accounts SET balance = balance + delta, applied = applied + 1 WHERE id = ?}: an index
     * scan finds the row, a HOT update changes it, and a version that had to move gets an index entry.
     */
    private static void applyDelta(Session s, Map<Integer, ItemPointer> cache, int id, long delta) {
        Snapshot snapshot = s.snapshot();
        BTreeIndex index = BTreeIndex.open(s, ACCOUNTS_ID, ACCOUNTS_ID_SHAPE);
        Row row;
        try (RowScan scan = index.scan(s.heap(), ACCOUNTS, KeyRange.equal(new Object[] {id}), false, snapshot)) {
            row = scan.next();
            if (row != null && scan.next() != null) {
                throw new IllegalStateException("account " + id + " found twice through the index");
            }
        }
        if (row == null) {
            throw new IllegalStateException("account " + id + " not visible through the index");
        }
        ItemPointer at = new ItemPointer(row.tid().block(), row.tid().offset());
        HeapAccess.Updated updated = s.heap().updateRowVersion(ACCOUNTS, at, row.values(), v -> (Integer) v[0] == id
                ? new Object[] {v[0], (Long) v[1] + delta, (Long) v[2] + 1} : null, INDEXED);
        if (updated == null) {
            throw new IllegalStateException("account " + id + " vanished");
        }
        if (!updated.heapOnly()) {
            index.insert(new Object[] {id}, new TupleId(updated.tid().block(), updated.tid().offset()));
        }
        cache.put(id, updated.tid());
        s.commandCounterIncrement();
    }

    /**
     * Every account a scan sees is found through the index exactly once, as the same version (the
     * index and the HOT chains agree, also after a crash), and nothing else is.
     */
    static void checkIndex(Session s) {
        s.begin(IsolationLevel.REPEATABLE_READ);
        Snapshot snapshot = s.snapshot();
        BTreeIndex index = BTreeIndex.open(s, ACCOUNTS_ID, ACCOUNTS_ID_SHAPE);
        List<HeapRow> accounts = s.heap().scan(ACCOUNTS, snapshot);
        int found = 0;
        try (RowScan scan = index.scan(s.heap(), ACCOUNTS, KeyRange.ALL, false, snapshot)) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                found++;
            }
        }
        if (found != accounts.size()) {
            throw new AssertionError("the index gives " + found + " rows, the scan " + accounts.size());
        }
        for (HeapRow a : accounts) {
            try (RowScan scan = index.scan(s.heap(), ACCOUNTS, KeyRange.equal(new Object[] {a.value(0)}), false,
                    snapshot)) {
                Row r = scan.next();
                if (r == null || scan.next() != null || r.tid().block() != a.tid().block()
                        || r.tid().offset() != a.tid().offset()
                        || !java.util.Arrays.equals(r.values(), a.values())) {
                    throw new AssertionError("account " + a.value(0) + " at " + a.tid() + " not found once through "
                            + "the index: " + r);
                }
            }
        }
        s.commit();
    }

    /** Random transfers by one worker; ids are {@code firstId, firstId + 1, ...}. */
    static Counts run(Session s, Map<Integer, ItemPointer> index, int accounts, int transfers, long firstId,
            IsolationLevel level, long seed, java.util.function.LongConsumer acknowledged) {
        Random random = new Random(seed);
        Counts counts = new Counts();
        for (int i = 0; i < transfers; i++) {
            int from = random.nextInt(accounts);
            int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
            long id = firstId + i;
            transfer(s, index, from, to, 1 + random.nextInt(50), id, level, counts);
            acknowledged.accept(id);
        }
        return counts;
    }

    /** What the tables hold now, read in one snapshot. */
    record State(int accounts, long total, long applied, long historyRows, Set<Long> transferIds) {
    }

    static State state(Session s) {
        s.begin(IsolationLevel.REPEATABLE_READ);
        Snapshot snapshot = s.snapshot();
        List<HeapRow> accounts = s.heap().scan(ACCOUNTS, snapshot);
        long total = 0;
        long applied = 0;
        Set<Integer> ids = new HashSet<>();
        for (HeapRow row : accounts) {
            ids.add((Integer) row.value(0));
            total += (Long) row.value(1);
            applied += (Long) row.value(2);
        }
        if (ids.size() != accounts.size()) {
            StringBuilder rows = new StringBuilder();
            for (HeapRow row : accounts) {
                rows.append("\n  ").append(row.tid()).append(' ').append(java.util.Arrays.toString(row.values()))
                        .append(' ').append(s.heap().describe(ACCOUNTS, row.tid()));
            }
            throw new AssertionError("an account is visible twice: " + accounts.size() + " rows, " + ids.size()
                    + " ids" + rows + "\n snapshot " + snapshot);
        }
        Set<Long> transferIds = new HashSet<>();
        List<HeapRow> history = s.heap().scan(HISTORY, snapshot);
        for (HeapRow row : history) {
            transferIds.add((Long) row.value(0));
        }
        s.commit();
        return new State(accounts.size(), total, applied, history.size(), transferIds);
    }
}

package org.tusk.storage.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
 * the row is read under the statement's snapshot and changed through
 * {@link HeapAccess#updateRow}. Deadlock victims (40P01) and serialization failures (40001) retry.
 *
 * <p>Invariants after any mix of commits, aborts and crashes: the balances sum to the initial
 * total; the applied counters sum to twice the number of history rows (no lost update, no half
 * transfer); every transfer acknowledged to a client has its history row.
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
        s.begin(IsolationLevel.READ_COMMITTED);
        for (int id = 0; id < accounts; id++) {
            s.heap().insert(ACCOUNTS, new Object[] {id, INITIAL_BALANCE, 0L});
        }
        s.commit();
    }

    /**
     * The TID of some version of each account, a cache shared by the workers: the chain from it leads
     * to the current version, unless pruning removed a version of the chain (as it may once no
     * snapshot needs it); then the account is found by a scan and the cache updated. (A real index has
     * an entry for every version, so it never needs the chain.)
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

    /** {@code UPDATE accounts SET balance = balance + delta, applied = applied + 1 WHERE id = ?}. */
    private static void applyDelta(Session s, Map<Integer, ItemPointer> index, int id, long delta) {
        Snapshot snapshot = s.snapshot();
        HeapRow row = s.heap().fetchLatest(ACCOUNTS, index.get(id), snapshot);
        if (row == null) {
            for (HeapRow candidate : s.heap().scan(ACCOUNTS, snapshot)) {
                if ((Integer) candidate.value(0) == id) {
                    row = candidate;
                    index.put(id, candidate.tid());
                }
            }
        }
        if (row == null) {
            throw new IllegalStateException("account " + id + " not visible");
        }
        ItemPointer updated = s.heap().updateRow(ACCOUNTS, row.tid(), row.values(), v -> (Integer) v[0] == id
                ? new Object[] {v[0], (Long) v[1] + delta, (Long) v[2] + 1} : null);
        if (updated == null) {
            throw new IllegalStateException("account " + id + " vanished");
        }
        s.commandCounterIncrement();
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

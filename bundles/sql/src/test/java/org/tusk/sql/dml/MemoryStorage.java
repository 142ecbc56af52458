package org.tusk.sql.dml;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.tusk.storage.access.Index;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowLockMode;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.StorageSession;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TableShape;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.access.UniqueViolationException;

/**
 * A single-session, in-memory stand-in for the storage engine, for testing the dml layer's statement
 * logic before the real engine implements {@code StorageAccess}: a heap of row versions (a deleted or
 * updated version is dead at once: there is one session and no rollback), B-tree indexes as sorted
 * searches over (key, tid) entries with the unique check, and the counters tests assert on (how many
 * index scans and sequential scans ran).
 */
public final class MemoryStorage implements StorageSession {
    final Map<RelationId, MemTable> tables = new HashMap<>();
    final Map<RelationId, MemIndex> indexes = new HashMap<>();
    int sequentialScans;
    int indexScans;
    final List<String> locks = new ArrayList<>();

    @Override
    public Table openTable(RelationId id, TableShape shape) {
        return tables.computeIfAbsent(id, k -> new MemTable(id, shape));
    }

    @Override
    public Index openIndex(RelationId id, IndexShape shape) {
        return indexes.computeIfAbsent(id, k -> new MemIndex(id, shape));
    }

    /** A copy of every table's and index's state, for {@link #restore} (a failed statement's rollback). */
    Runnable savepointState() {
        List<Runnable> undo = new ArrayList<>();
        for (MemTable t : tables.values()) {
            int n = t.versions.size();
            List<Boolean> live = new ArrayList<>(t.live);
            undo.add(() -> {
                t.versions.subList(n, t.versions.size()).clear();
                t.live.clear();
                t.live.addAll(live);
            });
        }
        for (MemIndex i : indexes.values()) {
            int n = i.entries.size();
            undo.add(() -> i.entries.subList(n, i.entries.size()).clear());
        }
        return () -> undo.forEach(Runnable::run);
    }

    /** Creates a table and its indexes (the index needs its heap for the unique check's liveness test). */
    void create(RelationId table, TableShape shape, Map<RelationId, IndexShape> indexShapes) {
        MemTable t = (MemTable) openTable(table, shape);
        indexShapes.forEach((id, s) -> ((MemIndex) openIndex(id, s)).table = t);
    }

    @Override
    public Index buildIndex(RelationId id, IndexShape shape, java.util.Iterator<Row> entries) {
        Index index = createIndex(id, shape);
        while (entries.hasNext()) {
            Row r = entries.next();
            index.insert(r.values(), r.tid());
        }
        return index;
    }

    @Override
    public Table createTable(RelationId id, TableShape shape) {
        return openTable(id, shape);
    }

    @Override
    public Index createIndex(RelationId id, IndexShape shape) {
        return openIndex(id, shape);
    }

    final class MemTable implements Table {
        private final RelationId id;
        private final TableShape shape;
        final List<Object[]> versions = new ArrayList<>();
        final List<Boolean> live = new ArrayList<>();

        MemTable(RelationId id, TableShape shape) {
            this.id = id;
            this.shape = shape;
        }

        List<Object[]> liveRows() {
            List<Object[]> out = new ArrayList<>();
            for (int i = 0; i < versions.size(); i++) {
                if (live.get(i)) {
                    out.add(versions.get(i));
                }
            }
            return out;
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
        public void vacuum() {
            // nothing to prune: versions are not kept here
        }

        @Override
        public long blocks() {
            return versions.size() / 100 + 1;
        }

        @Override
        public RowScan scan() {
            sequentialScans++;
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < versions.size(); i++) {
                if (live.get(i)) {
                    rows.add(new Row(new TupleId(0, i + 1), versions.get(i).clone()));
                }
            }
            return scanOf(rows);
        }

        @Override
        public RowScan indexScan(Index index, KeyRange range, boolean backward) {
            indexScans++;
            List<Row> rows = new ArrayList<>();
            for (MemIndex.Entry e : ((MemIndex) index).inRange(range)) {
                Row r = fetch(e.tid());
                if (r != null) {
                    rows.add(r);
                }
            }
            return scanOf(rows);
        }

        @Override
        public Row fetch(TupleId tid) {
            int i = tid.offset() - 1;
            return live.get(i) ? new Row(tid, versions.get(i).clone()) : null;
        }

        @Override
        public TupleId insert(Object[] values) {
            if (values.length != shape.size()) {
                throw new IllegalArgumentException("row of " + values.length + " values for " + shape.size() + " columns");
            }
            versions.add(values.clone());
            live.add(true);
            return new TupleId(0, versions.size());
        }

        @Override
        public Row update(TupleId tid, Object[] values, UnaryOperator<Object[]> change) {
            int i = tid.offset() - 1;
            if (!live.get(i)) {
                return null;
            }
            Object[] next = change.apply(versions.get(i).clone());
            if (next == null) {
                return null;
            }
            live.set(i, false);
            TupleId t = insert(next);
            return new Row(t, next.clone());
        }

        @Override
        public boolean delete(TupleId tid, Predicate<Object[]> stillQualifies) {
            int i = tid.offset() - 1;
            if (!live.get(i) || !stillQualifies.test(versions.get(i).clone())) {
                return false;
            }
            live.set(i, false);
            return true;
        }

        @Override
        public Row lock(TupleId tid, RowLockMode mode, boolean noWait, Predicate<Object[]> stillQualifies) {
            Row r = fetch(tid);
            return r != null && stillQualifies.test(r.values()) ? r : null;
        }
    }

    final class MemIndex implements Index {
        record Entry(Object[] key, TupleId tid) {
        }

        private final RelationId id;
        private final IndexShape shape;
        final List<Entry> entries = new ArrayList<>();
        MemTable table;

        MemIndex(RelationId id, IndexShape shape) {
            this.id = id;
            this.shape = shape;
        }

        @Override
        public RelationId id() {
            return id;
        }

        @Override
        public IndexShape shape() {
            return shape;
        }

        @Override
        public void insert(Object[] key, TupleId tid) {
            if (shape.unique() && Arrays.stream(key).noneMatch(k -> k == null)) {
                for (Entry e : entries) {
                    if (compare(e.key(), key) == 0 && table.live.get(e.tid().offset() - 1)) {
                        throw new UniqueViolationException(key);
                    }
                }
            }
            entries.add(new Entry(key.clone(), tid));
        }

        @Override
        public boolean insertPartial(Object[] key, TupleId tid) {
            boolean conflict = liveDuplicate(key, null);
            entries.add(new Entry(key.clone(), tid));
            return conflict;
        }

        @Override
        public void recheckUnique(Object[] key, TupleId tid) {
            if (table.live.get(tid.offset() - 1) && liveDuplicate(key, tid)) {
                throw new UniqueViolationException(key);
            }
        }

        /** Whether a live row other than {@code self} holds {@code key} (keys with a NULL never do). */
        private boolean liveDuplicate(Object[] key, TupleId self) {
            if (Arrays.stream(key).anyMatch(k -> k == null)) {
                return false;
            }
            for (Entry e : entries) {
                if (!e.tid().equals(self) && compare(e.key(), key) == 0 && table.live.get(e.tid().offset() - 1)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public long blocks() {
            return 1;
        }

        List<Entry> inRange(KeyRange r) {
            List<Entry> out = new ArrayList<>();
            for (Entry e : entries) {
                if (r.low() != null && (hasNull(e.key(), r.low().length)
                        || compare(e.key(), r.low()) < (r.lowInclusive() ? 0 : 1))) {
                    continue;
                }
                if (r.high() != null && (hasNull(e.key(), r.high().length)
                        || compare(e.key(), r.high()) > (r.highInclusive() ? 0 : -1))) {
                    continue;
                }
                out.add(e);
            }
            out.sort((a, b) -> compare(a.key(), b.key()));
            return out;
        }

        private static boolean hasNull(Object[] key, int n) {
            for (int i = 0; i < n; i++) {
                if (key[i] == null) {
                    return true;
                }
            }
            return false;
        }

        /** Compares on the shorter length (a bound is a prefix); NULL sorts last. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private static int compare(Object[] a, Object[] b) {
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                if (a[i] == null || b[i] == null) {
                    int c = a[i] == null ? (b[i] == null ? 0 : 1) : -1;
                    if (c != 0) {
                        return c;
                    }
                    continue;
                }
                int c = a[i] instanceof BigDecimal x ? x.compareTo((BigDecimal) b[i])
                        : ((Comparable) a[i]).compareTo(b[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    }

    private static RowScan scanOf(List<Row> rows) {
        Iterator<Row> it = rows.iterator();
        return new RowScan() {
            @Override
            public Row next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() {
            }
        };
    }

    // ---- the rest of the session: nothing to do in one in-memory session

    @Override
    public void begin(Isolation isolation) {
    }

    @Override
    public boolean inTransaction() {
        return true;
    }

    @Override
    public void startStatement() {
    }

    @Override
    public void commandCounterIncrement() {
    }

    @Override
    public long transactionId() {
        return 1;
    }

    @Override
    public void commit() {
    }

    @Override
    public void abort() {
    }

    @Override
    public void savepoint(String name) {
    }

    @Override
    public void releaseSavepoint(String name) {
    }

    @Override
    public void rollbackToSavepoint(String name) {
    }

    @Override
    public void setSynchronousCommit(boolean on) {
    }

    @Override
    public void setDeadlockTimeout(Duration timeout) {
    }

    @Override
    public void setLockTimeout(Duration timeout) {
    }

    @Override
    public void lockRelation(int database, int relationOid, RelationLockMode mode, boolean noWait) {
        locks.add(relationOid + " " + mode);
    }

    @Override
    public int newOid() {
        return 20000;
    }

    @Override
    public boolean relationExists(RelationId id) {
        return tables.containsKey(id) || indexes.containsKey(id);
    }

    @Override
    public void dropRelation(RelationId id) {
        tables.remove(id);
        indexes.remove(id);
    }

    @Override
    public void copyDatabase(int template, int database) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void dropDatabase(int database) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long catalogVersion() {
        return 0;
    }

    @Override
    public void catalogChanged() {
    }

    @Override
    public void close() {
    }
}

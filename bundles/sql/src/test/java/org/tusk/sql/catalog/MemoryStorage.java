package org.tusk.sql.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.Index;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowLockMode;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.StorageAccess;
import org.tusk.storage.access.StorageSession;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TableShape;
import org.tusk.storage.access.TupleId;

/**
 * A storage without transactions for tests of the catalog code: tables are lists of rows in memory,
 * every change is visible at once and never undone. It checks what a real storage would refuse
 * (opening a table with another shape, a row of the wrong width, a missing file), so that catalog
 * code that works here only depends on the storage for visibility and durability. Transactional
 * behaviour is tested on the real engine.
 */
public final class MemoryStorage implements StorageAccess {
    private final Map<RelationId, MemoryTable> tables = new HashMap<>();
    private final Map<RelationId, IndexShape> indexes = new HashMap<>();
    private final AtomicInteger oids = new AtomicInteger(16384);
    private final AtomicLong catalogVersion = new AtomicLong();
    /** Each open session's status entry, in the order they started (the storage's shared status area). */
    private final Map<Object, org.tusk.storage.access.BackendActivity> activity =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    /**
     * The sessions that receive signals, by process ID (the storage's shared proc-signal slots; the
     * double calls the handler on the sender's thread, where the real storage's watcher thread does).
     */
    private final Map<Integer, java.util.function.Consumer<org.tusk.storage.access.BackendSignal>> signalReceivers =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public StorageSession openSession(int processId) {
        return new Session();
    }

    /** The relations that exist, for assertions. */
    public synchronized List<RelationId> relations() {
        List<RelationId> all = new ArrayList<>(tables.keySet());
        all.addAll(indexes.keySet());
        return all;
    }

    private final class MemoryTable implements Table {
        final RelationId id;
        final TableShape shape;
        final List<Object[]> rows = new ArrayList<>();

        MemoryTable(RelationId id, TableShape shape) {
            this.id = id;
            this.shape = shape;
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
            return rows.size() / 100 + 1;
        }

        @Override
        public RowScan scan() {
            List<Row> snapshot = new ArrayList<>();
            synchronized (MemoryStorage.this) {
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i) != null) {
                        snapshot.add(new Row(new TupleId(0, i + 1), rows.get(i).clone()));
                    }
                }
            }
            var it = snapshot.iterator();
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

        @Override
        public RowScan indexScan(Index index, KeyRange range, boolean backward) {
            throw new UnsupportedOperationException("no index scans in memory");
        }

        @Override
        public Row fetch(TupleId tid) {
            synchronized (MemoryStorage.this) {
                Object[] r = rows.get(tid.offset() - 1);
                return r == null ? null : new Row(tid, r.clone());
            }
        }

        @Override
        public TupleId insert(Object[] values) {
            if (values.length != shape.size()) {
                throw new IllegalArgumentException("row of " + values.length + " values for " + shape.size()
                        + " columns");
            }
            synchronized (MemoryStorage.this) {
                rows.add(values.clone());
                return new TupleId(0, rows.size());
            }
        }

        @Override
        public Row update(TupleId tid, Object[] values, UnaryOperator<Object[]> change) {
            Object[] next = change.apply(values.clone());
            if (next == null) {
                return null;
            }
            synchronized (MemoryStorage.this) {
                rows.set(tid.offset() - 1, null);
            }
            return new Row(insert(next), next);
        }

        @Override
        public boolean delete(TupleId tid, Predicate<Object[]> stillQualifies) {
            synchronized (MemoryStorage.this) {
                boolean live = rows.get(tid.offset() - 1) != null;
                rows.set(tid.offset() - 1, null);
                return live;
            }
        }

        @Override
        public Row lock(TupleId tid, RowLockMode mode, boolean noWait, Predicate<Object[]> stillQualifies) {
            return fetch(tid);
        }
    }

    private final class Session implements StorageSession {
        private boolean inTransaction;
        private boolean changedCatalogs;

        @Override
        public void begin(Isolation isolation) {
            if (inTransaction) {
                throw new IllegalStateException("begin inside a transaction");
            }
            inTransaction = true;
        }

        @Override
        public boolean inTransaction() {
            return inTransaction;
        }

        private void require() {
            if (!inTransaction) {
                throw new IllegalStateException("not in a transaction");
            }
        }

        @Override
        public void startStatement() {
            require();
        }

        @Override
        public void commandCounterIncrement() {
            require();
        }

        @Override
        public long transactionId() {
            return 1;
        }

        @Override
        public void commit() {
            require();
            inTransaction = false;
            if (changedCatalogs) {
                catalogVersion.incrementAndGet();
                changedCatalogs = false;
            }
        }

        @Override
        public void abort() {
            inTransaction = false;
            changedCatalogs = false;
        }

        @Override
        public void savepoint(String name) {
            require();
        }

        @Override
        public void releaseSavepoint(String name) {
            require();
        }

        @Override
        public void rollbackToSavepoint(String name) {
            require();
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
            require();
        }

        @Override
        public int newOid() {
            return oids.getAndIncrement();
        }

        @Override
        public Table createTable(RelationId id, TableShape shape) {
            require();
            synchronized (MemoryStorage.this) {
                if (tables.containsKey(id) || indexes.containsKey(id)) {
                    throw new AccessException("XX000", "relation file " + id + " exists");
                }
                MemoryTable t = new MemoryTable(id, shape);
                tables.put(id, t);
                return t;
            }
        }

        @Override
        public Table openTable(RelationId id, TableShape shape) {
            require();
            synchronized (MemoryStorage.this) {
                MemoryTable t = tables.get(id);
                if (t == null) {
                    throw new AccessException("58P01", "could not open file for " + id);
                }
                if (!t.shape.equals(shape)) {
                    throw new IllegalArgumentException("shape of " + id + " is " + t.shape + ", not " + shape);
                }
                return t;
            }
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
        public Index createIndex(RelationId id, IndexShape shape) {
            require();
            synchronized (MemoryStorage.this) {
                indexes.put(id, shape);
            }
            return openIndex(id, shape);
        }

        @Override
        public Index openIndex(RelationId id, IndexShape shape) {
            return new Index() {
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
                }

                @Override
                public long blocks() {
                    return 1;
                }
            };
        }

        @Override
        public boolean relationExists(RelationId id) {
            synchronized (MemoryStorage.this) {
                return tables.containsKey(id) || indexes.containsKey(id);
            }
        }

        @Override
        public void dropRelation(RelationId id) {
            require();
            synchronized (MemoryStorage.this) {
                tables.remove(id);
                indexes.remove(id);
            }
        }

        @Override
        public void copyDatabase(int template, int database) {
            require();
            synchronized (MemoryStorage.this) {
                for (MemoryTable t : List.copyOf(tables.values())) {
                    if (t.id.database() == template) {
                        MemoryTable copy = new MemoryTable(new RelationId(database, t.id.fileNumber()), t.shape);
                        t.rows.forEach(r -> copy.rows.add(r == null ? null : r.clone()));
                        tables.put(copy.id, copy);
                    }
                }
            }
        }

        @Override
        public void dropDatabase(int database) {
            require();
            synchronized (MemoryStorage.this) {
                tables.keySet().removeIf(id -> id.database() == database);
                indexes.keySet().removeIf(id -> id.database() == database);
            }
        }

        @Override
        public long catalogVersion() {
            return catalogVersion.get();
        }

        @Override
        public void catalogChanged() {
            require();
            changedCatalogs = true;
        }

        @Override
        public void close() {
            abort();
            activity.remove(this);
            if (receivingAs != 0) {
                signalReceivers.remove(receivingAs);
            }
        }

        @Override
        public void reportBackendStart(int processId, int databaseOid, String user, String applicationName,
                long backendStartMicros) {
            activity.put(this, new org.tusk.storage.access.BackendActivity(processId, databaseOid, user,
                    applicationName, null, "", backendStartMicros, 0, 0, 0));
        }

        @Override
        public void reportActivity(org.tusk.storage.access.BackendActivity.State state, String query,
                long transactionStartMicros, long queryStartMicros, long stateChangeMicros) {
            var a = activity.get(this);
            if (a != null) {
                activity.put(this, new org.tusk.storage.access.BackendActivity(a.pid(), a.databaseOid(), a.userName(),
                        a.applicationName(), state, query == null ? a.query() : query, a.backendStart(),
                        transactionStartMicros, queryStartMicros, stateChangeMicros));
            }
        }

        @Override
        public List<org.tusk.storage.access.BackendActivity> backendActivity() {
            synchronized (activity) {
                return List.copyOf(activity.values());
            }
        }

        private int receivingAs;

        @Override
        public void receiveSignals(int processId,
                java.util.function.Consumer<org.tusk.storage.access.BackendSignal> handler) {
            receivingAs = processId;
            signalReceivers.put(processId, handler);
        }

        @Override
        public boolean signalBackend(int processId, org.tusk.storage.access.BackendSignal signal) {
            var handler = signalReceivers.get(processId);
            if (handler == null) {
                return false;
            }
            handler.accept(signal);
            return true;
        }

        @Override
        public boolean backendAlive(int processId) {
            return signalReceivers.containsKey(processId);
        }
    }
}

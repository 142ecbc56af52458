package org.tusk.sql.dml;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.schema.StorageValues;
import org.tusk.sql.trigger.AfterTriggerQueue;
import org.tusk.storage.access.Index;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.access.UniqueViolationException;

/**
 * Writes row versions of one table for the duration of a statement (execIndexing.c plus the heap calls
 * of nodeModifyTable.c): checks a new version's constraints, stores it, and inserts its key into every
 * index of the table, turning a unique index's refusal into PostgreSQL's 23505. It also finds rows by
 * the values of some columns, for foreign keys.
 */
final class TableWriter {
    final Relation relation;
    final Table table;
    /** This backend's statistics of the table (n_tup_ins, n_tup_upd, n_tup_del). */
    final org.tusk.storage.access.RelationCounts counts;
    private final DmlEnv env;
    private final RowChecks checks;
    private final List<IndexDef> indexDefs;
    private final List<Index> indexes = new ArrayList<>();
    /** For each index, the row positions of its key columns (empty for an index with computed entries). */
    private final List<int[]> keyPositions = new ArrayList<>();
    /** For each index, how its entries are computed (expression keys, a predicate), or null if plain. */
    private final List<IndexKeys> computed = new ArrayList<>();
    /** Per column: is it a key column of some index (an UPDATE changing none of these may be HOT)? */
    private final boolean[] indexedColumns;
    private ForeignKeys foreignKeys;
    /**
     * Entries this statement made in DEFERRABLE unique indexes next to an equal key that may conflict,
     * to check at its end (or later): PostgreSQL queues unique_key_recheck for those only.
     */
    private final List<UniqueCheck> uniqueChecks = new ArrayList<>();

    private record UniqueCheck(int index, Object[] key, TupleId tid) {
    }

    /** For a partitioned table, which stores nothing itself: the partitions its rows go to; else null. */
    private final PartitionRouter router;

    TableWriter(DmlEnv env, Relation relation) {
        this.env = env;
        this.relation = relation;
        this.router = relation.kind() == 'p' ? new PartitionRouter(env, relation) : null;
        this.table = router != null ? null : env.storage().openTable(relation.storage(), relation.shape());
        // A partitioned table has no rows of its own: its partitions' writers count theirs, and what is counted
        // here goes nowhere.
        this.counts = router != null ? new org.tusk.storage.access.RelationCounts(0, relation.oid(), new ArrayList<>())
                : env.storage().relationCounts(relation.storage().database(), relation.oid());
        this.checks = new RowChecks(relation, env.ctx());
        this.indexDefs = relation.indexes();
        for (IndexDef d : indexDefs) {
            // A unique index reads the heap to tell live duplicates from dead ones: it needs its table.
            IndexShape shape = d.shape().table() != null ? d.shape()
                    : new IndexShape(d.shape().keys(), d.shape().unique(), relation.storage());
            indexes.add(env.storage().openIndex(d.storage(), shape));
            boolean plain = d.expressions().isEmpty() && d.predicate() == null;
            keyPositions.add(plain ? positions(relation, d.columns().subList(0, d.keyCount())) : new int[0]);
            computed.add(plain ? null : IndexKeys.of(relation, d, env.ctx()));
        }
        this.indexedColumns = new boolean[relation.columns().size()];
        for (int[] pos : keyPositions) {
            for (int p : pos) {
                indexedColumns[p] = true;
            }
        }
        // An expression key or a predicate depends on the columns it reads: changing one is no HOT update.
        for (IndexKeys k : computed) {
            if (k != null) {
                boolean[] read = k.columnsRead();
                for (int p = 0; p < read.length; p++) {
                    indexedColumns[p] |= read[p];
                }
            }
        }
    }

    /** The referential-integrity work of this table's rows (created on first use). */
    ForeignKeys foreignKeys() {
        if (foreignKeys == null) {
            foreignKeys = new ForeignKeys(env, this);
        }
        return foreignKeys;
    }

    /** The referential-integrity object if one was made or adopted, else null. */
    ForeignKeys foreignKeysIfAny() {
        return foreignKeys;
    }

    /** Used by {@link ForeignKeys} for the tables it reaches, so that they share one map of writers. */
    void adoptForeignKeys(ForeignKeys keys) {
        foreignKeys = keys;
    }

    /** The positions in the row of the columns with these attnums. */
    static int[] positions(Relation relation, List<Integer> attnums) {
        int[] out = new int[attnums.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = -1;
            List<Column> cols = relation.columns();
            for (int i = 0; i < cols.size(); i++) {
                if (cols.get(i).number() == attnums.get(k)) {
                    out[k] = i;
                }
            }
            if (out[k] < 0) {
                throw new IllegalStateException("relation " + relation.name() + " has no column " + attnums.get(k));
            }
        }
        return out;
    }

    Index index(int i) {
        return indexes.get(i);
    }

    /** This backend's statistics of one of the table's indexes (idx_scan, idx_tup_read, idx_tup_fetch). */
    org.tusk.storage.access.RelationCounts countsOf(IndexDef index) {
        return env.storage().relationCounts(index.storage().database(), index.oid());
    }

    /** Checks and stores a new row (SQL values in column order) and indexes it; returns where it went. */
    TupleId insert(Object[] row) {
        return insertSpeculative(row, List.of()); // no arbiter index: no entry only reports a conflict
    }

    /**
     * ON CONFLICT's speculative insertion (ExecInsert with a speculative token): checks and stores the
     * row and adds its index entries, those of the arbiter indexes ({@code arbiters}, positions in the
     * index list) without waiting or raising. If one of them reports an equal key that a concurrent
     * transaction holds or is inserting, the row is taken back (dead to everyone) and null returned:
     * the caller looks for the conflict again. Otherwise it returns where the row went.
     */
    TupleId insertSpeculative(Object[] row, List<Integer> arbiters) {
        if (router != null) {
            return router.writer(row).insertSpeculative(row, arbiters);
        }
        checks.check(row, env.ctx());
        Object[] stored = StorageValues.rowToStorage(relation.columns(), row);
        TupleId tid = table.insert(stored);
        counts.tuplesInserted(1);
        if (insertIndexEntries(stored, tid, arbiters)) {
            table.abortInsert(tid);
            return null;
        }
        if (!relation.foreignKeys().isEmpty()) {
            foreignKeys().queueOutbound(stored, null);
        }
        return tid;
    }

    /**
     * The live row version holding the key of {@code stored} (storage values) in index {@code i}, or
     * null: ON CONFLICT's pre-check, the storage's unique check without an insertion (it waits for a
     * running inserter of the key).
     */
    TupleId conflict(int i, Object[] stored) {
        Object[] key = key(i, stored);
        return key == null ? null : indexes.get(i).conflict(key);
    }

    /** The entry of index {@code i} for a row version (storage values), or null if a partial index has none. */
    private Object[] key(int i, Object[] stored) {
        if (computed.get(i) != null) {
            return computed.get(i).key(stored, env.ctx());
        }
        int[] pos = keyPositions.get(i);
        Object[] key = new Object[pos.length];
        for (int k = 0; k < pos.length; k++) {
            key[k] = stored[pos[k]];
        }
        return key;
    }

    /** Checks a new version computed by an UPDATE before it is stored (called inside the update's change function). */
    void check(Object[] row) {
        checks.check(row, env.ctx());
    }

    /**
     * Updates the row at {@code tid} found with {@code values} (storage values): {@code change} maps the
     * newest version's SQL values to the new SQL values (already checked), or null if it no longer
     * qualifies. Returns the new version (storage values) or null.
     */
    Row update(TupleId tid, Object[] values, UnaryOperator<Object[]> change) {
        UnaryOperator<Object[]> stored = newest -> {
            Object[] next = change.apply(StorageValues.rowFromStorage(relation.columns(), newest));
            return next == null ? null : StorageValues.rowToStorage(relation.columns(), next);
        };
        // The storage decides whether the update is heap-only (HOT): no indexed column changed and the
        // new version fits on the old one's page.
        Row updated = table.update(tid, values, stored, indexedColumns);
        if (updated != null) {
            counts.tupleUpdated(updated.heapOnly());
        }
        // A heap-only (HOT) update changed no indexed column: the old entries lead to the new version.
        if (updated != null && !updated.heapOnly()) {
            insertIndexEntries(updated.values(), updated.tid());
        }
        return updated;
    }

    private void insertIndexEntries(Object[] stored, TupleId tid) {
        insertIndexEntries(stored, tid, List.of());
    }

    /**
     * Adds the entries of a new version to every index; those of the {@code speculative} indexes only
     * report an equal key (true if one did), as ON CONFLICT's arbiters do (UNIQUE_CHECK_PARTIAL).
     */
    private boolean insertIndexEntries(Object[] stored, TupleId tid, List<Integer> speculative) {
        boolean conflict = false;
        for (int i = 0; i < indexes.size(); i++) {
            Object[] key = key(i, stored);
            if (key == null) {
                continue; // a partial index without an entry for this row
            }
            if (indexDefs.get(i).deferrable()) {
                // The storage takes the entry and only says whether an equal key may conflict.
                if (indexes.get(i).insertPartial(key, tid)) {
                    uniqueChecks.add(new UniqueCheck(i, key, tid));
                }
                continue;
            }
            if (speculative.contains(i)) {
                conflict |= indexes.get(i).insertSpeculative(key, tid);
                continue;
            }
            try {
                indexes.get(i).insert(key, tid);
            } catch (UniqueViolationException e) {
                throw duplicate(i, e.key());
            }
        }
        return conflict;
    }

    /**
     * The end of the statement (its after-trigger events): the checks of DEFERRABLE unique keys, then the
     * foreign-key checks; those whose constraint is deferred now go to the session's queue.
     */
    void endOfStatement() {
        if (router != null) {
            router.endOfStatement();
        }
        recheckUniqueEntries();
        if (foreignKeys != null) {
            // Rows the keys' actions (CASCADE, SET NULL, SET DEFAULT) changed in other tables are checked
            // too: their writers have no end of statement of their own.
            foreignKeys.endOfStatementOfReachedTables();
            foreignKeys.runQueued();
        }
    }

    /** The rechecks of the DEFERRABLE unique entries this writer made: now, at the statement's end, or later. */
    void recheckUniqueEntries() {
        if (!uniqueChecks.isEmpty()) {
            List<UniqueCheck> checks = List.copyOf(uniqueChecks);
            uniqueChecks.clear();
            if (env.shared() != null) {
                // A part of a statement with data-modifying WITH: its AFTER events wait for the statement's end.
                env.shared().defer(() -> recheck(checks));
            } else {
                recheck(checks);
            }
        }
    }

    /** The unique rechecks of the statement: now if their constraint is immediate, else in the session's queue. */
    private void recheck(List<UniqueCheck> checks) {
        AfterTriggerQueue queue = AfterTriggerQueue.of(env.ctx());
        for (UniqueCheck c : checks) {
            IndexDef def = indexDefs.get(c.index());
            if (queue != null && queue.deferred(def.constraintOid(), true, def.initiallyDeferred())) {
                queue.defer(new DeferredUnique(relation.oid(), def.oid(), def.constraintOid(), c.key(), c.tid()));
            } else {
                checkUnique(c.index(), c.key(), c.tid());
            }
        }
    }

    /**
     * unique_key_recheck: if the row at {@code tid} still holds {@code key} of index {@code i} (storage
     * values), no other row may; the storage's check waits for transactions still deciding an equal key.
     */
    private void checkUnique(int i, Object[] key, TupleId tid) {
        try {
            indexes.get(i).recheckUnique(key, tid);
        } catch (UniqueViolationException e) {
            throw duplicate(i, e.key());
        }
    }

    /** A deferred unique check of index {@code index} of table {@code table}. */
    private record DeferredUnique(int table, int index, int constraint, Object[] key, TupleId tid)
            implements AfterTriggerQueue.Event {
        @Override
        public void fire(EvalContext ctx) {
            Relation r = ctx.db().catalog().relation(table);
            if (r == null) {
                return;
            }
            TableWriter w = new TableWriter(new DmlEnv(ctx.db().storage(), ctx.db().catalog(), ctx,
                    Parameters.none()), r);
            for (int i = 0; i < w.indexDefs.size(); i++) {
                if (w.indexDefs.get(i).oid() == index && w.indexDefs.get(i).deferrable()) {
                    w.checkUnique(i, key, tid);
                }
            }
        }
    }

    private SqlException duplicate(int i, Object[] storedKey) {
        IndexDef index = indexDefs.get(i);
        List<Column> keyColumns = new ArrayList<>();
        Object[] key = new Object[storedKey.length];
        if (computed.get(i) != null) {
            keyColumns = computed.get(i).described();
            key = computed.get(i).sqlValues(storedKey);
        } else {
            int[] pos = keyPositions.get(i);
            for (int k = 0; k < pos.length; k++) {
                Column c = relation.columns().get(pos[k]);
                keyColumns.add(c);
                key[k] = StorageValues.fromStorage(c.type(), storedKey[k]);
            }
        }
        return new SqlException(ErrorFields.of("ERROR", "23505", "duplicate key value violates unique constraint \""
                + index.name() + "\"").detail("Key " + RowFormat.key(keyColumns, key, env.ctx()) + " already exists.")
                .set(ErrorFields.SCHEMA, relation.schema()).set(ErrorFields.TABLE, relation.name())
                .set(ErrorFields.CONSTRAINT, index.name()).build());
    }

    /**
     * The visible rows whose columns at {@code positions} equal {@code key} (storage values, none null):
     * through an index whose leading columns are exactly those columns if there is one, else by a
     * sequential scan.
     */
    List<Row> findByKey(int[] positions, Object[] key) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < indexes.size(); i++) {
            int[] ip = keyPositions.get(i);
            if (computed.get(i) != null || ip.length < positions.length) {
                continue;
            }
            Object[] ordered = reorder(Arrays.copyOf(ip, positions.length), positions, key);
            if (ordered != null) {
                try (RowScan scan = table.indexScan(indexes.get(i), KeyRange.equal(ordered), false)) {
                    for (Row r = scan.next(); r != null; r = scan.next()) {
                        out.add(r);
                    }
                }
                return out;
            }
        }
        try (RowScan scan = table.scan()) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                if (matches(r.values(), positions, key)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** The key values in the order of {@code indexPositions}, or null if the index has other columns. */
    private static Object[] reorder(int[] indexPositions, int[] positions, Object[] key) {
        Object[] out = new Object[indexPositions.length];
        for (int k = 0; k < indexPositions.length; k++) {
            int found = -1;
            for (int j = 0; j < positions.length; j++) {
                if (positions[j] == indexPositions[k]) {
                    found = j;
                }
            }
            if (found < 0) {
                return null;
            }
            out[k] = key[found];
        }
        return out;
    }

    static boolean matches(Object[] values, int[] positions, Object[] key) {
        for (int k = 0; k < positions.length; k++) {
            if (!sameValue(values[positions[k]], key[k])) {
                return false;
            }
        }
        return true;
    }

    /** Equality of two stored values of one column type (numeric compares by value, not scale). */
    static boolean sameValue(Object a, Object b) {
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return a.equals(b);
    }

    // ---- COPY FROM's bulk insert (PostgreSQL's CopyMultiInsertBuffer): check and convert each row as
    // it is read, store a batch with one Table.insertAll (one WAL record per heap page), then index
    // the stored rows one by one, so a unique violation still names the right row.

    /** The checks of the table's rows (COPY tests a domain column's field as it reads it). */
    RowChecks checks() {
        return checks;
    }

    /** The first half of {@link #insert}: checks a new row (SQL values) and returns its storage values. */
    Object[] checkedForStorage(Object[] row) {
        checks.check(row, env.ctx());
        return StorageValues.rowToStorage(relation.columns(), row);
    }

    /** Stores rows {@link #checkedForStorage} returned, with one bulk insert; returns their TIDs in order. */
    List<TupleId> storeAll(List<Object[]> stored) {
        if (router != null) {
            // Each row goes to its partition whole (checked, stored and indexed there); nothing is left for
            // indexStored to do.
            List<TupleId> tids = new ArrayList<>();
            for (Object[] values : stored) {
                Object[] row = StorageValues.rowFromStorage(relation.columns(), values);
                tids.add(router.writer(row).insert(row));
            }
            return tids;
        }
        counts.tuplesInserted(stored.size());
        return table.insertAll(stored);
    }

    /** The second half of {@link #insert} for a row {@link #storeAll} stored: index entries, foreign keys. */
    void indexStored(Object[] stored, TupleId tid) {
        if (router != null) {
            return;
        }
        insertIndexEntries(stored, tid);
        if (!relation.foreignKeys().isEmpty()) {
            foreignKeys().queueOutbound(stored, null);
        }
    }
}

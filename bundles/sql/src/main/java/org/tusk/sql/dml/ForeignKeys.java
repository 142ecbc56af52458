package org.tusk.sql.dml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.ForeignKeyDef;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.schema.StorageValues;
import org.tusk.sql.trigger.AfterTriggerQueue;
import org.tusk.sql.trigger.ForeignKeyTriggers;
import org.tusk.sql.trigger.TriggerType;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowLockMode;

/**
 * Foreign keys of one table's changed rows, both ways (ri_triggers.c without triggers):
 * <ul>
 * <li>a new or changed referencing row must find its key in the referenced table (MATCH SIMPLE: a key
 * with a NULL is not checked); the referenced row is locked FOR KEY SHARE so it cannot disappear before
 * this transaction ends. These checks are queued and run at the end of the statement, as PostgreSQL's
 * AFTER triggers run, so that a statement may insert a row that references a row it inserts later;</li>
 * <li>a deleted referenced row, or one whose key changed, applies each referencing key's action:
 * RESTRICT fails at once if a referencing row exists; NO ACTION is checked at the end of the statement
 * (or later if deferred), as PostgreSQL's AFTER trigger is, and passes if the statement gave the key back
 * (another row of the referenced table holds it then); CASCADE deletes or updates the referencing rows,
 * SET NULL and SET DEFAULT change their key columns.</li>
 * </ul>
 * Each check and action runs only while its internal trigger is on ({@link ForeignKeyTriggers#fires}): ALTER TABLE
 * ... DISABLE TRIGGER ALL and session_replication_role = replica switch them off, as they do PostgreSQL's.
 */
final class ForeignKeys {
    private final DmlEnv env;
    private final TableWriter owner;
    /** Writers of the other tables reached through keys, by OID, for this statement. */
    private final Map<Integer, TableWriter> writers;
    /** Outbound checks waiting for the end of the statement. */
    private final List<Pending> pending = new ArrayList<>();
    /** {@link #fires}'s answers for this statement. */
    private final Map<Long, Boolean> firing = new HashMap<>();

    /**
     * The statement's immediate NO ACTION checks, of every table it reached (shared, as {@link #writers}
     * is, by the ForeignKeys of those tables), waiting for its end.
     */
    private final List<NoAction> noAction;

    private record Pending(ForeignKeyDef key, Object[] storedKey) {
    }

    /** A key that left referenced table {@code parent}, which rows of {@code child} may still reference. */
    private record NoAction(ForeignKeys parent, int child, int constraint, Object[] storedKey) {
    }

    ForeignKeys(DmlEnv env, TableWriter owner) {
        this(env, owner, new HashMap<>(), new ArrayList<>());
    }

    private ForeignKeys(DmlEnv env, TableWriter owner, Map<Integer, TableWriter> writers, List<NoAction> noAction) {
        this.env = env;
        this.owner = owner;
        this.writers = writers;
        this.noAction = noAction;
        writers.putIfAbsent(owner.relation.oid(), owner);
    }

    private TableWriter writer(int oid) {
        TableWriter w = writers.get(oid);
        if (w == null) {
            Relation r = env.catalog().relation(oid);
            if (r == null) {
                throw new SqlException("XX000", "could not open relation with OID " + Integer.toUnsignedString(oid));
            }
            env.storage().lockRelation(env.catalog().databaseOid(), oid, RelationLockMode.ROW_SHARE, false);
            w = new TableWriter(env, r);
            writers.put(oid, w);
        }
        if (w.foreignKeysIfAny() == null) {
            w.adoptForeignKeys(new ForeignKeys(env, w, writers, noAction));
        }
        return w;
    }

    /**
     * The end of the statement for the other tables the keys' actions changed rows of: the rechecks of
     * their DEFERRABLE unique keys and the checks of their changed foreign keys (a SET DEFAULT value must
     * be in the referenced table), which PostgreSQL queues as the cascaded UPDATE's AFTER events.
     */
    void endOfStatementOfReachedTables() {
        for (TableWriter w : List.copyOf(writers.values())) {
            if (w != owner) {
                w.recheckUniqueEntries();
                if (w.foreignKeysIfAny() != null) {
                    w.foreignKeysIfAny().runQueued();
                }
            }
        }
    }

    /**
     * Whether the check or action of key {@code constraint} for {@code event} on this table is on, asked once per
     * statement (the answer cannot change within one: disabling takes a lock the statement's writer conflicts with).
     */
    private boolean fires(int constraint, int event) {
        return firing.computeIfAbsent(((long) constraint << 8) | event,
                k -> ForeignKeyTriggers.fires(env.ctx(), owner.relation.oid(), constraint, event));
    }

    /** Whether the table has foreign keys of its own (outbound checks to queue). */
    boolean hasOutbound() {
        return !owner.relation.foreignKeys().isEmpty();
    }

    /**
     * Queues the checks of a new row version's outbound keys ({@code old}: the version it replaces, or
     * null for an insert; a key that did not change is not checked again, as RI_FKey_fk_upd_check_required).
     */
    void queueOutbound(Object[] stored, Object[] oldStored) {
        int event = oldStored == null ? TriggerType.INSERT : TriggerType.UPDATE;
        for (ForeignKeyDef fk : owner.relation.foreignKeys()) {
            if (!fires(fk.oid(), event)) {
                continue;
            }
            int[] pos = TableWriter.positions(owner.relation, fk.columns());
            Object[] key = new Object[pos.length];
            boolean anyNull = false;
            boolean changed = oldStored == null;
            for (int k = 0; k < pos.length; k++) {
                key[k] = stored[pos[k]];
                anyNull |= key[k] == null;
                if (oldStored != null && !TableWriter.sameValue(key[k], oldStored[pos[k]])) {
                    changed = true;
                }
            }
            if (!anyNull && changed) {
                pending.add(new Pending(fk, key));
            }
        }
    }

    /**
     * Runs the queued outbound checks (at the end of the statement); the checks of a DEFERRABLE key that
     * is deferred now go to the session's {@link AfterTriggerQueue} instead.
     */
    void runQueued() {
        if (pending.isEmpty() && noAction.isEmpty()) {
            return;
        }
        List<Pending> checks = List.copyOf(pending);
        pending.clear();
        List<NoAction> actions = List.copyOf(noAction);
        noAction.clear();
        if (env.shared() != null) {
            // A part of a statement with data-modifying WITH: checked when every part has run.
            env.shared().defer(() -> check(checks, actions));
            return;
        }
        check(checks, actions);
    }

    private void check(List<Pending> checks, List<NoAction> actions) {
        // The referenced rows this statement wrote itself must be visible to the checks.
        env.storage().commandCounterIncrement();
        for (NoAction n : actions) {
            n.parent().checkNoAction(n.child(), n.constraint(), n.storedKey());
        }
        AfterTriggerQueue queue = null;
        for (Pending p : checks) {
            ForeignKeyDef fk = p.key();
            if (fk.deferrable()) {
                queue = queue != null ? queue : AfterTriggerQueue.of(env.ctx());
                if (queue != null && queue.deferred(fk.oid(), true, fk.initiallyDeferred())) {
                    queue.defer(new DeferredCheck(owner.relation.oid(), fk.oid(), p.storedKey()));
                    continue;
                }
            }
            checkOutbound(fk, p.storedKey());
        }
    }

    /** RI_FKey_check: the referenced table must hold the key; its row is locked FOR KEY SHARE. */
    private void checkOutbound(ForeignKeyDef fk, Object[] storedKey) {
        TableWriter referenced = writer(fk.referencedTable());
        int[] pos = TableWriter.positions(referenced.relation, fk.referencedColumns());
        for (Row r : referenced.findByKey(pos, storedKey)) {
            if (referenced.table.lock(r.tid(), RowLockMode.KEY_SHARE, false,
                    v -> TableWriter.matches(v, pos, storedKey)) != null) {
                return;
            }
        }
        List<Column> cols = columns(owner.relation, fk.columns());
        throw new SqlException(ErrorFields.of("ERROR", "23503", "insert or update on table \""
                + owner.relation.name() + "\" violates foreign key constraint \"" + fk.name() + "\"")
                .detail("Key " + RowFormat.key(cols, fromStorage(cols, storedKey), env.ctx())
                        + " is not present in table \"" + referenced.relation.name() + "\".")
                .set(ErrorFields.SCHEMA, owner.relation.schema()).set(ErrorFields.TABLE, owner.relation.name())
                .set(ErrorFields.CONSTRAINT, fk.name()).build());
    }

    /** A deferred RI_FKey_check of a key of table {@code table} (storage values). */
    private record DeferredCheck(int table, int constraint, Object[] storedKey) implements AfterTriggerQueue.Event {
        @Override
        public void fire(EvalContext ctx) {
            ForeignKeys keys = reopen(ctx, table);
            ForeignKeyDef fk = keys == null ? null : keys.key(keys.owner.relation.foreignKeys(), constraint);
            if (fk == null) {
                return;
            }
            // As RI_FKey_check's "is the row still live" test: a referencing row deleted or re-keyed since
            // needs no check (here: no visible row holds the key any more).
            if (keys.owner.findByKey(TableWriter.positions(keys.owner.relation, fk.columns()), storedKey).isEmpty()) {
                return;
            }
            keys.checkOutbound(fk, storedKey);
        }
    }

    /**
     * A deferred NO ACTION check of a key deleted from (or re-keyed in) the referenced table {@code table}:
     * it fails if no row of that table holds the key again and a row of {@code child} still references it.
     */
    private record DeferredNoAction(int table, int child, int constraint, Object[] storedKey)
            implements AfterTriggerQueue.Event {
        @Override
        public void fire(EvalContext ctx) {
            ForeignKeys keys = reopen(ctx, table);
            if (keys != null) {
                keys.checkNoAction(child, constraint, storedKey);
            }
        }
    }

    /**
     * RI_FKey_noaction_del/upd: key {@code storedKey} left this (referenced) table; unless a row of it
     * holds the key again (ri_Check_Pk_Match), no row of {@code child} may reference it through key
     * {@code constraint}.
     */
    private void checkNoAction(int child, int constraint, Object[] storedKey) {
        for (Relation.ForeignKeyRef ref : owner.relation.referencedBy()) {
            if (ref.key().oid() != constraint || ref.table() != child) {
                continue;
            }
            int[] pos = TableWriter.positions(owner.relation, ref.key().referencedColumns());
            if (!owner.findByKey(pos, storedKey).isEmpty()) {
                return;
            }
            TableWriter c = writer(child);
            if (!c.findByKey(TableWriter.positions(c.relation, ref.key().columns()), storedKey).isEmpty()) {
                throw stillReferenced(ref, c, storedKey);
            }
        }
    }

    /** The key of this table with pg_constraint OID {@code oid}, or null if it is gone. */
    private ForeignKeyDef key(List<ForeignKeyDef> keys, int oid) {
        for (ForeignKeyDef k : keys) {
            if (k.oid() == oid) {
                return k;
            }
        }
        return null;
    }

    /** The referential-integrity work of table {@code oid} in the session's current statement, or null if it is gone. */
    private static ForeignKeys reopen(EvalContext ctx, int oid) {
        Relation r = ctx.db().catalog().relation(oid);
        if (r == null) {
            return null;
        }
        DmlEnv env = new DmlEnv(ctx.db().storage(), ctx.db().catalog(), ctx, Parameters.none());
        env.storage().commandCounterIncrement();
        TableWriter w = new TableWriter(env, r);
        return w.foreignKeys();
    }

    private SqlException stillReferenced(Relation.ForeignKeyRef ref, TableWriter child, Object[] key) {
        List<Column> cols = columns(owner.relation, ref.key().referencedColumns());
        return new SqlException(ErrorFields.of("ERROR", "23503", "update or delete on table \""
                + owner.relation.name() + "\" violates foreign key constraint \"" + ref.key().name()
                + "\" on table \"" + child.relation.name() + "\"")
                .detail("Key " + RowFormat.key(cols, fromStorage(cols, key), env.ctx())
                        + " is still referenced from table \"" + child.relation.name() + "\".")
                .set(ErrorFields.SCHEMA, child.relation.schema()).set(ErrorFields.TABLE, child.relation.name())
                .set(ErrorFields.CONSTRAINT, ref.key().name()).build());
    }

    /** The actions of the keys referencing a deleted row (storage values). */
    void onDelete(Object[] oldStored) {
        for (Relation.ForeignKeyRef ref : owner.relation.referencedBy()) {
            if (fires(ref.key().oid(), TriggerType.DELETE)) {
                act(ref, oldStored, null, ref.key().onDelete());
            }
        }
    }

    /** The actions of the keys referencing an updated row whose key changed. */
    void onUpdate(Object[] oldStored, Object[] newStored) {
        for (Relation.ForeignKeyRef ref : owner.relation.referencedBy()) {
            if (!fires(ref.key().oid(), TriggerType.UPDATE)) {
                continue;
            }
            int[] pos = TableWriter.positions(owner.relation, ref.key().referencedColumns());
            boolean changed = false;
            for (int p : pos) {
                changed |= !TableWriter.sameValue(oldStored[p], newStored[p]) && oldStored[p] != null;
            }
            if (changed) {
                act(ref, oldStored, newStored, ref.key().onUpdate());
            }
        }
    }

    private void act(Relation.ForeignKeyRef ref, Object[] oldStored, Object[] newStored, char action) {
        int[] refPos = TableWriter.positions(owner.relation, ref.key().referencedColumns());
        Object[] key = new Object[refPos.length];
        for (int k = 0; k < key.length; k++) {
            key[k] = oldStored[refPos[k]];
            if (key[k] == null) {
                return;
            }
        }
        TableWriter child = writer(ref.table());
        int[] childPos = TableWriter.positions(child.relation, ref.key().columns());
        List<Row> rows = child.findByKey(childPos, key);
        if (rows.isEmpty()) {
            return;
        }
        switch (action) {
            case 'c' -> {
                for (Row r : rows) {
                    if (newStored == null) {
                        if (child.table.delete(r.tid(), v -> TableWriter.matches(v, childPos, key))) {
                            child.counts.tupleDeleted();
                            child.foreignKeysIfAny().onDelete(r.values());
                        }
                    } else {
                        Object[] newKey = new Object[refPos.length];
                        for (int k = 0; k < newKey.length; k++) {
                            newKey[k] = newStored[refPos[k]];
                        }
                        setColumns(child, r, childPos, key, sql -> {
                            for (int k = 0; k < childPos.length; k++) {
                                sql[childPos[k]] = StorageValues.fromStorage(
                                        child.relation.columns().get(childPos[k]).type(), newKey[k]);
                            }
                        });
                    }
                }
            }
            case 'n', 'd' -> {
                for (Row r : rows) {
                    setColumns(child, r, childPos, key, sql -> {
                        for (int p : childPos) {
                            sql[p] = action == 'n' ? null : defaultValue(child.relation, p);
                        }
                    });
                }
            }
            case 'a' -> {
                ForeignKeyDef fk = ref.key();
                if (fk.deferrable()) {
                    // NO ACTION of a deferred key: checked at commit (the key may come back before then).
                    AfterTriggerQueue queue = AfterTriggerQueue.of(env.ctx());
                    if (queue != null && queue.deferred(fk.oid(), true, fk.initiallyDeferred())) {
                        queue.defer(new DeferredNoAction(owner.relation.oid(), child.relation.oid(), fk.oid(), key));
                        return;
                    }
                }
                // Immediate NO ACTION: at the end of the statement, which may give the key back.
                noAction.add(new NoAction(this, child.relation.oid(), fk.oid(), key));
            }
            default -> throw stillReferenced(ref, child, key);
        }
    }

    private interface Change {
        void apply(Object[] sqlRow);
    }

    /** Updates one referencing row's key columns (an action's update: the row must still hold the old key). */
    private void setColumns(TableWriter child, Row r, int[] childPos, Object[] oldKey, Change change) {
        Row updated = child.update(r.tid(), r.values(), sql -> {
            if (!TableWriter.matches(StorageValues.rowToStorage(child.relation.columns(), sql), childPos, oldKey)) {
                return null;
            }
            Object[] next = sql.clone();
            change.apply(next);
            child.check(next);
            return next;
        });
        if (updated != null) {
            ForeignKeys keys = child.foreignKeysIfAny();
            keys.onUpdate(r.values(), updated.values());
            if (keys.hasOutbound()) {
                keys.queueOutbound(updated.values(), r.values());
            }
        }
    }

    private Object defaultValue(Relation relation, int position) {
        Column c = relation.columns().get(position);
        if (c.defaultSql() == null) {
            return null;
        }
        Analyzer a = new Analyzer(env.ctx(), Parameters.none());
        Expression e = a.coerceToColumn(a.transform(Parser.parseExpression(c.defaultSql())), c.name(), c.type(),
                c.typmod(), -1);
        return e.eval(env.ctx());
    }

    private static List<Column> columns(Relation relation, List<Integer> attnums) {
        List<Column> out = new ArrayList<>();
        for (int p : TableWriter.positions(relation, attnums)) {
            out.add(relation.columns().get(p));
        }
        return out;
    }

    private static Object[] fromStorage(List<Column> cols, Object[] stored) {
        Object[] out = new Object[stored.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = StorageValues.fromStorage(cols.get(i), stored[i]);
        }
        return out;
    }
}

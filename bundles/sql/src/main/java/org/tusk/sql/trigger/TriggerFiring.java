package org.tusk.sql.trigger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.eval.Scope;
import org.tusk.sql.func.FunctionDefinition;
import org.tusk.sql.func.TriggerFunctions;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.plpgsql.PlpgsqlFunction;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;

/**
 * The triggers one INSERT, UPDATE, DELETE or COPY FROM statement fires on its table (trigger.c's
 * ExecBR*, ExecAR* and ExecBS/AS* calls with the after-trigger queue of one query level):
 * <ul>
 * <li>BEFORE STATEMENT triggers run at {@link #beforeStatement}, before any row is touched;</li>
 * <li>BEFORE ROW triggers run at {@link #beforeRow}, in name order, each seeing the row the previous one
 * returned; one returning NULL skips the row (the statement neither changes nor counts it);</li>
 * <li>AFTER ROW triggers are queued by {@link #afterRow} (their WHEN condition checked then, as
 * PostgreSQL does) and run at {@link #afterStatement}, in the order the rows were changed, followed by
 * the AFTER STATEMENT triggers, which run even when no row was changed.</li>
 * </ul>
 * A constraint trigger whose constraint is deferred when the statement ends is handed to the session's
 * {@link AfterTriggerQueue} instead, and runs at COMMIT or at SET CONSTRAINTS ... IMMEDIATE. Transition
 * tables are not supported.
 */
public final class TriggerFiring {
    private final EvalContext ctx;
    private final TriggerCache cache;
    private final RelationCache catalog;
    private final Relation relation;
    private final int event;
    private final List<TriggerDef> triggers;
    private final Map<Integer, Expression> conditions = new HashMap<>();
    private final RowSlot oldSlot = new RowSlot("old");
    private final RowSlot newSlot = new RowSlot("new");
    private final List<Object[]> queued = new ArrayList<>();
    private final boolean beforeRows;
    private final boolean afterRows;
    /** The statement's old and new rows, kept when a trigger has transition tables (else null). */
    private final List<Object[]> oldRows;
    private final List<Object[]> newRows;

    private TriggerFiring(EvalContext ctx, TriggerCache cache, RelationCache catalog, Relation relation, int event,
            List<TriggerDef> triggers) {
        this.ctx = ctx;
        this.cache = cache;
        this.catalog = catalog;
        this.relation = relation;
        this.event = event;
        this.triggers = triggers;
        this.beforeRows = triggers.stream().anyMatch(t -> t.row() && t.before());
        this.afterRows = triggers.stream().anyMatch(t -> t.row() && !t.before() && !t.insteadOf());
        this.oldRows = triggers.stream().anyMatch(t -> t.oldTable() != null) ? new ArrayList<>() : null;
        this.newRows = triggers.stream().anyMatch(t -> t.newTable() != null) ? new ArrayList<>() : null;
    }

    /**
     * The triggers a statement of {@code event} ({@link TriggerType#INSERT}, ...) fires on {@code relation},
     * or null if none does (the common case, which costs one lookup). For UPDATE, {@code updatedColumns}
     * are the row positions the SET list assigns: an UPDATE OF trigger fires only if it names one of them.
     */
    public static TriggerFiring of(EvalContext ctx, Relation relation, int event, int[] updatedColumns) {
        if (ctx.db() == null || !(ctx.db().catalog() instanceof RelationCache rc)) {
            return null;
        }
        TriggerCache cache = TriggerCache.of(rc);
        List<TriggerDef> all = cache.triggers(relation.oid());
        if (all.isEmpty()) {
            return null;
        }
        List<TriggerDef> firing = new ArrayList<>();
        for (TriggerDef t : all) {
            // INSTEAD OF triggers exist on views only (and a table's DML never fires them).
            if (!ReplicationRole.fires(ctx, t.enabled()) || !t.on(event) || t.insteadOf() && relation.kind() != 'v') {
                continue;
            }
            if (event == TriggerType.UPDATE && !t.columns().isEmpty() && !updates(relation, t, updatedColumns)) {
                continue;
            }
            firing.add(t);
        }
        return firing.isEmpty() ? null : new TriggerFiring(ctx, cache, rc, relation, event, firing);
    }

    private static boolean updates(Relation relation, TriggerDef t, int[] updatedColumns) {
        if (updatedColumns == null) {
            return false;
        }
        for (int p : updatedColumns) {
            if (t.columns().contains(relation.columns().get(p).number())) {
                return true;
            }
        }
        return false;
    }

    public boolean hasBeforeRow() {
        return beforeRows;
    }

    public void beforeStatement() {
        for (TriggerDef t : triggers) {
            if (!t.row() && t.before()) {
                call(t, true, null, null);
            }
        }
    }

    /**
     * Runs the BEFORE ROW triggers: returns the row to store (the new row, as the triggers changed it; for
     * DELETE the old row), or null when a trigger returned NULL and the row is to be skipped.
     */
    public Object[] beforeRow(Object[] oldRow, Object[] newRow) {
        if (!beforeRows) {
            return event == TriggerType.DELETE ? oldRow : newRow;
        }
        Object[] current = newRow;
        for (TriggerDef t : triggers) {
            if (!t.row() || !t.before() || !qualifies(t, oldRow, current)) {
                continue;
            }
            Object[] result = call(t, true, oldRow, current);
            if (result == null) {
                return null;
            }
            if (event != TriggerType.DELETE) {
                current = result;
            }
        }
        return event == TriggerType.DELETE ? oldRow : current;
    }

    /**
     * Runs the INSTEAD OF ROW triggers of a view's row in name order (ExecIR*Triggers), each seeing the NEW
     * the previous one returned: returns what the last one returned (the row RETURNING shows), or null when
     * one returned NULL (the row is not counted). For DELETE the result is OLD when the triggers return a row.
     */
    public Object[] insteadOfRow(Object[] oldRow, Object[] newRow) {
        Object[] current = newRow;
        Object[] result = event == TriggerType.DELETE ? oldRow : newRow;
        for (TriggerDef t : triggers) {
            if (!t.row() || !t.insteadOf()) {
                continue;
            }
            result = call(t, false, oldRow, current);
            if (result == null) {
                return null;
            }
            if (event != TriggerType.DELETE) {
                current = result;
            }
        }
        return event == TriggerType.DELETE ? oldRow : current;
    }

    /** Whether a view has an INSTEAD OF ROW trigger for {@code event} (view_has_instead_trigger). */
    public static boolean hasInsteadOf(org.tusk.sql.schema.Catalog catalog, Relation view, int event) {
        if (!(catalog instanceof RelationCache rc)) {
            return false;
        }
        for (TriggerDef t : TriggerCache.of(rc).triggers(view.oid())) {
            if (t.insteadOf() && t.row() && t.on(event)) {
                return true;
            }
        }
        return false;
    }

    /** Queues the AFTER ROW triggers of a changed row (those whose WHEN condition holds now). */
    public void afterRow(Object[] oldRow, Object[] newRow) {
        if (oldRows != null && oldRow != null) {
            oldRows.add(oldRow);
        }
        if (newRows != null && newRow != null) {
            newRows.add(newRow);
        }
        if (!afterRows) {
            return;
        }
        for (int i = 0; i < triggers.size(); i++) {
            TriggerDef t = triggers.get(i);
            if (t.row() && !t.before() && !t.insteadOf() && qualifies(t, oldRow, newRow)) {
                queued.add(new Object[] {i, oldRow, newRow});
            }
        }
    }

    /** The statement's end: the queued AFTER ROW triggers in order, then the AFTER STATEMENT triggers. */
    public void afterStatement() {
        AfterTriggerQueue deferred = null;
        for (int i = 0; i < queued.size(); i++) {
            Object[] q = queued.get(i);
            TriggerDef t = triggers.get((Integer) q[0]);
            if (t.constraint() != 0) {
                // A constraint trigger deferred now runs at COMMIT (or SET CONSTRAINTS ... IMMEDIATE).
                deferred = deferred != null ? deferred : AfterTriggerQueue.of(ctx);
                if (deferred != null && deferred.deferred(t.constraint(), t.deferrable(), t.initiallyDeferred())) {
                    deferred.defer(new DeferredRowTrigger(t.oid(), t.constraint(), relation.oid(), event,
                            (Object[]) q[1], (Object[]) q[2]));
                    continue;
                }
            }
            call(t, false, (Object[]) q[1], (Object[]) q[2]);
        }
        queued.clear();
        for (TriggerDef t : triggers) {
            if (!t.row() && !t.before()) {
                call(t, false, null, null);
            }
        }
    }

    /** The trigger's WHEN condition over OLD and NEW (true without one). */
    private boolean qualifies(TriggerDef t, Object[] oldRow, Object[] newRow) {
        if (t.when() == null) {
            return true;
        }
        Expression e = conditions.computeIfAbsent(t.oid(), k -> condition(t));
        oldSlot.set(oldRow);
        newSlot.set(newRow);
        return Boolean.TRUE.equals(e.eval(ctx));
    }

    private Expression condition(TriggerDef t) {
        Analyzer a = new Analyzer(ctx, Parameters.none()).withScope(scope(relation, oldSlot, newSlot));
        return a.transformCondition(Parser.parseExpression(t.when()), "WHEN");
    }

    /** OLD.col and NEW.col as columns of two rows (what a WHEN condition may read). */
    public static Scope scope(Relation relation, RowSlot oldSlot, RowSlot newSlot) {
        return (names, position) -> {
            if (names.size() != 2 || !names.get(0).equals("old") && !names.get(0).equals("new")) {
                return null;
            }
            RowSlot slot = names.get(0).equals("old") ? oldSlot : newSlot;
            List<Column> cols = relation.columns();
            for (int i = 0; i < cols.size(); i++) {
                if (cols.get(i).name().equals(names.get(1))) {
                    return new Expression.Var(slot, i, cols.get(i).type(), cols.get(i).typmod(), cols.get(i).name());
                }
            }
            throw SqlException.at("42703", "column " + names.get(0) + "." + names.get(1) + " does not exist",
                    position);
        };
    }

    private Object[] call(TriggerDef t, boolean before, Object[] oldRow, Object[] newRow) {
        if (!TriggerCalls.active()) {
            return callFunction(t, before, oldRow, newRow);
        }
        long start = System.nanoTime();
        try {
            return callFunction(t, before, oldRow, newRow);
        } finally {
            TriggerCalls.called(t, System.nanoTime() - start);
        }
    }

    private Object[] callFunction(TriggerDef t, boolean before, Object[] oldRow, Object[] newRow) {
        ctx.checkForInterrupts();
        PlpgsqlFunction f = (PlpgsqlFunction) cache.function(t.function(), () -> {
            FunctionDefinition def = TriggerFunctions.definition(catalog, t.function());
            if (def == null) {
                throw new SqlException("XX000", "cache lookup failed for function "
                        + Integer.toUnsignedString(t.function()));
            }
            return PlpgsqlFunction.forTrigger(def);
        });
        TriggerData data = new TriggerData(t, before, t.row(), event, relation, oldRow, newRow);
        if (t.oldTable() == null && t.newTable() == null) {
            return f.fire(data, ctx);
        }
        Map<String, TransitionTables.Table> tables = new HashMap<>();
        if (t.oldTable() != null) {
            tables.put(t.oldTable(), new TransitionTables.Table(t.oldTable(), relation.columns(),
                    oldRows == null ? List.of() : oldRows));
        }
        if (t.newTable() != null) {
            tables.put(t.newTable(), new TransitionTables.Table(t.newTable(), relation.columns(),
                    newRows == null ? List.of() : newRows));
        }
        return TransitionTables.with(tables, () -> f.fire(data, ctx));
    }

    /** An AFTER ROW event of a deferred constraint trigger, waiting in the session's {@link AfterTriggerQueue}. */
    private record DeferredRowTrigger(int trigger, int constraint, int relid, int event, Object[] oldRow,
            Object[] newRow) implements AfterTriggerQueue.Event {
        @Override
        public void fire(EvalContext ctx) {
            if (ctx.db() == null || !(ctx.db().catalog() instanceof RelationCache rc)) {
                return;
            }
            TriggerCache cache = TriggerCache.of(rc);
            Relation relation = rc.relation(relid);
            if (relation == null) {
                return;
            }
            for (TriggerDef t : cache.triggers(relid)) {
                // A trigger dropped or disabled since is not fired (as AfterTriggerExecute finds it gone).
                if (t.oid() == trigger && ReplicationRole.fires(ctx, t.enabled())) {
                    new TriggerFiring(ctx, cache, rc, relation, event, List.of(t)).call(t, false, oldRow, newRow);
                }
            }
        }
    }
}

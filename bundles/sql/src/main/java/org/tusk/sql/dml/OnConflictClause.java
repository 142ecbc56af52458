package org.tusk.sql.dml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.eval.Scope;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.plan.PredicateProof;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.StorageValues;
import org.tusk.sql.trigger.TriggerFiring;
import org.tusk.sql.trigger.TriggerType;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowLockMode;
import org.tusk.storage.access.TupleId;

/**
 * INSERT's ON CONFLICT clause (transformOnConflictClause, ExecOnConflictUpdate): the arbiter indexes
 * inferred from the conflict target, and what to do with a proposed row one of them already holds. The
 * conflict is found by the storage's own unique check ({@code Index.conflict}), which waits for a
 * running inserter of the same key, so a second session upserting a new key waits for the first and
 * then skips or updates instead of failing with 23505. DO UPDATE locks the existing row first (the
 * newest version under READ COMMITTED; REPEATABLE READ fails with 40001 on a row its snapshot does not
 * see, as PostgreSQL does), then evaluates SET and WHERE over it and over {@code excluded}, the row
 * proposed for insertion.
 */
final class OnConflictClause {
    /** The positions (in the writer's index list) of the arbiter indexes. */
    private final List<Integer> arbiters;
    /** DO UPDATE's assigned table columns and their values; null for DO NOTHING. */
    private final int[] columns;
    private final Expression[] values;
    private final Expression where;
    private final RowSlot excluded;
    /**
     * Whether the clause reads columns of the target (its conflict target, DO UPDATE's expressions over
     * the existing or the proposed row): SELECT is then needed. Column by column, a plain table's slot
     * records them ({@code RowSlot.noteRead}), as PostgreSQL's selectedCols.
     */
    private boolean reads;
    /** The row versions this statement inserted or updated: a second conflict with one is 21000. */
    private final Set<TupleId> touched = new HashSet<>();
    private TriggerFiring updateTriggers;

    private OnConflictClause(List<Integer> arbiters, int[] columns, Expression[] values, Expression where,
            RowSlot excluded) {
        this.arbiters = arbiters;
        this.columns = columns;
        this.values = values;
        this.where = where;
        this.excluded = excluded;
    }

    boolean doUpdate() {
        return columns != null;
    }

    /** The arbiter indexes' positions in the relation's index list (EXPLAIN names them). */
    List<Integer> arbiters() {
        return arbiters;
    }

    /** DO UPDATE's WHERE condition, or null. */
    Expression where() {
        return where;
    }

    /** Conflicting rows DO UPDATE's WHERE left alone in the last run (EXPLAIN ANALYZE's count). */
    long filtered;

    /** Whether the clause reads columns of the target (SELECT is needed on them). */
    boolean reads() {
        return reads;
    }

    /** DO UPDATE's assigned table columns (0-based), on which it needs UPDATE (updatedCols). */
    java.util.BitSet updatedColumns() {
        java.util.BitSet out = new java.util.BitSet();
        for (int c : columns) {
            out.set(c);
        }
        return out;
    }

    static OnConflictClause analyze(Statement.OnConflict c, TargetTable target, DmlEnv env) {
        // Through an automatically updatable view both work on the table underneath (rewriteTargetView). A
        // view with an INSTEAD OF trigger has no index: a conflict target finds no arbiter (42P10, 42704),
        // and DO NOTHING without one lets the trigger do the insertion, as in PostgreSQL.
        if (c.set() != null && c.columns().isEmpty() && c.targetExpressions().isEmpty() && c.constraint() == null) {
            throw new SqlException(ErrorFields.of("ERROR", "42601",
                    "ON CONFLICT DO UPDATE requires inference specification or constraint name")
                    .hint("For example, ON CONFLICT (column_name).").position(c.position()).build());
        }
        List<Integer> arbiters = arbiters(c, target, env);
        // The conflict target's columns are read (SELECT on them), named or those of the constraint.
        boolean reads = !c.columns().isEmpty() || c.constraint() != null;
        if (c.set() == null) {
            OnConflictClause clause = new OnConflictClause(arbiters, null, null, null, null);
            clause.reads = reads;
            return clause;
        }
        RowSlot excluded = new RowSlot("excluded");
        boolean[] read = {reads};
        Scope scope = scope(target, excluded, read);
        Analyzer analyzer = new Analyzer(env.ctx(), env.parameters()).withScope(scope);
        List<Integer> cols = new ArrayList<>();
        List<Expression> exprs = new ArrayList<>();
        for (Statement.SetClause set : c.set()) {
            if (set.columns().size() != set.values().size()) {
                throw SqlException.at("42601", "number of columns does not match number of values", set.position());
            }
            for (int k = 0; k < set.columns().size(); k++) {
                // Through a view, the table column the view column is (0A000 for one that is computed).
                int col = target.baseColumn(target.targetColumn(set.columns().get(k), set.columnPositions().get(k)));
                if (cols.contains(col)) {
                    throw new SqlException("42601", "multiple assignments to same column \"" + set.columns().get(k)
                            + "\"");
                }
                Column column = target.relation.columns().get(col);
                Expr item = set.values().get(k);
                Expression e;
                if (item == null) {
                    Expression d = InsertPlan.defaultExpression(column, analyzer);
                    analyzer.withScope(scope);
                    e = d == null ? new Expression.Const(column.type(), column.typmod(), null, -1) : d;
                } else {
                    e = analyzer.coerceToColumn(analyzer.transform(item), column, Analyzer.leftmost(item));
                }
                cols.add(col);
                exprs.add(e);
            }
        }
        Expression where = c.where() == null ? null : analyzer.transformCondition(c.where(), "WHERE");
        OnConflictClause clause = new OnConflictClause(arbiters, cols.stream().mapToInt(Integer::intValue).toArray(),
                exprs.toArray(Expression[]::new), where, excluded);
        clause.reads = read[0];
        return clause;
    }

    /**
     * infer_arbiter_indexes: every unique index whose key columns are exactly the columns named (in any
     * order), the constraint's index, or with no target every unique index.
     */
    private static List<Integer> arbiters(Statement.OnConflict c, TargetTable target, DmlEnv env) {
        List<IndexDef> indexes = target.relation.indexes();
        List<Integer> out = new ArrayList<>();
        if (c.constraint() != null) {
            // The constraint's index (pg_constraint.conindid); a unique index that is no constraint is not named.
            // Through a view it is looked for on the view, which has none (get_relation_constraint_attnos).
            org.tusk.sql.catalog.CatalogRow con = target.view == null
                    && env.catalog() instanceof org.tusk.sql.catalog.RelationCache rc
                    ? rc.tables().first(org.tusk.sql.catalog.CatalogDefinitions.PG_CONSTRAINT,
                            k -> k.oid("conrelid") == target.relation.oid() && k.text("conname").equals(c.constraint()))
                    : null;
            for (int i = 0; con != null && i < indexes.size(); i++) {
                IndexDef d = indexes.get(i);
                if (d.deferrable() && d.oid() == con.oid("conindid")) {
                    throw new SqlException("0A000", "ON CONFLICT does not support deferrable unique constraints/"
                            + "exclusion constraints as arbiters");
                }
                if (d.unique() && d.oid() == con.oid("conindid")) {
                    out.add(i);
                    List<Column> cols = target.relation.columns();
                    for (int p = 0; p < cols.size(); p++) {
                        if (d.columns().contains(cols.get(p).number())) {
                            target.slot.noteRead(p); // SELECT on the constraint's columns
                        }
                    }
                }
            }
            if (out.isEmpty()) {
                throw new SqlException("42704", "constraint \"" + c.constraint() + "\" for table \""
                        + target.named.name() + "\" does not exist");
            }
            return out;
        }
        Set<Integer> wanted = new HashSet<>();
        for (int k = 0; k < c.columns().size(); k++) {
            int i = target.index(c.columns().get(k));
            if (i < 0) {
                // PostgreSQL points at the parenthesis that opens the target.
                throw SqlException.at("42703", "column \"" + c.columns().get(k) + "\" does not exist",
                        c.targetPosition());
            }
            wanted.add(target.relation.columns().get(target.baseColumn(i)).number());
            target.referenced(i); // SELECT on the conflict target's columns
        }
        boolean inferred = !wanted.isEmpty() || !c.targetExpressions().isEmpty();
        // The target's expressions and WHERE, and each index's, analyzed over one slot of the table's
        // columns so that equal expressions compare equal (infer_arbiter_indexes compares the trees).
        RowSlot slot = new RowSlot(target.relation.name());
        Analyzer analyzer = Analyzer.overRow(env.ctx(), target.relation, slot);
        List<Expression> wantedExpressions = new ArrayList<>();
        for (Expr e : c.targetExpressions()) {
            wantedExpressions.add(PredicateProof.comparable(analyzer.transform(e)));
        }
        Expression targetWhere = c.targetWhere() == null ? null
                : analyzer.transformCondition(c.targetWhere(), "WHERE");
        for (int i = 0; i < indexes.size(); i++) {
            IndexDef d = indexes.get(i);
            // A DEFERRABLE unique index lets duplicates in until its check (its IndexDef says not unique).
            if (!(d.unique() || d.deferrable())) {
                continue;
            }
            if (inferred && !matches(d, wanted, wantedExpressions, targetWhere, analyzer)) {
                continue;
            }
            if (d.deferrable()) {
                throw new SqlException("0A000", "ON CONFLICT does not support deferrable unique constraints/"
                        + "exclusion constraints as arbiters");
            }
            out.add(i);
        }
        if (out.isEmpty() && inferred) {
            throw new SqlException("42P10", "there is no unique or exclusion constraint matching the ON CONFLICT "
                    + "specification");
        }
        return out;
    }

    /**
     * Whether unique index {@code d} is what the conflict target infers: its key columns are exactly the
     * columns named, its expressions exactly the expressions written, and if it is partial, the target's
     * WHERE implies its predicate.
     */
    private static boolean matches(IndexDef d, Set<Integer> columns, List<Expression> expressions,
            Expression targetWhere, Analyzer analyzer) {
        Set<Integer> keys = new HashSet<>();
        for (int k = 0; k < d.keyCount(); k++) {
            if (d.columns().get(k) != 0) {
                keys.add(d.columns().get(k));
            }
        }
        if (!keys.equals(columns)) {
            return false;
        }
        List<Expression> own = new ArrayList<>();
        for (String sql : d.expressions()) {
            own.add(PredicateProof.comparable(analyzer.transform(Parser.parseExpression(sql))));
        }
        if (!own.containsAll(expressions) || !expressions.containsAll(own)) {
            return false;
        }
        if (d.predicate() == null) {
            return true;
        }
        return targetWhere != null && PredicateProof.implied(analyzer.transformCondition(
                Parser.parseExpression(d.predicate()), "WHERE"), List.of(targetWhere));
    }


    /**
     * DO UPDATE's names: the target's columns (by its alias or name) and {@code excluded}'s, both read
     * from the target table as far as privileges go ({@code read[0]} set when any is named).
     */
    private static Scope scope(TargetTable target, RowSlot excluded, boolean[] read) {
        return (names, position) -> {
            if (names.size() == 2 && names.getFirst().equals("excluded")) {
                int i = target.index(names.getLast());
                if (i < 0) {
                    throw SqlException.at("42703", "column excluded." + names.getLast() + " does not exist",
                            position);
                }
                target.referenced(i);
                read[0] = true;
                return excludedColumn(target, excluded, i);
            }
            Expression e = target.resolve(names, position);
            read[0] |= e != null;
            if (e != null && names.size() == 1 && target.index(names.getFirst()) >= 0) {
                throw SqlException.at("42702", "column reference \"" + names.getFirst() + "\" is ambiguous",
                        position);
            }
            return e;
        };
    }

    /**
     * {@code excluded}'s column {@code i} as the statement sees it: the proposed table row's column, or
     * through a view the view column's expression evaluated over the proposed row (rewriteTargetView maps
     * EXCLUDED through the view's target list as it maps the target's own columns).
     */
    private static Expression excludedColumn(TargetTable target, RowSlot excluded, int i) {
        if (target.view == null) {
            Column c = target.relation.columns().get(i);
            return new Expression.Var(excluded, i, c.type(), c.typmod(), c.name());
        }
        int base = target.view.writtenTo(i);
        if (base >= 0) {
            Column c = target.relation.columns().get(base);
            return new Expression.Var(excluded, base, c.type(), c.typmod(), c.name());
        }
        // A computed view column reads the target's slot: evaluate it with the proposed row there.
        Expression over = target.column(i);
        RowSlot slot = target.slot;
        return new Expression.SessionValue(over.type(), over.typmod(), ctx -> {
            Object[] existing = slot.values();
            slot.set(excluded.values());
            try {
                return over.eval(ctx);
            } finally {
                slot.set(existing);
            }
        });
    }

    /** Statement-level BEFORE UPDATE triggers of DO UPDATE (after the INSERT ones, as ExecBSUpdateTriggers). */
    void beforeStatement(EvalContext ctx, TargetTable target) {
        touched.clear(); // a prepared statement's plan runs again
        updateTriggers = null;
        if (doUpdate()) {
            updateTriggers = TriggerFiring.of(ctx, target.relation, TriggerType.UPDATE, columns);
            if (updateTriggers != null) {
                updateTriggers.beforeStatement();
            }
        }
    }

    /** The AFTER STATEMENT UPDATE triggers, when the statement's (or its WITH's) AFTER triggers fire. */
    void afterStatement(DmlEnv env) {
        env.afterStatement(updateTriggers);
    }

    /** The row version of the arbiter indexes holding {@code row}'s key (waiting for running inserters), or null. */
    TupleId conflict(TableWriter writer, Object[] row) {
        Object[] stored = StorageValues.rowToStorage(writer.relation.columns(), row);
        for (int i : arbiters) {
            TupleId tid = writer.conflict(i, stored);
            if (tid != null) {
                return tid;
            }
        }
        return null;
    }

    /**
     * Inserts {@code row} speculatively (no conflict was found a moment ago): true if it went in, false
     * if a concurrent transaction got one of its arbiter keys meanwhile, the row then taken back and
     * the conflict to be looked for again.
     */
    boolean insert(TableWriter writer, Object[] row) {
        TupleId tid = writer.insertSpeculative(row, arbiters);
        if (tid == null) {
            return false;
        }
        touched.add(tid);
        return true;
    }

    /**
     * DO NOTHING: checks that a REPEATABLE READ snapshot sees the conflicting row (ExecCheckTIDVisible);
     * the proposed row is then skipped.
     */
    void nothing(TableWriter writer, TupleId conflict, EvalContext ctx) {
        if (!touched.contains(conflict)) {
            checkVisible(writer, conflict, ctx);
        }
    }

    /**
     * DO UPDATE of the row at {@code conflict} with the proposed row {@code proposed}: the new version
     * (SQL values), or null if it was not updated (WHERE false, a BEFORE trigger skipped it), or
     * {@link #RETRY} if the row went away before it could be locked (the insertion is tried again).
     */
    Object[] update(TableWriter writer, TargetTable target, TupleId conflict, Object[] proposed, EvalContext ctx) {
        if (touched.contains(conflict)) {
            throw new SqlException(ErrorFields.of("ERROR", "21000",
                    "ON CONFLICT DO UPDATE command cannot affect row a second time")
                    .hint("Ensure that no rows proposed for insertion within the same command have duplicate "
                            + "constrained values.").build());
        }
        Row locked = writer.table.lock(conflict, RowLockMode.UPDATE, false, v -> true);
        if (locked == null) {
            return RETRY;
        }
        checkVisible(writer, locked.tid(), ctx);
        List<Column> cols = writer.relation.columns();
        Object[] existing = StorageValues.rowFromStorage(cols, locked.values());
        if (target.view != null) {
            target.view.checkConflictVisible(target, existing, ctx);
        }
        target.slot.set(existing);
        excluded.set(proposed);
        if (where != null && !Boolean.TRUE.equals(where.eval(ctx))) {
            filtered++;
            return null;
        }
        Object[][] old = new Object[1][];
        Row updated = writer.update(locked.tid(), locked.values(), current -> {
            target.slot.set(current);
            Object[] next = UpdatePlan.newVersion(current, columns, values, updateTriggers, writer, ctx);
            old[0] = next == null ? null : current;
            return next;
        });
        if (updated == null) {
            return null;
        }
        touched.add(updated.tid());
        Object[] row = StorageValues.rowFromStorage(cols, updated.values());
        if (updateTriggers != null) {
            updateTriggers.afterRow(old[0], row);
        }
        if (target.view != null) {
            target.view.checkNewRow(target, row, ctx); // WITH CHECK OPTION, as ExecUpdate checks it
        }
        if (!writer.relation.foreignKeys().isEmpty() || !writer.relation.referencedBy().isEmpty()) {
            Object[] oldStored = StorageValues.rowToStorage(cols, old[0]);
            writer.foreignKeys().queueOutbound(updated.values(), oldStored);
            writer.foreignKeys().onUpdate(oldStored, updated.values());
        }
        return row;
    }

    /** What {@link #update} returns when the conflicting row vanished: look for a conflict again. */
    static final Object[] RETRY = new Object[0];

    /** ExecCheckTupleVisible: under REPEATABLE READ or SERIALIZABLE a row the snapshot misses is 40001. */
    private static void checkVisible(TableWriter writer, TupleId tid, EvalContext ctx) {
        String isolation = ctx.setting("transaction_isolation");
        if (isolation != null && !isolation.equals("read committed") && writer.table.fetch(tid) == null) {
            throw new SqlException("40001", "could not serialize access due to concurrent update");
        }
    }
}

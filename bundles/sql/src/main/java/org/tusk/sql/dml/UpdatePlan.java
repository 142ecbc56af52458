package org.tusk.sql.dml;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.StorageValues;
import org.tusk.sql.trigger.TriggerFiring;
import org.tusk.sql.trigger.TriggerType;
import org.tusk.storage.access.Row;

/**
 * UPDATE t [alias] SET ... [WHERE ...] [RETURNING ...] (transformUpdateStmt and ExecUpdate): the SET
 * values are analyzed over the old row and converted to their columns; the rows are found by
 * {@link ScanRows}; each is changed through {@code Table.update}, whose change function recomputes the
 * new version from the newest committed version if another transaction changed the row meanwhile,
 * after re-checking the WHERE clause on it (READ COMMITTED's EvalPlanQual; REPEATABLE READ gets 40001
 * from the storage instead).
 */
final class UpdatePlan implements DmlPlan {
    private final TargetTable target;
    private final int[] columns;
    private final Expression[] values;
    private final ScanRows rows;
    private final Returning returning;
    /** The FROM relations joined to each target row, or null. */
    private final JoinedRows joined;

    private UpdatePlan(TargetTable target, int[] columns, Expression[] values, ScanRows rows, Returning returning,
            JoinedRows joined) {
        this.target = target;
        this.joined = joined;
        this.columns = columns;
        this.values = values;
        this.rows = rows;
        this.returning = returning;
    }

    static UpdatePlan analyze(Statement.Update s, DmlEnv env) {
        TargetTable target = TargetTable.open(s.table(), env, "update");
        // With FROM, the query layer analyzes FROM and WHERE first (transformUpdateStmt's order) into a
        // namespace holding the target and the other relations; SET and RETURNING are analyzed in it.
        JoinedRows joined = s.from().isEmpty() ? null : JoinedRows.plan(target, s.from(), s.where(), env);
        org.tusk.sql.eval.Scope scope = joined == null ? target : joined.joined.scope();
        Sublinks sublinks = new Sublinks(env);
        Analyzer analyzer = sublinks.in(new Analyzer(env.ctx(), env.parameters()).withScope(scope), "UPDATE");
        List<Integer> cols = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        List<Expression> exprs = new ArrayList<>();
        for (Statement.SetClause set : s.set()) {
            if (set.columns().size() != set.values().size()) {
                throw SqlException.at("42601", "number of columns does not match number of values",
                        set.values().isEmpty() ? set.position() : position(set.values().getFirst(), set.position()));
            }
            for (int k = 0; k < set.columns().size(); k++) {
                int visible = target.targetColumn(set.columns().get(k), set.columnPositions().get(k));
                if (seen.contains(visible)) {
                    throw new SqlException("42601", "multiple assignments to same column \"" + set.columns().get(k)
                            + "\"");
                }
                seen.add(visible);
                int col = target.baseColumn(visible);
                Column c = target.relation.columns().get(col);
                Expr item = set.values().get(k);
                Expression e;
                if (item == null) {
                    Expression d = target.view == null ? null : target.view.viewDefault(visible, analyzer);
                    d = d != null ? d : InsertPlan.defaultExpression(c, analyzer);
                    analyzer.withScope(scope);
                    e = d == null ? new Expression.Const(c.type(), c.typmod(), null, -1) : d;
                } else {
                    if (c.identity() == 'a') {
                        throw SqlException.at("428C9", "column \"" + c.name() + "\" can only be updated to DEFAULT",
                                set.columnPositions().get(k));
                    }
                    e = analyzer.coerceToColumn(analyzer.transform(item), c, Analyzer.leftmost(item));
                }
                cols.add(col);
                exprs.add(e);
            }
        }
        Expression where = joined != null ? joined.targetOnly()
                : s.where() == null ? null : sublinks.in(analyzer, "WHERE").transformCondition(s.where(), "WHERE");
        Returning returning = Returning.analyze(s.returning(), target, sublinks.in(analyzer, "RETURNING"), joined);
        UpdatePlan plan = new UpdatePlan(target, cols.stream().mapToInt(Integer::intValue).toArray(),
                exprs.toArray(Expression[]::new), new ScanRows(target, where), returning, joined);
        plan.subqueries = sublinks.any() || joined != null // FROM/USING: WHERE may hold subqueries too
                || target.view != null && target.view.subqueries;
        return plan;
    }

    /**
     * The new version of the row {@code current} (SQL values, the target's slot already set to it):
     * the SET values assigned, passed through the BEFORE UPDATE row triggers and checked; null if a
     * trigger skipped it. Shared with ON CONFLICT DO UPDATE.
     */
    static Object[] newVersion(Object[] current, int[] columns, Expression[] values, TriggerFiring triggers,
            TableWriter writer, EvalContext ctx) {
        Object[] next = current.clone();
        for (int k = 0; k < columns.length; k++) {
            next[columns[k]] = values[k].eval(ctx);
        }
        if (triggers != null && (next = triggers.beforeRow(current, next)) == null) {
            return null;
        }
        if (writer != null) {
            writer.check(next);
        }
        return next;
    }

    /**
     * For the UPDATE of one partition as part of an UPDATE of its partitioned table: where rows whose new key
     * belongs to another partition go (ExecCrossPartitionUpdate); null for a table updated by name.
     */
    PartitionedModify.Mover mover;

    private static int position(Expr e, int fallback) {
        return e == null ? fallback : Analyzer.leftmost(e);
    }

    /** The scan chosen for the WHERE clause (for tests). */
    ScanRows rows() {
        return rows;
    }

    TargetTable target() {
        return target;
    }

    @Override
    public boolean revalidate(DmlEnv env) {
        return target.lockAndCheck(env) && (joined == null || joined.revalidate(env));
    }

    @Override
    public List<ColumnDescription> columns() {
        return returning == null ? null : returning.columns();
    }

    /** Whether SET, WHERE or RETURNING has subqueries (the statement then runs in an execution context). */
    private boolean subqueries;

    @Override
    public void run(DmlEnv env, ResultSink sink) {
        Sublinks.run(subqueries, env, () -> runRows(env, sink));
    }

    private void runRows(DmlEnv env, ResultSink sink) {
        EvalContext ctx = env.ctx();
        org.tusk.sql.eval.ReadOnlyTransactions.preventUnlessTemporary(ctx, "UPDATE", target.relation.namespaceOid());
        if (target.view != null) {
            // Through a view: relation privileges, the base table's as the view's owner.
            int required = org.tusk.sql.roles.Acl.UPDATE
                    | (returning != null || rows.filtered() || joined != null ? org.tusk.sql.roles.Acl.SELECT : 0);
            org.tusk.sql.roles.Privileges.check(ctx, target.named, required);
            target.view.checkPrivileges(ctx, target.relation, required);
        } else {
            java.util.BitSet assigned = new java.util.BitSet();
            for (int c : columns) {
                assigned.set(c);
            }
            org.tusk.sql.roles.Privileges.checkTarget(ctx, target.relation, org.tusk.sql.roles.Acl.UPDATE, target.slot,
                    assigned);
        }
        if (joined != null) {
            org.tusk.sql.roles.Privileges.checkSelect(ctx, joined.joined.relations());
        }
        if (target.relation.kind() == 'v') {
            InsteadOfRows.update(env, sink, target, rows, columns, values, returning, joined != null);
            return;
        }
        TableWriter writer = new TableWriter(env, target.relation);
        List<Column> cols = target.relation.columns();
        boolean keys = !target.relation.foreignKeys().isEmpty() || !target.relation.referencedBy().isEmpty();
        ReturnedRows out = ReturnedRows.of(returning, ctx);
        long count = 0;
        TriggerFiring triggers = TriggerFiring.of(ctx, target.relation, TriggerType.UPDATE, columns);
        if (triggers != null) {
            triggers.beforeStatement();
        }
        for (Row found : rows.find(writer, ctx)) {
            ctx.checkForInterrupts();
            if (joined != null) {
                target.slot.set(StorageValues.rowFromStorage(cols, found.values()));
                if (!joined.match(env)) {
                    continue;
                }
            }
            Object[][] old = new Object[1][];
            Object[][] moving = new Object[1][];
            Row updated = writer.update(found.tid(), found.values(), current -> {
                target.slot.set(current);
                if (joined != null ? !joined.recheck(ctx) : !rows.qualifies(ctx)) {
                    return null;
                }
                Object[] next = newVersion(current, columns, values, triggers, mover != null ? null : writer, ctx);
                if (mover != null && next != null && !writer.checks().inPartition(next, ctx)) {
                    moving[0] = next; // another partition's row now: deleted here, inserted through the root
                    return null;
                }
                if (mover != null && next != null) {
                    writer.check(next);
                }
                old[0] = next == null ? null : current;
                return next;
            });
            if (updated == null && moving[0] != null && writer.table.delete(found.tid(), current -> true)) {
                mover.move(moving[0]);
                count++;
                if (out != null) {
                    target.slot.set(moving[0]);
                    out.add(returning.row(ctx));
                }
                continue;
            }
            if (updated == null) {
                continue;
            }
            count++;
            if (triggers != null) {
                triggers.afterRow(old[0], StorageValues.rowFromStorage(cols, updated.values()));
            }
            if (target.view != null) {
                target.view.checkNewRow(target, StorageValues.rowFromStorage(cols, updated.values()), ctx);
            }
            if (keys) {
                Object[] oldStored = StorageValues.rowToStorage(cols, old[0]);
                ForeignKeys fks = writer.foreignKeys();
                fks.queueOutbound(updated.values(), oldStored);
                fks.onUpdate(oldStored, updated.values());
            }
            if (out != null) {
                target.slot.set(StorageValues.rowFromStorage(cols, updated.values()));
                out.add(returning.row(ctx));
            }
        }
        writer.endOfStatement();
        env.afterStatement(triggers);
        env.finishStatement();
        if (out != null) {
            out.send(returning, sink);
        }
        // The statement's changes become visible to the transaction's next command (CommandCounterIncrement).
        env.endCommand();
        sink.commandComplete("UPDATE " + count);
    }
}

package org.tusk.sql.dml;

import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.spi.ResultSink;
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
 * DELETE FROM t [alias] [WHERE ...] [RETURNING ...] (ExecDelete): the rows found by {@link ScanRows}
 * are deleted through {@code Table.delete}, which re-checks the WHERE clause on the newest version if
 * another transaction changed the row meanwhile; then the actions of foreign keys referencing the
 * table run for each deleted row.
 */
final class DeletePlan implements DmlPlan {
    private final TargetTable target;
    private final ScanRows rows;
    private final Returning returning;
    /** The USING relations joined to each target row, or null. */
    private final JoinedRows joined;

    private DeletePlan(TargetTable target, ScanRows rows, Returning returning, JoinedRows joined) {
        this.target = target;
        this.joined = joined;
        this.rows = rows;
        this.returning = returning;
    }

    static DeletePlan analyze(Statement.Delete s, DmlEnv env) {
        TargetTable target = TargetTable.open(s.table(), env, "delete from");
        JoinedRows joined = s.using().isEmpty() ? null : JoinedRows.plan(target, s.using(), s.where(), env);
        Analyzer analyzer = new Analyzer(env.ctx(), env.parameters())
                .withScope(joined == null ? target : joined.joined.scope());
        Sublinks sublinks = new Sublinks(env);
        Expression where = joined != null ? joined.targetOnly()
                : s.where() == null ? null : sublinks.in(analyzer, "WHERE").transformCondition(s.where(), "WHERE");
        Returning returning = Returning.analyze(s.returning(), target, sublinks.in(analyzer, "RETURNING"), joined);
        DeletePlan plan = new DeletePlan(target, new ScanRows(target, where), returning, joined);
        plan.subqueries = sublinks.any() || joined != null // FROM/USING: WHERE may hold subqueries too
                || target.view != null && target.view.subqueries;
        return plan;
    }

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

    /** Whether WHERE or RETURNING has subqueries (the statement then runs in an execution context). */
    private boolean subqueries;

    @Override
    public void run(DmlEnv env, ResultSink sink) {
        Sublinks.run(subqueries, env, () -> runRows(env, sink));
    }

    private void runRows(DmlEnv env, ResultSink sink) {
        EvalContext ctx = env.ctx();
        org.tusk.sql.eval.ReadOnlyTransactions.preventUnlessTemporary(ctx, "DELETE", target.relation.namespaceOid());
        if (target.view != null) {
            // Through a view: relation privileges, the base table's as the view's owner.
            int required = org.tusk.sql.roles.Acl.DELETE
                    | (returning != null || rows.filtered() || joined != null ? org.tusk.sql.roles.Acl.SELECT : 0);
            org.tusk.sql.roles.Privileges.check(ctx, target.named, required);
            target.view.checkPrivileges(ctx, target.relation, required);
        } else {
            org.tusk.sql.roles.Privileges.checkTarget(ctx, target.relation, org.tusk.sql.roles.Acl.DELETE, target.slot,
                    new java.util.BitSet());
        }
        if (joined != null) {
            org.tusk.sql.roles.Privileges.checkSelect(ctx, joined.joined.relations());
        }
        if (target.relation.kind() == 'v') {
            InsteadOfRows.delete(env, sink, target, rows, returning, joined != null);
            return;
        }
        TableWriter writer = new TableWriter(env, target.relation);
        List<Column> cols = target.relation.columns();
        boolean referenced = !target.relation.referencedBy().isEmpty();
        ReturnedRows out = ReturnedRows.of(returning, ctx);
        long count = 0;
        TriggerFiring triggers = TriggerFiring.of(ctx, target.relation, TriggerType.DELETE, null);
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
            if (triggers != null && triggers.hasBeforeRow()
                    && triggers.beforeRow(StorageValues.rowFromStorage(cols, found.values()), null) == null) {
                continue;
            }
            Object[][] deleted = {found.values()};
            boolean done = writer.table.delete(found.tid(), current -> {
                target.slot.set(StorageValues.rowFromStorage(cols, current));
                deleted[0] = current;
                return joined != null ? joined.recheck(ctx) : rows.qualifies(ctx);
            });
            if (!done) {
                continue;
            }
            writer.counts.tupleDeleted();
            count++;
            if (triggers != null) {
                triggers.afterRow(StorageValues.rowFromStorage(cols, deleted[0]), null);
            }
            if (referenced) {
                writer.foreignKeys().onDelete(deleted[0]);
            }
            if (out != null) {
                target.slot.set(StorageValues.rowFromStorage(cols, deleted[0]));
                out.add(returning.row(ctx));
            }
        }
        // Keys of deleted referenced rows whose NO ACTION check was deferred were queued by onDelete.
        writer.endOfStatement();
        env.afterStatement(triggers);
        env.finishStatement();
        if (out != null) {
            out.send(returning, sink);
        }
        // The statement's changes become visible to the transaction's next command (CommandCounterIncrement).
        env.endCommand();
        sink.commandComplete("DELETE " + count);
    }
}

package org.tusk.sql.dml;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.plan.Planner;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.trigger.TriggerFiring;
import org.tusk.sql.trigger.TriggerType;

/**
 * INSERT, UPDATE and DELETE on a view with INSTEAD OF triggers (the rewriter leaves such a view as the
 * result relation and ExecModifyTable calls ExecIR*Triggers instead of changing a table): the trigger does
 * the change, the statement counts the rows for which it returned non-NULL, and RETURNING shows what it
 * returned (OLD for DELETE). UPDATE and DELETE find the view's rows by running the view's query and
 * filtering them with the WHERE clause; statement triggers of the view fire around them.
 */
final class InsteadOfRows {
    private static final long WORK_MEM = 4L * 1024 * 1024;

    private InsteadOfRows() {
    }

    /** Whether {@code view} has an INSTEAD OF ROW trigger for the command {@code verb} names. */
    static boolean hasTrigger(Catalog catalog, Relation view, String verb) {
        int event = verb.startsWith("insert") ? TriggerType.INSERT : verb.startsWith("update") ? TriggerType.UPDATE
                : TriggerType.DELETE;
        return TriggerFiring.hasInsteadOf(catalog, view, event);
    }

    /** One INSERT row through the INSTEAD OF triggers: the row RETURNING shows, or null if not counted. */
    static Object[] insert(TriggerFiring triggers, Object[] row) {
        return triggers == null ? null : triggers.insteadOfRow(null, row);
    }

    /** UPDATE of a view: each qualifying row's new values go to the INSTEAD OF UPDATE triggers. */
    static void update(DmlEnv env, ResultSink sink, TargetTable target, ScanRows rows, int[] columns,
            Expression[] values, Returning returning, boolean joined) {
        if (joined) {
            throw new SqlException("0A000", "UPDATE ... FROM on a view is not supported yet");
        }
        run(env, sink, target, rows, returning, TriggerType.UPDATE, columns, old -> {
            Object[] next = old.clone();
            for (int k = 0; k < columns.length; k++) {
                next[columns[k]] = values[k].eval(env.ctx());
            }
            return next;
        });
    }

    /** DELETE from a view: each qualifying row goes to the INSTEAD OF DELETE triggers as OLD. */
    static void delete(DmlEnv env, ResultSink sink, TargetTable target, ScanRows rows, Returning returning,
            boolean joined) {
        if (joined) {
            throw new SqlException("0A000", "DELETE ... USING on a view is not supported yet");
        }
        run(env, sink, target, rows, returning, TriggerType.DELETE, null, null);
    }

    private static void run(DmlEnv env, ResultSink sink, TargetTable target, ScanRows rows, Returning returning,
            int event, int[] columns, java.util.function.UnaryOperator<Object[]> change) {
        EvalContext ctx = env.ctx();
        TriggerFiring triggers = TriggerFiring.of(ctx, target.relation, event, columns);
        ReturnedRows out = ReturnedRows.of(returning, ctx);
        if (triggers != null) {
            triggers.beforeStatement();
        }
        long count = 0;
        for (Object[] old : viewRows(env, target.relation)) {
            ctx.checkForInterrupts();
            target.slot.set(old);
            if (!rows.qualifies(ctx)) {
                continue;
            }
            Object[] result = triggers == null ? null
                    : triggers.insteadOfRow(old, change == null ? null : change.apply(old));
            if (result == null) {
                continue;
            }
            count++;
            if (out != null) {
                target.slot.set(result);
                out.add(returning.row(ctx));
            }
        }
        if (triggers != null) {
            triggers.afterStatement();
        }
        if (out != null) {
            out.send(returning, sink);
        }
        env.storage().commandCounterIncrement();
        sink.commandComplete((event == TriggerType.UPDATE ? "UPDATE " : "DELETE ") + count);
    }

    /** The view's rows (SQL values in its column order), computed before the first trigger runs. */
    private static List<Object[]> viewRows(DmlEnv env, Relation view) {
        String sql = "SELECT * FROM " + Keywords.quoteIdentifier(view.schema()) + "."
                + Keywords.quoteIdentifier(view.name());
        Statement.Select select = (Statement.Select) Parser.parse(sql, true).getFirst();
        Planner.Planned planned = new Planner(env.ctx(), env.parameters(), env.catalog(), env.storage())
                .planInsertSource(select.query());
        ExecContext exec = new ExecContext(env.ctx(), env.storage(), WORK_MEM);
        ExecContext previous = exec.enter();
        PlanNode node = planned.node();
        List<Object[]> out = new ArrayList<>();
        try {
            node.open(exec);
            for (Object[] r = node.next(); r != null; r = node.next()) {
                out.add(((Object[]) r[0]).clone());
            }
        } finally {
            node.close();
            ExecContext.restore(previous);
        }
        return out;
    }
}

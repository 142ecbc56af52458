package org.tusk.sql.func;

import java.util.List;
import java.util.function.Consumer;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Query;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.dml.DmlEnv;
import org.tusk.sql.dml.DmlStatements;
import org.tusk.sql.dml.ValueRowsSink;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.plan.Planner;

/**
 * What a function's statements run through (PostgreSQL's SPI): queries planned by the planner with the
 * function's parameters and read as values, INSERT/UPDATE/DELETE run by the dml layer and counted. Each
 * statement that changed rows makes them visible to the next one (CommandCounterIncrement), as in a
 * volatile function.
 */
public final class Spi {
    /** work_mem for queries inside functions (the session's setting is not parsed again per call). */
    static final long WORK_MEM = 4L * 1024 * 1024;

    private Spi() {
    }

    /** Plans a query with the function's parameters; 42P01 for any table without storage. */
    public static Planner.Planned plan(Query query, Parameters parameters, EvalContext ctx) {
        return new Planner(ctx, parameters, ctx.db() == null ? null : ctx.db().catalog(),
                ctx.db() == null ? null : ctx.db().storage()).plan(query);
    }

    /** Runs a planned query to its end (or until {@code out} throws), returning the row count. */
    public static long run(Planner.Planned planned, EvalContext ctx, Consumer<Object[]> out) {
        ExecContext exec = new ExecContext(ctx, ctx.db() == null ? null : ctx.db().storage(), WORK_MEM);
        ExecContext previous = exec.enter();
        long count = 0;
        PlanNode node = planned.node();
        try {
            node.open(exec);
            for (Object[] r = node.next(); r != null; r = node.next()) {
                out.accept((Object[]) r[0]);
                count++;
            }
        } finally {
            node.close();
            ExecContext.restore(previous);
        }
        return count;
    }

    /** INSERT, UPDATE or DELETE: returns the rows it processed. RETURNING's rows are dropped. */
    public static long runDml(Statement s, Parameters parameters, EvalContext ctx) {
        return runDml(s, parameters, ctx, null);
    }

    /** The rows of an INSERT, UPDATE or DELETE with RETURNING: the columns' names and types, the values. */
    public record Returned(List<String> names, List<org.tusk.sql.types.SqlType> types, List<Object[]> rows) {
    }

    /**
     * INSERT, UPDATE or DELETE: returns the rows it processed; with RETURNING, {@code returned} (if not
     * null) gets its rows (PL/pgSQL's INTO after RETURNING). The dml layer sends them in text form, so
     * they are read back into values of the columns' types (a type it does not know stays text).
     */
    public static long runDml(Statement s, Parameters parameters, EvalContext ctx,
            Consumer<Returned> returned) {
        if (ctx.db() == null) {
            Statement.RangeVar t = DmlStatements.target(s);
            throw SqlException.at("42P01", "relation \"" + String.join(".", t.names()) + "\" does not exist",
                    t.position());
        }
        ValueRowsSink sink = new ValueRowsSink(ctx, returned != null);
        DmlStatements.run(s, new DmlEnv(ctx.db().storage(), ctx.db().catalog(), ctx, parameters), sink);
        ctx.db().storage().commandCounterIncrement();
        if (returned != null && sink.described()) {
            returned.accept(new Returned(sink.names(), sink.types(), sink.rows()));
        }
        return sink.count();
    }

    /** A utility statement inside a function (CREATE TABLE, DROP ..., ...): DDL runs as in a transaction block. */
    public static void runUtility(Statement s, EvalContext ctx) {
        if (s instanceof Statement.Transaction t && !t.chain() && (t.kind() == Statement.TransactionKind.COMMIT
                || t.kind() == Statement.TransactionKind.ROLLBACK)) {
            // COMMIT/ROLLBACK in a procedure (PL/pgSQL's exec_stmt_commit and exec_stmt_rollback).
            TransactionControl.endTransaction(ctx, t.kind() == Statement.TransactionKind.COMMIT);
            return;
        }
        if (s instanceof Statement.DdlStatement ddl && ctx.db() instanceof org.tusk.sql.catalog.BackendDatabase db) {
            org.tusk.sql.ddl.DdlExecutor.run(ddl.command(), db, ctx, new org.tusk.sql.dml.DiscardingSink(ctx::notice),
                    true);
            return;
        }
        throw new SqlException("0A000", "this statement is not supported in functions yet");
    }

    /** The planner's constant folding over a plan, raising what it raises (see ConstantFolding). */
    public static void fold(PlanNode node, EvalContext ctx) {
        for (org.tusk.sql.eval.Expression e : node.expressions()) {
            org.tusk.sql.eval.ConstantFolding.check(e, ctx);
        }
        for (PlanNode c : node.children()) {
            fold(c, ctx);
        }
    }
}

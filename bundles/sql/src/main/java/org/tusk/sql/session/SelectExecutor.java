package org.tusk.sql.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.spi.ResultSink;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.ConstantFolding;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.plan.Planner;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.types.TypeOutput;
import org.tusk.storage.access.StorageSession;

/**
 * Runs a query statement: the planner analyzes and plans it (everything resolved before anything is
 * evaluated), constant expressions are folded before RowDescription as PostgreSQL's planner does,
 * then the plan's rows are sent.
 */
final class SelectExecutor {

    /** Default work_mem (4MB) when the setting is missing or unreadable. */
    private static final long DEFAULT_WORK_MEM = 4L * 1024 * 1024;

    private SelectExecutor() {
    }

    /** A planned query: what Describe reports and what execution runs. */
    record Plan(List<ColumnDescription> columns, Planner.Planned planned) {
    }

    static void run(Statement.Select s, EvalContext ctx, ResultSink sink) {
        run(analyze(s, ctx, Parameters.none()), ctx, sink);
    }

    /**
     * Parse analysis and planning: every name, operator, function and parameter type resolved. A
     * statement prepared once and bound many times is planned once: the plan (a generic plan, made
     * for the parameter types) is kept in the session's {@link QueryPlanCache} and reused while every
     * relation it reads is unchanged in the catalog.
     */
    static Plan analyze(Statement.Select s, EvalContext ctx, Parameters parameters) {
        QueryPlanCache cache = ctx instanceof Session session ? session.planCache() : null;
        Catalog catalog = catalog(ctx);
        if (cache != null && !parameters.isVariable()) {
            Plan cached = cache.lookup(s, parameters, catalog);
            if (cached != null) {
                return cached;
            }
        }
        Planner planner = new Planner(ctx, parameters, catalog, storage(ctx));
        Plan plan = plan(planner.plan(s.query()));
        if (cache != null && !parameters.isVariable() && parameters.typeList().size() > 0) {
            cache.store(s, parameters, plan);
        }
        return plan;
    }

    /** A planned query with the columns Describe reports of it. */
    static Plan plan(Planner.Planned planned) {
        List<ColumnDescription> columns = new ArrayList<>();
        for (Planner.Column c : planned.columns()) {
            columns.add(new ColumnDescription(c.name(), 0, (short) 0, c.typeOid(), c.type().length(), c.wireTypmod(),
                    (short) 0));
        }
        return new Plan(List.copyOf(columns), planned);
    }

    /** The session's relations; null in expression-only mode (every table is then 42P01). */
    static Catalog catalog(EvalContext ctx) {
        return ctx.db() == null ? null : ctx.db().catalog();
    }

    /** The session's storage; null in expression-only mode. */
    static StorageSession storage(EvalContext ctx) {
        return ctx.db() == null ? null : ctx.db().storage();
    }

    /** The planner's constant folding, for its errors (see {@link ConstantFolding}). */
    static void fold(Plan plan, EvalContext ctx) {
        fold(plan.planned().node(), ctx);
    }

    private static void fold(PlanNode node, EvalContext ctx) {
        for (Expression e : node.expressions()) {
            ConstantFolding.check(e, ctx);
        }
        for (PlanNode c : node.children()) {
            fold(c, ctx);
        }
    }

    /** The last work_mem setting parsed and its bytes: every query asks, the setting rarely changes. */
    private record ParsedWorkMem(String text, long bytes) {
    }

    private static volatile ParsedWorkMem lastWorkMem = new ParsedWorkMem("", DEFAULT_WORK_MEM);

    static long workMem(EvalContext ctx) {
        String text = ctx.setting("work_mem");
        if (text == null) {
            return DEFAULT_WORK_MEM;
        }
        ParsedWorkMem last = lastWorkMem;
        if (last.text().equals(text)) {
            return last.bytes();
        }
        long bytes = parseWorkMem(text);
        lastWorkMem = new ParsedWorkMem(text, bytes);
        return bytes;
    }

    private static long parseWorkMem(String text) {
        try {
            String v = text.trim().toLowerCase();
            long unit = 1024;
            if (v.endsWith("kb")) {
                v = v.substring(0, v.length() - 2);
            } else if (v.endsWith("mb")) {
                v = v.substring(0, v.length() - 2);
                unit = 1024 * 1024;
            } else if (v.endsWith("gb")) {
                v = v.substring(0, v.length() - 2);
                unit = 1024L * 1024 * 1024;
            }
            return Long.parseLong(v.trim()) * unit;
        } catch (RuntimeException e) {
            return DEFAULT_WORK_MEM;
        }
    }

    static void run(Plan plan, EvalContext ctx, ResultSink sink) {
        run(plan, ctx, sink, true);
    }

    /**
     * Runs a planned query; {@code fold} false when Bind has already folded this plan with the same
     * parameter values.
     */
    static void run(Plan plan, EvalContext ctx, ResultSink sink, boolean fold) {
        org.tusk.sql.roles.Privileges.checkSelect(ctx, plan.planned().relations());
        // What the planner folds fails before anything is sent (select 1/0: no RowDescription); what
        // only execution computes (a volatile expression) fails after RowDescription, as in PostgreSQL.
        if (fold) {
            fold(plan, ctx);
        }
        sink.rowDescription(plan.columns());
        List<Planner.Column> columns = plan.planned().columns();
        int width = columns.size();
        long count = execute(plan, ctx, values -> {
            byte[][] row = new byte[width][];
            for (int i = 0; i < width; i++) {
                Object v = values[i];
                row[i] = v == null ? null
                        : TypeOutput.format(columns.get(i).type(), v, ctx).getBytes(StandardCharsets.UTF_8);
            }
            sink.dataRow(row);
        });
        sink.commandComplete("SELECT " + count);
    }

    /** Runs the plan to its end, handing each output row's values to {@code out}; returns the row count. */
    static long execute(Plan plan, EvalContext ctx, java.util.function.Consumer<Object[]> out) {
        ExecContext exec = new ExecContext(ctx, storage(ctx), workMem(ctx));
        ExecContext previous = exec.enter();
        long count = 0;
        PlanNode node = plan.planned().node();
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
}

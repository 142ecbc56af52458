package org.tusk.sql.session;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.tusk.protocol.ColumnDescription;
import org.tusk.spi.ResultSink;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.dml.DmlEnv;
import org.tusk.sql.dml.DmlExplain;
import org.tusk.sql.exec.Explain;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.trigger.TriggerCalls;
import org.tusk.sql.types.SqlType;

/**
 * EXPLAIN: plans the query as SELECT would, with ANALYZE runs it (discarding its rows), and returns
 * the plan in PostgreSQL's text format as rows of one "QUERY PLAN" column. An INSERT, UPDATE or DELETE
 * is explained (and with ANALYZE run) by the dml layer, under its ModifyTable node.
 */
final class ExplainExecutor {

    static final List<ColumnDescription> COLUMNS = List.of(new ColumnDescription("QUERY PLAN", 0, (short) 0,
            SqlType.TEXT.oid(), SqlType.TEXT.length(), -1, (short) 0));

    private ExplainExecutor() {
    }

    /**
     * @param dml what an INSERT, UPDATE or DELETE runs against (null for a query): it is analyzed, and with
     *            ANALYZE run, by the dml layer ({@link DmlExplain})
     */
    static void run(Statement.Explain e, EvalContext ctx, Parameters parameters, DmlEnv dml, ResultSink sink) {
        long start = System.nanoTime();
        PlanNode root;
        List<String> triggers = List.of();
        long planned;
        long executed;
        if (e.query() instanceof Statement.Select select) {
            SelectExecutor.Plan plan = SelectExecutor.analyze(select, ctx, parameters);
            SelectExecutor.fold(plan, ctx);
            planned = System.nanoTime();
            executed = planned;
            if (e.analyze()) {
                SelectExecutor.execute(plan, ctx, row -> {
                });
                executed = System.nanoTime();
            }
            root = plan.planned().node();
        } else {
            // Planning and running are one step for the dml layer; the times are split at its end.
            TriggerCalls calls = e.analyze() ? TriggerCalls.start() : null;
            try {
                root = DmlExplain.plan(e.query(), dml, e.analyze(), e.verbose(), sink);
            } finally {
                if (calls != null) {
                    calls.stop();
                }
            }
            triggers = calls == null ? List.of() : calls.lines(e.timing());
            planned = System.nanoTime();
            executed = planned;
        }
        List<String> lines = new java.util.ArrayList<>(Explain.lines(root, e.analyze(), e.verbose(), e.costs()));
        if (e.summary()) {
            lines.add(String.format(Locale.ROOT, "Planning Time: %.3f ms", (planned - start) / 1e6));
        }
        // The triggers' lines come between the two times (ExplainOnePlan's report_triggers).
        lines.addAll(triggers);
        if (e.summary()) {
            if (e.analyze()) {
                lines.add(String.format(Locale.ROOT, "Execution Time: %.3f ms", (executed - planned) / 1e6));
            }
        }
        sink.rowDescription(COLUMNS);
        for (String line : lines) {
            sink.dataRow(new byte[][] {line.getBytes(StandardCharsets.UTF_8)});
        }
        sink.commandComplete("EXPLAIN");
    }
}

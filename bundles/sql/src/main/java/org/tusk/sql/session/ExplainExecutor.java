package org.tusk.sql.session;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.tusk.protocol.ColumnDescription;
import org.tusk.spi.ResultSink;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.exec.Explain;
import org.tusk.sql.types.SqlType;

/**
 * EXPLAIN: plans the query as SELECT would, with ANALYZE runs it (discarding its rows), and returns
 * the plan in PostgreSQL's text format as rows of one "QUERY PLAN" column.
 */
final class ExplainExecutor {

    static final List<ColumnDescription> COLUMNS = List.of(new ColumnDescription("QUERY PLAN", 0, (short) 0,
            SqlType.TEXT.oid(), SqlType.TEXT.length(), -1, (short) 0));

    private ExplainExecutor() {
    }

    static void run(Statement.Explain e, EvalContext ctx, Parameters parameters, ResultSink sink) {
        long start = System.nanoTime();
        SelectExecutor.Plan plan = SelectExecutor.analyze(e.query(), ctx, parameters);
        SelectExecutor.fold(plan, ctx);
        long planned = System.nanoTime();
        long executed = planned;
        if (e.analyze()) {
            SelectExecutor.execute(plan, ctx, row -> {
            });
            executed = System.nanoTime();
        }
        List<String> lines = new java.util.ArrayList<>(Explain.lines(plan.planned().node(), e.analyze(), e.verbose(),
                e.costs()));
        if (e.summary()) {
            lines.add(String.format(Locale.ROOT, "Planning Time: %.3f ms", (planned - start) / 1e6));
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

package org.tusk.sql.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.ColumnNames;
import org.tusk.sql.eval.ConstantFolding;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeOutput;

/**
 * Runs a SELECT without tables: at most one row. Everything is analyzed before anything is evaluated;
 * constant expressions are computed before RowDescription (the planner folds them), the rest after it.
 */
final class SelectExecutor {

    private SelectExecutor() {
    }

    /** A SELECT after parse analysis: what Describe reports and what execution evaluates. */
    record Plan(List<ColumnDescription> columns, List<Expression> exprs, Expression where, Expression limit,
            Expression offset) {
    }

    static void run(Statement.Select s, EvalContext ctx, ResultSink sink) {
        run(analyze(s, ctx, Parameters.none()), ctx, sink);
    }

    /** Parse analysis: every name, operator, function and parameter type resolved; nothing evaluated. */
    static Plan analyze(Statement.Select s, EvalContext ctx, Parameters parameters) {
        if (!s.from().isEmpty()) {
            Statement.RangeVar r = s.from().getFirst();
            throw SqlException.at("42P01", "relation \"" + String.join(".", r.names()) + "\" does not exist",
                    r.position());
        }
        if (s.star() > 0) {
            throw SqlException.at("42601", "SELECT * with no tables specified is not valid", s.star());
        }
        Analyzer analyzer = new Analyzer(ctx, parameters);
        List<Expression> exprs = new ArrayList<>();
        List<ColumnDescription> columns = new ArrayList<>();
        for (Statement.Target t : s.targets()) {
            Expression e = analyzer.transformOutput(t.expr());
            exprs.add(e);
            String name = t.alias() != null ? t.alias() : ColumnNames.of(t.expr());
            columns.add(new ColumnDescription(name, 0, (short) 0, e.type().oid(), e.type().length(), e.typmod(),
                    (short) 0));
        }
        Expression where = s.where() == null ? null : analyzer.transformCondition(s.where(), "WHERE");
        for (Expr o : s.orderBy()) {
            if (o instanceof Expr.Literal l && l.kind() == Expr.LiteralKind.INTEGER) {
                long n = Long.parseLong(l.text());
                if (n < 1 || n > exprs.size()) {
                    throw SqlException.at("42P10", "ORDER BY position " + n + " is not in select list", l.position());
                }
            } else {
                analyzer.transform(o);
            }
        }
        Expression limit = s.limit() == null ? null : analyzer.transformAs(s.limit(), SqlType.INT8, "LIMIT");
        Expression offset = s.offset() == null ? null : analyzer.transformAs(s.offset(), SqlType.INT8, "OFFSET");
        return new Plan(List.copyOf(columns), exprs, where, limit, offset);
    }

    /** The planner's constant folding, for its errors (see {@link ConstantFolding}). */
    static void fold(Plan plan, EvalContext ctx) {
        for (Expression e : plan.exprs()) {
            ConstantFolding.check(e, ctx);
        }
        for (Expression e : new Expression[] {plan.where(), plan.limit(), plan.offset()}) {
            if (e != null) {
                ConstantFolding.check(e, ctx);
            }
        }
    }

    static void run(Plan plan, EvalContext ctx, ResultSink sink) {
        List<Expression> exprs = plan.exprs();
        Expression where = plan.where();
        Expression limit = plan.limit();
        Expression offset = plan.offset();
        List<ColumnDescription> columns = plan.columns();

        // What the planner folds fails before anything is sent (select 1/0: no RowDescription); what
        // only execution computes (a volatile expression) fails after RowDescription, as in PostgreSQL.
        fold(plan, ctx);
        sink.rowDescription(columns);
        boolean qualifies = where == null || Boolean.TRUE.equals(where.eval(ctx));
        byte[][] row = null;
        if (qualifies) {
            row = new byte[exprs.size()][];
            for (int i = 0; i < row.length; i++) {
                Expression e = exprs.get(i);
                Object v = e.eval(ctx);
                row[i] = v == null ? null : TypeOutput.format(e.type(), v, ctx).getBytes(StandardCharsets.UTF_8);
            }
        }
        // LIMIT and OFFSET are computed when the executor starts fetching, as nodeLimit.c does.
        long offsetValue = 0;
        if (offset != null) {
            Long v = (Long) offset.eval(ctx);
            if (v != null && v < 0) {
                throw new SqlException("2201X", "OFFSET must not be negative");
            }
            offsetValue = v == null ? 0 : v;
        }
        Long limitValue = null;
        if (limit != null) {
            limitValue = (Long) limit.eval(ctx);
            if (limitValue != null && limitValue < 0) {
                throw new SqlException("2201W", "LIMIT must not be negative");
            }
        }
        if (offsetValue > 0 || (limitValue != null && limitValue == 0)) {
            row = null;
        }
        if (row != null) {
            sink.dataRow(row);
        }
        sink.commandComplete("SELECT " + (row != null ? 1 : 0));
    }
}

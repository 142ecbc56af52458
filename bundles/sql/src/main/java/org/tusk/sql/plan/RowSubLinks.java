package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.exec.ListedSubPlan;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.types.SqlType;

/**
 * {@code (a, b) [NOT] IN (SELECT x, y ...)} and {@code (a, b) = ANY|ALL (SELECT ...)}: a sublink whose
 * tested side is a row constructor (parse_expr.c's make_row_comparison_op over the subquery's columns).
 * Each subquery row is compared field by field with SQL's NULL rules, {@code =} as the AND of the
 * fields' equalities and {@code <>} as the OR of their inequalities, and ANY/ALL combine the rows as for
 * a single column. It is always a SubPlan evaluated per outer row (no semi-join, no hashing).
 */
final class RowSubLinks {

    private RowSubLinks() {
    }

    static Expression anyAll(Analyzer analyzer, Expr.SubLink link, Expr.RowConstructor row, Planner.Planned p,
            PlanNode node, boolean correlated, int number) {
        int n = row.fields().size();
        int columns = p.columns().size();
        if (columns != n) {
            throw SqlException.at("42601", columns > n ? "subquery has too many columns"
                    : "subquery has too few columns", link.position());
        }
        String op = link.operator();
        boolean and = switch (op) {
            case "=" -> true;
            case "<>", "!=" -> false;
            default -> throw SqlException.at("0A000", "row comparison with operator " + op
                    + " against a subquery is not supported yet", link.position());
        };
        List<Expression> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Planner.Column c = p.columns().get(i);
            Expression left = analyzer.transform(row.fields().get(i));
            Expression right = new Expression.Var(node.slots().getFirst(), i, c.type(), c.typmod(), c.name());
            Expression cmp = analyzer.binaryOperator(op.equals("!=") ? "<>" : op, left, right, link.position());
            if (cmp.type() != SqlType.BOOL) {
                throw SqlException.at("42804", "row comparison operator must yield type boolean, not type "
                        + cmp.type().displayName(), link.position());
            }
            pairs.add(cmp);
        }
        Expression cmp = pairs.size() == 1 ? pairs.getFirst() : new Expression.BoolOp(and, pairs);
        boolean all = link.kind() == Expr.SubLinkKind.ALL;
        Expression.SubPlanBody body = ctx -> {
            ExecContext exec = ExecContext.current();
            if (exec == null) {
                throw new IllegalStateException("subquery evaluated outside an execution");
            }
            node.open(exec);
            try {
                boolean sawNull = false;
                for (Object[] r = node.next(); r != null; r = node.next()) {
                    Boolean v = (Boolean) cmp.eval(ctx);
                    if (v == null) {
                        sawNull = true;
                    } else if (v != all) {
                        return !all;
                    }
                }
                return sawNull ? null : all;
            } finally {
                node.close();
            }
        };
        return new Expression.SubPlan(SqlType.BOOL, -1, correlated ? new ListedSubPlan(number, node, body) : body);
    }
}

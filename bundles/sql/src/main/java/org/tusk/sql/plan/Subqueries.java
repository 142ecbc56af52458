package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Ordering;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.exec.HashedSubPlan;
import org.tusk.sql.exec.ListedSubPlan;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.SqlType;

/**
 * Subqueries in expressions (PostgreSQL's SubPlan): EXISTS, scalar, ARRAY, and ANY/ALL (IN and NOT IN
 * are = ANY and NOT (= ANY)). A correlated subquery runs again each time it is evaluated, reading
 * the outer row from the outer query's slots; an uncorrelated one runs once per execution (an
 * InitPlan) and its value is reused.
 */
final class Subqueries {

    private Subqueries() {
    }

    static Expression plan(Planner planner, Expr.SubLink link, Analyzer analyzer) {
        Planner.Planned p = planner.planQuery(link.query(), analyzer.scope());
        int number = planner.nextSubPlan();
        PlanNode node = p.node();
        int columns = p.columns().size();
        boolean correlated = p.correlated();
        return switch (link.kind()) {
            case EXISTS -> cached(SqlType.BOOL, -1, correlated, ctx -> {
                PlanNode n = open(node);
                try {
                    return n.next() != null;
                } finally {
                    n.close();
                }
            });
            case EXPR -> {
                if (columns != 1) {
                    throw SqlException.at("42601", "subquery must return only one column", link.position());
                }
                Planner.Column c = p.columns().getFirst();
                yield listedOrCached(c.type(), c.typmod(), correlated, number, node, ctx -> {
                    PlanNode n = open(node);
                    try {
                        Object[] row = n.next();
                        if (row == null) {
                            return null;
                        }
                        Object v = ((Object[]) row[0])[0];
                        if (n.next() != null) {
                            throw new SqlException("21000",
                                    "more than one row returned by a subquery used as an expression");
                        }
                        return v;
                    } finally {
                        n.close();
                    }
                });
            }
            case ARRAY -> {
                if (columns != 1) {
                    throw SqlException.at("42601", "subquery must return only one column", link.position());
                }
                SqlType element = p.columns().getFirst().type();
                // ARRAY(SELECT an array) stacks the arrays into one more dimension (accumArrayResultArr).
                boolean ofArrays = element.isArray() && !element.isVector();
                if (!ofArrays && element.arrayType() == null) {
                    throw SqlException.at("42704", "could not find array type for data type "
                            + element.displayName(), link.position());
                }
                yield cached(ofArrays ? element : element.arrayType(), -1, correlated, ctx -> {
                    PlanNode n = open(node);
                    try {
                        List<Object> values = new ArrayList<>();
                        for (Object[] row = n.next(); row != null; row = n.next()) {
                            values.add(((Object[]) row[0])[0]);
                        }
                        if (ofArrays) {
                            List<ArrayValue> subs = new ArrayList<>(values.size());
                            values.forEach(v -> subs.add((ArrayValue) v));
                            return subs.isEmpty() ? ArrayValue.empty()
                                    : org.tusk.sql.types.ArrayBuilder.accumulate(subs);
                        }
                        return new ArrayValue(1, values);
                    } finally {
                        n.close();
                    }
                });
            }
            case ANY, ALL -> {
                if (link.test() instanceof Expr.RowConstructor row) {
                    yield RowSubLinks.anyAll(analyzer, link, row, p, node, correlated, number);
                }
                if (columns != 1) {
                    throw SqlException.at("42601", columns > 1 ? "subquery has too many columns"
                            : "subquery has too few columns", link.position());
                }
                Planner.Column c = p.columns().getFirst();
                Expression left = analyzer.transform(link.test());
                Expression right = new Expression.Var(node.slots().getFirst(), 0, c.type(), c.typmod(), c.name());
                Expression cmp = analyzer.binaryOperator(link.operator(), left, right, link.position());
                if (cmp.type() != SqlType.BOOL) {
                    throw SqlException.at("42804", "op ANY/ALL (array) requires operator to yield boolean",
                            link.position());
                }
                boolean all = link.kind() == Expr.SubLinkKind.ALL;
                if (!all && !correlated && hashable(cmp, right) && fitsHashMemory(node, planner.costs())) {
                    Expression tested = ((Expression.Call) cmp).args().getFirst();
                    yield new Expression.SubPlan(SqlType.BOOL, -1,
                            new HashedSubPlan(number, node, tested, right.type()));
                }
                // Reads the outer row through the left side, so never cached.
                Expression.SubPlanBody any = ctx -> {
                    PlanNode n = open(node);
                    try {
                        boolean sawNull = false;
                        for (Object[] row = n.next(); row != null; row = n.next()) {
                            Boolean v = (Boolean) cmp.eval(ctx);
                            if (v == null) {
                                sawNull = true;
                            } else if (v != all) {
                                return !all;
                            }
                        }
                        return sawNull ? null : all;
                    } finally {
                        n.close();
                    }
                };
                yield new Expression.SubPlan(SqlType.BOOL, -1,
                        correlated ? new ListedSubPlan(number, node, any) : any);
            }
        };
    }

    /**
     * {@link #cached}, but a correlated subquery's SubPlan is one EXPLAIN prints as {@code (SubPlan n)} and
     * lists (an uncorrelated one is PostgreSQL's InitPlan, which EXPLAIN does not show here).
     */
    private static Expression listedOrCached(SqlType type, int typmod, boolean correlated, int number,
            PlanNode node, Expression.SubPlanBody body) {
        if (correlated) {
            return new Expression.SubPlan(type, typmod, new ListedSubPlan(number, node, body));
        }
        return cached(type, typmod, false, body);
    }

    /**
     * subplan_is_hashable's test of the comparison (testexpr_is_hashable): an equality of the tested
     * value with the subquery's column itself, of one type with a hash key (or integers of any widths),
     * the tested side reading no column of the subquery.
     */
    private static boolean hashable(Expression cmp, Expression right) {
        if (!(cmp instanceof Expression.Call call) || !call.routine().name().equals("=") || call.args().size() != 2
                || call.args().get(1) != right) {
            return false;
        }
        SqlType a = call.args().get(0).type();
        SqlType b = right.type();
        if (a.isArray() || b.isArray() || !Ordering.sortable(a) || !Ordering.sortable(b)) {
            return false;
        }
        return a == b || (a.isInteger() && b.isInteger());
    }

    /**
     * subplan_is_hashable's size test: the subquery's rows, each a tuple header and its data, within
     * the hash tables' memory (work_mem times hash_mem_multiplier, 2 in PostgreSQL 15).
     */
    private static boolean fitsHashMemory(PlanNode node, Costs costs) {
        double width = Math.ceil(node.width / 8.0) * 8;
        return node.rows * (width + 24) <= costs.workMem * 2.0;
    }

    private static PlanNode open(PlanNode node) {
        ExecContext ctx = ExecContext.current();
        if (ctx == null) {
            throw new IllegalStateException("subquery evaluated outside an execution");
        }
        node.open(ctx);
        return node;
    }

    /** A subplan whose value is kept for the rest of the execution when it reads no outer row. */
    private static Expression cached(SqlType type, int typmod, boolean correlated,
            Expression.SubPlanBody body) {
        if (correlated) {
            return new Expression.SubPlan(type, typmod, body);
        }
        long[] execution = {-1};
        Object[] value = {null};
        return new Expression.SubPlan(type, typmod, (EvalContext ctx) -> {
            ExecContext current = ExecContext.current();
            long id = current == null ? -2 : current.execution();
            if (execution[0] != id) {
                value[0] = body.evaluate(ctx);
                execution[0] = id;
            }
            return value[0];
        });
    }
}

package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Query;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Ordering;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.exec.JoinType;
import org.tusk.sql.exec.SeqScan;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;

/**
 * PostgreSQL's pull_up_sublinks for one query level: an {@code EXISTS (subquery)}, {@code NOT EXISTS
 * (subquery)} or {@code x op ANY (subquery)} (so also {@code x IN (subquery)}) that is a conjunct of WHERE
 * becomes a semi join (an anti join for NOT EXISTS) of the subquery's relations with the query's, which
 * the join search then orders like any other join. At the top of WHERE a NULL result and false reject the
 * row alike, so the join, which keeps a row exactly when some inner row makes the condition true, gives
 * the same rows.
 *
 * <p>The WHERE clause has already been analyzed whole (so errors come where PostgreSQL raises them, in
 * order) and each sublink is a SubPlan; a sublink pulled up is analyzed again, its subquery's FROM and
 * WHERE now in the query's scope, and its SubPlan conjunct is dropped. What PostgreSQL does not pull up
 * stays a SubPlan: an EXISTS whose subquery does not read the outer query (an InitPlan), an ANY whose
 * subquery does, NOT IN (which is not NOT EXISTS because of NULLs), and here also subqueries with
 * aggregates, grouping, DISTINCT, LIMIT, set operations, WITH or FROM items other than tables and
 * joins of them (which PostgreSQL would join as a subquery scan).
 *
 * <p>A semi join whose inner side is one table with a unique index on the columns the join equates
 * returns each outer row at most once anyway: it becomes a plain inner join (reduce_unique_semijoins).
 */
final class SublinkPullUp {

    private SublinkPullUp() {
    }

    /**
     * Pulls up what it can of {@code where}'s sublinks, removing their conjuncts from {@code conjuncts}
     * (and, for a semi join turned inner, adding its relations to {@code leaves} and its conditions to
     * {@code conjuncts}). Returns the semi and anti joins for the join search.
     */
    static List<SemiJoin> pullUp(Planner planner, Expr where, FromScope scope, Analyzer outer,
            Set<RowSlot> levelSlots, List<Leaf> leaves, List<Expression> conjuncts) {
        List<Expr> parts = new ArrayList<>();
        andParts(where, parts);
        List<SemiJoin> semis = new ArrayList<>();
        for (Expr part : parts) {
            boolean negated = false;
            Expr e = part;
            if (e instanceof Expr.BoolExpr b && b.op() == Expr.BoolOp.NOT && b.args().size() == 1) {
                negated = true;
                e = b.args().getFirst();
            }
            if (!(e instanceof Expr.SubLink link) || (negated && link.kind() != Expr.SubLinkKind.EXISTS)
                    || (link.kind() != Expr.SubLinkKind.EXISTS && link.kind() != Expr.SubLinkKind.ANY)
                    || link.test() instanceof Expr.RowConstructor) { // (a, b) IN (SELECT ...) stays a SubPlan
                continue;
            }
            Expression plan = planner.sublinkPlan(link);
            int at = conjunctOf(conjuncts, plan, negated);
            if (at < 0) {
                continue;
            }
            SemiJoin sj = convert(planner, link, negated, scope, outer, levelSlots);
            if (sj == null) {
                continue;
            }
            conjuncts.remove(at);
            if (uniqueInner(sj)) {
                leaves.addAll(sj.leaves());
                conjuncts.addAll(sj.localConds());
                conjuncts.addAll(sj.joinConds());
                levelSlots.addAll(sj.slots());
            } else {
                semis.add(sj);
            }
        }
        return semis;
    }

    private static void andParts(Expr e, List<Expr> out) {
        if (e instanceof Expr.BoolExpr b && b.op() == Expr.BoolOp.AND) {
            for (Expr a : b.args()) {
                andParts(a, out);
            }
        } else {
            out.add(e);
        }
    }

    /** The position of the conjunct that is the sublink's SubPlan (or NOT of it), -1 if none is. */
    private static int conjunctOf(List<Expression> conjuncts, Expression plan, boolean negated) {
        if (plan == null) {
            return -1;
        }
        for (int i = 0; i < conjuncts.size(); i++) {
            Expression c = conjuncts.get(i);
            if (negated ? c instanceof Expression.Not n && n.arg() == plan : c == plan) {
                return i;
            }
        }
        return -1;
    }

    /** The subquery as a semi or anti join, or null when it is not pulled up. */
    private static SemiJoin convert(Planner planner, Expr.SubLink link, boolean negated, FromScope scope,
            Analyzer outer, Set<RowSlot> levelSlots) {
        Query q = link.query();
        boolean exists = link.kind() == Expr.SubLinkKind.EXISTS;
        if (!q.with().isEmpty() || q.limit() != null || q.offset() != null || q.locking() != null
                || !(q.body() instanceof Query.SelectCore core) || core.from().isEmpty()
                || !core.groupBy().isEmpty() || core.having() != null || core.distinctOn() != null
                || (!exists && (!q.orderBy().isEmpty() || core.targets().size() != 1))) {
            return null;
        }
        for (Query.FromItem item : core.from()) {
            if (!plainRelations(item)) {
                return null;
            }
        }
        Planner.Level level = planner.new Level("FROM clause of their own query level");
        FromScope sub = new FromScope(scope, null);
        Analyzer a = planner.analyzer(sub, level);
        List<Expression> conds = new ArrayList<>();
        List<Leaf> leaves = new ArrayList<>();
        for (Query.FromItem item : core.from()) {
            leaves.addAll(planner.collect(item, sub, a, conds, level).leaves());
        }
        if (sub.correlated()) {
            return null; // the FROM clause reads the outer query (its outer joins are planned already)
        }
        level.context = "WHERE";
        if (core.where() != null) {
            Expressions.conjuncts(a.transformCondition(core.where(), "WHERE"), conds);
        }
        level.context = null;
        // Aggregates or set-returning functions in the select list change what the subquery returns.
        Expression output = null;
        for (Statement.Target t : core.targets()) {
            if (t.expr() instanceof Expr.ColumnRef c && c.names().getLast().equals("*")) {
                continue;
            }
            if (t.expr() instanceof Expr.FuncCall f && SetReturningFunctions.isSetReturning(f.name().getLast())) {
                return null;
            }
            output = a.transformOutput(t.expr());
        }
        if (!level.aggregates.isEmpty()) {
            return null;
        }
        Set<RowSlot> slots = new HashSet<>();
        for (Leaf l : leaves) {
            if (l.lateral()) {
                return null;
            }
            slots.addAll(l.node().slots());
        }
        Set<RowSlot> both = new HashSet<>(slots);
        both.addAll(levelSlots);
        List<Expression> local = new ArrayList<>();
        List<Expression> joinConds = new ArrayList<>();
        for (Expression c : conds) {
            Set<RowSlot> read = JoinPlanner.slotsRead(c, both);
            if (read == null) {
                return null; // a subquery of its own: where it may run is not known here
            }
            (slots.containsAll(read) ? local : joinConds).add(c);
        }
        if (exists) {
            if (joinConds.isEmpty()) {
                return null; // uncorrelated: an InitPlan, as in PostgreSQL
            }
        } else {
            if (sub.correlated() || output == null) {
                return null; // PostgreSQL joins only an uncorrelated IN subquery
            }
            Expression test = outer.transform(link.test());
            Set<RowSlot> read = JoinPlanner.slotsRead(test, levelSlots);
            if (read == null || read.isEmpty()) {
                return null;
            }
            Expression cmp = outer.binaryOperator(link.operator(), test, output, link.position());
            if (cmp.type() != SqlType.BOOL) {
                return null;
            }
            joinConds.add(cmp);
        }
        JoinType type = negated ? JoinType.ANTI : JoinType.SEMI;
        if (type == JoinType.SEMI) {
            joinConds.replaceAll(c -> outerFirst(c, slots, levelSlots));
        }
        List<Expression> uniqueKeys = type == JoinType.SEMI ? uniqueKeys(joinConds, slots, levelSlots) : null;
        return new SemiJoin(type, leaves, local, slots, joinConds, uniqueKeys);
    }

    /**
     * A semi join's equality of one type with the subquery's column first, turned round: PostgreSQL
     * makes such an equality an equivalence class and writes the condition it derives with the outer
     * query's side first (an anti join's conditions stay as written).
     */
    private static Expression outerFirst(Expression c, Set<RowSlot> inner, Set<RowSlot> outer) {
        if (c instanceof Expression.Call call && call.routine().name().equals("=") && call.args().size() == 2
                && call.args().get(0).type() == call.args().get(1).type()
                && call.args().get(0) instanceof Expression.Var x && inner.contains(x.slot())
                && call.args().get(1) instanceof Expression.Var y && outer.contains(y.slot())) {
            return new Expression.Call(call.routine(), List.of(y, x));
        }
        return c;
    }

    /**
     * A semi or anti join once the outer query's equivalence classes are known: an equality between an
     * outer column a class makes equal to a constant and a column of the subquery gives the subquery's
     * column that constant as a restriction of its own. A semi join's equality is then redundant (it
     * was a member of the same class in PostgreSQL) and dropped; an anti join keeps it, as PostgreSQL
     * keeps an outer join's condition when it derives such a restriction
     * (reconsider_outer_join_clauses).
     */
    static SemiJoin withConstants(SemiJoin sj, EquivalenceClasses.Result ec) {
        List<Expression> joinConds = new ArrayList<>();
        List<Expression> local = new ArrayList<>(sj.localConds());
        List<Expression> keys = sj.uniqueKeys() == null ? null : new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < sj.joinConds().size(); i++) {
            Expression c = sj.joinConds().get(i);
            if (c instanceof Expression.Call call && call.routine().name().equals("=") && call.args().size() == 2
                    && call.args().get(0).type() == call.args().get(1).type()
                    && call.args().get(0) instanceof Expression.Var x && call.args().get(1) instanceof Expression.Var y) {
                Expression.Var outer = sj.slots().contains(x.slot()) ? y : x;
                Expression.Var inner = outer == x ? y : x;
                Expression constant = sj.slots().contains(inner.slot()) && !sj.slots().contains(outer.slot())
                        ? ec.constantOf(outer) : null;
                if (constant != null) {
                    local.add(new Expression.Call(call.routine(), List.of(inner, constant)));
                    changed = true;
                    if (sj.type() == JoinType.SEMI) {
                        continue;
                    }
                }
            }
            joinConds.add(c);
            if (keys != null) {
                keys.add(sj.uniqueKeys().get(i));
            }
        }
        if (!changed) {
            return sj;
        }
        return new SemiJoin(sj.type(), sj.leaves(), local, sj.slots(), joinConds,
                keys == null || keys.isEmpty() ? null : keys);
    }

    /** Tables, views and WITH queries, and joins of them: FROM items that cannot read the outer query. */
    private static boolean plainRelations(Query.FromItem item) {
        return switch (item) {
            case Query.TableRef t -> true;
            case Query.Join j -> plainRelations(j.left()) && plainRelations(j.right());
            default -> false;
        };
    }

    /**
     * compute_semijoin_info: when every join condition equates an expression of the outer query with one
     * of the subquery, the subquery's sides (what its rows are made unique on); else null.
     */
    private static List<Expression> uniqueKeys(List<Expression> joinConds, Set<RowSlot> inner,
            Set<RowSlot> outer) {
        List<Expression> keys = new ArrayList<>();
        for (Expression c : joinConds) {
            if (!(c instanceof Expression.Call call) || !call.routine().name().equals("=") || call.args().size() != 2) {
                return null;
            }
            Expression x = call.args().get(0);
            Expression y = call.args().get(1);
            if (!Ordering.sortable(x.type()) || !Ordering.sortable(y.type())
                    || !(x.type() == y.type() || (x.type().isInteger() && y.type().isInteger()))) {
                return null;
            }
            Set<RowSlot> rx = JoinPlanner.slotsRead(x, inner, outer);
            Set<RowSlot> ry = JoinPlanner.slotsRead(y, inner, outer);
            if (rx == null || ry == null || rx.isEmpty() || ry.isEmpty()) {
                return null;
            }
            if (inner.containsAll(rx) && outer.containsAll(ry)) {
                keys.add(x);
            } else if (inner.containsAll(ry) && outer.containsAll(rx)) {
                keys.add(y);
            } else {
                return null;
            }
        }
        return keys;
    }

    /**
     * Whether the inner side is one table with a unique index all of whose columns the join equates with
     * the outer query: then no outer row has two partners and the semi join is an inner join.
     */
    private static boolean uniqueInner(SemiJoin sj) {
        if (sj.uniqueKeys() == null || sj.leaves().size() != 1 || !(sj.leaves().getFirst().node() instanceof SeqScan scan)) {
            return false;
        }
        Relation r = scan.relation();
        Set<Integer> equated = new HashSet<>();
        for (Expression k : sj.uniqueKeys()) {
            if (k instanceof Expression.Var v && v.slot() == scan.slots().getFirst() && v.index() < r.columns().size()) {
                equated.add(r.columns().get(v.index()).number());
            }
        }
        // a column equal to a constant is as good (relation_has_unique_index_for's restriction clauses)
        for (Expression c : sj.localConds()) {
            if (c instanceof Expression.Call call && call.routine().name().equals("=") && call.args().size() == 2) {
                for (int i = 0; i < 2; i++) {
                    if (call.args().get(i) instanceof Expression.Var v && v.slot() == scan.slots().getFirst()
                            && v.index() < r.columns().size() && (call.args().get(1 - i) instanceof Expression.Const
                                    || call.args().get(1 - i) instanceof Expression.Param)) {
                        equated.add(r.columns().get(v.index()).number());
                    }
                }
            }
        }
        for (IndexDef index : r.indexes()) {
            if (index.unique() && index.plain() && equated.containsAll(index.columns())) {
                return true;
            }
        }
        return false;
    }
}

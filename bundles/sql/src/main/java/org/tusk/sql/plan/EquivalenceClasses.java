package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Ordering;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.eval.Routine;

/**
 * Equivalence classes (the optimizer README's "EquivalenceClasses"): the equalities among a join
 * problem's conditions, read as sets of expressions known equal. From {@code a.x = b.y AND b.y = c.z}
 * the class {a.x, b.y, c.z} lets any two of the relations join on it (a with c on {@code a.x = c.z});
 * from {@code a.x = b.y AND a.x = 5} the class {a.x, b.y, 5} gives each relation its own restriction
 * ({@code b.y = 5}, which b's index can use) and needs no join condition at all. The equalities that
 * went into a class are not applied as written: each join gets one condition per class (so a
 * redundant equality is not counted twice in the row estimates) and each scan its restrictions.
 *
 * <p>Only what PostgreSQL puts into classes and this planner can compare: equalities at the top of
 * WHERE or of an inner join's ON, between two columns of the relations being joined or a column and
 * a constant, of one sortable type (PostgreSQL also takes expressions and equalities across types of
 * one operator family). A class holding two constants is left as written (its equalities stay
 * ordinary conditions). Merge joins do not get sort orders from the classes: each merge join sorts
 * its inputs (or reads an index) itself.
 */
final class EquivalenceClasses {

    /**
     * One class: its columns in the order the equalities named them and the equality operator of their
     * type. Which input of a join search holds each member is the search's business.
     */
    static final class EClass {
        private final List<Expression.Var> members;
        private final Routine equals;
        /** The conditions made so far, by their two members' positions (one object per pair). */
        private final Map<Integer, Expression> made = new HashMap<>();

        EClass(List<Expression.Var> members, Routine equals) {
            this.members = List.copyOf(members);
            this.equals = equals;
        }

        List<Expression.Var> members() {
            return members;
        }

        /** The members at {@code left} and {@code right} equal, with the class's operator. */
        Expression equality(int left, int right) {
            return made.computeIfAbsent(left * 1024 + right,
                    k -> new Expression.Call(equals, List.of(members.get(left), members.get(right))));
        }
    }

    /** The classes joining inputs, and the conditions replacing the equalities (restrictions included). */
    record Result(List<EClass> classes, List<Expression> conditions) {
    }

    private EquivalenceClasses() {
    }

    /**
     * Reads the classes of {@code conds} over the join problem's {@code inputs}: the conditions that are
     * no class equality, plus each class's restrictions (every member equal to the constant, or the
     * members one input holds equal to each other), and the classes spanning several inputs.
     */
    static Result of(List<Expression> conds, List<? extends org.tusk.sql.exec.PlanNode> inputs) {
        Map<RowSlot, Integer> inputOf = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            for (RowSlot s : inputs.get(i).slots()) {
                inputOf.put(s, i);
            }
        }
        // union-find over the members, keyed by column
        List<Expression.Var> members = new ArrayList<>();
        Map<List<Object>, Integer> index = new HashMap<>();
        List<Integer> parent = new ArrayList<>();
        List<Expression> constants = new ArrayList<>(); // per member index: a constant it equals, or null
        List<Routine> routines = new ArrayList<>();
        List<Expression> rest = new ArrayList<>();
        List<Expression> absorbed = new ArrayList<>();
        for (Expression c : conds) {
            if (!(c instanceof Expression.Call call) || !call.routine().name().equals("=") || call.args().size() != 2) {
                rest.add(c);
                continue;
            }
            Expression x = call.args().get(0);
            Expression y = call.args().get(1);
            if (x.type() != y.type() || !Ordering.sortable(x.type())) {
                rest.add(c);
                continue;
            }
            boolean xm = x instanceof Expression.Var v && inputOf.containsKey(v.slot());
            boolean ym = y instanceof Expression.Var v && inputOf.containsKey(v.slot());
            boolean xc = isConstant(x);
            boolean yc = isConstant(y);
            if (xm && ym && !sameColumn((Expression.Var) x, (Expression.Var) y)) {
                int a = member((Expression.Var) x, members, index, parent, constants, routines, call.routine());
                int b = member((Expression.Var) y, members, index, parent, constants, routines, call.routine());
                union(parent, constants, a, b);
                absorbed.add(c);
            } else if (xm && yc || ym && xc) {
                Expression.Var v = (Expression.Var) (xm ? x : y);
                int a = member(v, members, index, parent, constants, routines, call.routine());
                int root = find(parent, a);
                Expression k = xm ? y : x;
                if (constants.get(root) != null && !sameConstant(constants.get(root), k)) {
                    constants.set(root, CONFLICT);
                } else if (constants.get(root) == null) {
                    constants.set(root, k);
                }
                absorbed.add(c);
            } else {
                rest.add(c);
            }
        }
        if (members.isEmpty()) {
            return new Result(List.of(), conds);
        }
        // group the members by class, in the order they were first named
        Map<Integer, List<Integer>> byRoot = new java.util.LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            byRoot.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
        }
        List<EClass> classes = new ArrayList<>();
        List<Expression> restrictions = new ArrayList<>();
        boolean conflict = false;
        for (var e : byRoot.entrySet()) {
            Expression constant = constants.get(e.getKey());
            if (constant == CONFLICT) {
                conflict = true;
            }
        }
        if (conflict) {
            return new Result(List.of(), conds); // x = 1 AND x = 2: left to the conditions as written
        }
        for (var e : byRoot.entrySet()) {
            List<Integer> ids = e.getValue();
            Routine eq = routines.get(ids.getFirst());
            Expression constant = constants.get(e.getKey());
            if (constant != null) {
                for (int i : ids) {
                    restrictions.add(new Expression.Call(eq, List.of(members.get(i), constant)));
                }
                continue;
            }
            // members of one input equal each other there: a restriction of that input
            Map<Integer, Expression.Var> firstOfInput = new java.util.LinkedHashMap<>();
            for (int i : ids) {
                int input = inputOf.get(members.get(i).slot());
                Expression.Var first = firstOfInput.putIfAbsent(input, members.get(i));
                if (first != null) {
                    restrictions.add(new Expression.Call(eq, List.of(first, members.get(i))));
                }
            }
            if (firstOfInput.size() > 1) {
                List<Expression.Var> vars = new ArrayList<>();
                for (int i : ids) {
                    vars.add(members.get(i));
                }
                classes.add(new EClass(vars, eq));
            }
        }
        List<Expression> out = new ArrayList<>(rest);
        out.addAll(restrictions);
        return new Result(classes, out);
    }

    /** Marks a class that equals two different constants. */
    private static final Expression CONFLICT = new Expression.Const(org.tusk.sql.types.SqlType.BOOL, -1, null, -1);

    /** A value the same for every row of the join problem: a literal (not NULL) or a parameter. */
    private static boolean isConstant(Expression e) {
        return e instanceof Expression.Const c && c.value() != null || e instanceof Expression.Param;
    }

    private static boolean sameConstant(Expression a, Expression b) {
        if (a instanceof Expression.Const x && b instanceof Expression.Const y) {
            return x.type() == y.type() && x.value().equals(y.value());
        }
        return a instanceof Expression.Param x && b instanceof Expression.Param y && x.number() == y.number();
    }

    private static boolean sameColumn(Expression.Var a, Expression.Var b) {
        return a.slot() == b.slot() && a.index() == b.index();
    }

    private static int member(Expression.Var v, List<Expression.Var> members, Map<List<Object>, Integer> index,
            List<Integer> parent, List<Expression> constants, List<Routine> routines, Routine eq) {
        List<Object> key = List.of(v.slot(), v.index());
        Integer i = index.get(key);
        if (i == null) {
            i = members.size();
            index.put(key, i);
            members.add(v);
            parent.add(i);
            constants.add(null);
            routines.add(eq);
        }
        return i;
    }

    private static int find(List<Integer> parent, int i) {
        while (parent.get(i) != i) {
            parent.set(i, parent.get(parent.get(i)));
            i = parent.get(i);
        }
        return i;
    }

    private static void union(List<Integer> parent, List<Expression> constants, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra == rb) {
            return;
        }
        // the class keeps its first member's root (members stay in the order first named)
        int root = Math.min(ra, rb);
        int other = Math.max(ra, rb);
        parent.set(other, root);
        Expression ka = constants.get(root);
        Expression kb = constants.get(other);
        if (ka == null) {
            constants.set(root, kb);
        } else if (kb != null && !sameConstant(ka, kb)) {
            constants.set(root, CONFLICT);
        }
    }
}

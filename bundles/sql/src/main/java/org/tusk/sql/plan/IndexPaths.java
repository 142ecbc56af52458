package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;

/**
 * Chooses a B-tree index for the restriction conditions of one table (a reduced indxpath.c). A
 * condition can bound an index column when it has the form {@code col op value} or {@code value op col}
 * with op one of {@code = < <= > >=} (BETWEEN arrives as two of them), where {@code value} does not read
 * the table's own row and calls nothing volatile: a constant, a parameter, an outer reference, a stable
 * function like now(). As in PostgreSQL, an index helps with equality on its leading columns followed
 * by a range on the next one; a condition whose comparison needs the column cast to another type family
 * ({@code int4col = 1.5} compares as numeric) cannot use the index, a comparison within a family
 * ({@code int4col = int8value}, {@code varcharcol = text}) can.
 *
 * <p>The choice is by a simple ranking instead of costs: a unique index matched by equality on every
 * column first (one row), then the most equality columns, then a range, then the narrower index.
 */
public final class IndexPaths {

    private IndexPaths() {
    }

    /** The conjuncts of a condition: the arguments of its top-level ANDs, flattened; empty for null. */
    public static List<Expression> conjuncts(Expression condition) {
        List<Expression> out = new ArrayList<>();
        if (condition != null) {
            flatten(condition, out);
        }
        return out;
    }

    private static void flatten(Expression e, List<Expression> out) {
        if (e instanceof Expression.BoolOp b && b.and()) {
            for (Expression a : b.args()) {
                flatten(a, out);
            }
        } else {
            out.add(e);
        }
    }

    /**
     * The best index path for {@code relation}'s rows (read into {@code slot}) under {@code conjuncts},
     * or null when no index helps (no index, or no condition on a leading index column).
     */
    public static IndexPath choose(Relation relation, RowSlot slot, List<Expression> conjuncts) {
        List<Comparison> comparisons = new ArrayList<>();
        for (Expression c : conjuncts) {
            Comparison m = match(relation, slot, c);
            if (m != null) {
                comparisons.add(m);
            }
        }
        if (comparisons.isEmpty()) {
            return null;
        }
        IndexPath best = null;
        for (IndexDef index : relation.indexes()) {
            if (!index.plain()) {
                continue; // expression keys, a predicate or INCLUDE columns: not matched to quals yet
            }
            IndexPath p = pathFor(relation, index, comparisons, conjuncts);
            if (p != null && (best == null || better(p, best))) {
                best = p;
            }
        }
        return best;
    }

    private static boolean better(IndexPath a, IndexPath b) {
        if (a.uniqueMatch() != b.uniqueMatch()) {
            return a.uniqueMatch();
        }
        if (a.equalities().size() != b.equalities().size()) {
            return a.equalities().size() > b.equalities().size();
        }
        if (a.constrainedColumns() != b.constrainedColumns()) {
            return a.constrainedColumns() > b.constrainedColumns();
        }
        return a.index().columns().size() < b.index().columns().size();
    }

    private static IndexPath pathFor(Relation relation, IndexDef index, List<Comparison> comparisons,
            List<Expression> conjuncts) {
        return pathFor(relation, index, comparisons, conjuncts, 0, null);
    }

    /**
     * What {@code conjuncts} enforce on {@code index}'s columns after the first (equalities, then a range),
     * for a path whose first column an array condition searches ({@link ArrayKeyPaths}); the path's
     * equalities are those of the second column on. Null when they enforce nothing there.
     */
    static IndexPath afterFirstColumn(Relation relation, RowSlot slot, IndexDef index, List<Expression> conjuncts) {
        List<Comparison> comparisons = new ArrayList<>();
        for (Expression c : conjuncts) {
            Comparison m = match(relation, slot, c);
            if (m != null) {
                comparisons.add(m);
            }
        }
        return index.columns().size() < 2 || comparisons.isEmpty() ? null
                : pathFor(relation, index, comparisons, conjuncts, 1, null);
    }

    /**
     * The path along {@code index} from key column {@code start} on; {@code analyzed} holds the index's
     * expression keys and predicate (null for a plain index). A partial index is only a path when the
     * conjuncts imply its predicate; the conjuncts it implies are then neither searched nor rechecked.
     */
    private static IndexPath pathFor(Relation relation, IndexDef index, List<Comparison> comparisons,
            List<Expression> conjuncts, int start, IndexExpressions.Analyzed analyzed) {
        List<Expression> equalities = new ArrayList<>();
        List<SqlType> keyTypes = new ArrayList<>();
        List<Expression> enforced = new ArrayList<>();
        List<Expression> implied = new ArrayList<>();
        if (analyzed != null && !analyzed.predicate().isEmpty()) {
            List<Expression> have = new ArrayList<>();
            for (Expression c : conjuncts) {
                Expression comparable = PredicateProof.comparable(c);
                if (analyzed.predicate().contains(comparable)) {
                    implied.add(c);
                }
                have.add(comparable);
            }
            if (!PredicateProof.implied(Expressions.and(analyzed.predicate()), have)) {
                return null;
            }
        }
        for (int k = 0; k < index.keyCount(); k++) {
            int attnum = index.columns().get(k);
            keyTypes.add(attnum != 0 ? columnByNumber(relation, attnum).type() : analyzed.keys().get(k).type());
        }
        Comparison lower = null;
        Comparison upper = null;
        List<Expression> sides = new ArrayList<>();
        for (int k = 0; k < start; k++) {
            sides.add(null);
        }
        for (int k = start; k < index.keyCount(); k++) {
            int attnum = index.columns().get(k);
            Expression key = attnum == 0 ? analyzed.keys().get(k) : null;
            Comparison eq = find(comparisons, attnum, key, "=");
            if (eq != null) {
                sides.add(eq.side());
                equalities.add(eq.value());
                if (eq.exact()) {
                    enforced.add(eq.conjunct());
                }
                continue;
            }
            if (!index.shape().keys().get(k).descending()) {
                lower = find(comparisons, attnum, key, ">", ">=");
                upper = find(comparisons, attnum, key, "<", "<=");
                sides.add(lower != null ? lower.side() : upper != null ? upper.side() : null);
            }
            break;
        }
        if (equalities.isEmpty() && lower == null && upper == null) {
            return null;
        }
        if (lower != null && lower.exact()) {
            enforced.add(lower.conjunct());
        }
        if (upper != null && upper.exact()) {
            enforced.add(upper.conjunct());
        }
        List<Expression> residual = new ArrayList<>();
        for (Expression c : conjuncts) {
            if (!containsIdentity(enforced, c) && !containsIdentity(implied, c)) {
                residual.add(c);
            }
        }
        return new IndexPath(index, equalities, lower == null ? null : lower.value(),
                lower != null && lower.op().equals(">="), upper == null ? null : upper.value(),
                upper != null && upper.op().equals("<="), keyTypes, residual, implied, sides);
    }

    private static boolean containsIdentity(List<Expression> list, Expression e) {
        for (Expression x : list) {
            if (x == e) {
                return true;
            }
        }
        return false;
    }

    /** A comparison of column {@code attnum}, or of the expression {@code key} when it is not null. */
    private static Comparison find(List<Comparison> comparisons, int attnum, Expression key, String... ops) {
        for (Comparison c : comparisons) {
            if (key == null ? c.attnum() == attnum && c.key() == null : key.equals(c.key())) {
                for (String op : ops) {
                    if (c.op().equals(op)) {
                        return c;
                    }
                }
            }
        }
        return null;
    }

    private static Column columnByNumber(Relation relation, int attnum) {
        for (Column c : relation.columns()) {
            if (c.number() == attnum) {
                return c;
            }
        }
        throw new IllegalStateException("index of " + relation.name() + " on a missing column " + attnum);
    }

    /**
     * A conjunct of the form {@code col op value}, normalized so that the column is on the left.
     *
     * @param exact whether the index range enforces it exactly (else it stays as a residual check)
     * @param key   for a comparison of an expression over the row (which an expression key may match),
     *              that expression in {@link PredicateProof#comparable} form; null for a column's
     */
    record Comparison(Expression conjunct, int attnum, String op, Expression value, boolean exact, Expression key,
            Expression side) {
    }

    private static Comparison match(Relation relation, RowSlot slot, Expression conjunct) {
        if (!(conjunct instanceof Expression.Call call) || call.args().size() != 2
                || call.type() != SqlType.BOOL) {
            return null;
        }
        String op = call.routine().name();
        if (!Set.of("=", "<", "<=", ">", ">=").contains(op)) {
            return null;
        }
        Expression left = call.args().get(0);
        Expression right = call.args().get(1);
        Comparison c = oriented(relation, slot, conjunct, op, left, right);
        if (c == null) {
            c = oriented(relation, slot, conjunct, commute(op), right, left);
        }
        return c;
    }

    private static Comparison oriented(Relation relation, RowSlot slot, Expression conjunct, String op,
            Expression columnSide, Expression valueSide) {
        Expression.Var var = indexableColumn(columnSide, slot);
        if (!usableValue(valueSide, slot)) {
            return null;
        }
        if (var == null) {
            // Perhaps an index's expression key: the same expression of the row, of the same type.
            if (!readsOnly(columnSide, slot) || !KeyValues.compatible(columnSide.type(), valueSide.type())) {
                return null;
            }
            return new Comparison(conjunct, 0, op, valueSide, KeyValues.exact(columnSide.type(), valueSide.type()),
                    PredicateProof.comparable(columnSide), columnSide);
        }
        if (var.index() >= relation.columns().size()) {
            return null;
        }
        Column column = relation.columns().get(var.index());
        SqlType keyType = column.type();
        SqlType valueType = valueSide.type();
        if (!KeyValues.compatible(keyType, valueType) || !op.equals("=") && !KeyValues.orderedAsStored(keyType)) {
            return null;
        }
        return new Comparison(conjunct, column.number(), op, valueSide, KeyValues.exact(keyType, valueType), null,
                null);
    }

    /**
     * The column a comparison side reads, if the index can serve it: the Var itself, or the Var relabeled
     * to text (varchar is binary-coercible to text and shares its btree family). A bpchar column cast to
     * text compares differently (trailing spaces count) and is not indexable, as in PostgreSQL.
     */
    static Expression.Var indexableColumn(Expression e, RowSlot slot) {
        if (e instanceof Expression.Var v && v.slot() == slot) {
            return v;
        }
        if (e instanceof Expression.Cast c && c.type() == SqlType.TEXT && c.typmod() < 0
                && c.arg() instanceof Expression.Var v && v.slot() == slot
                && (v.type() == SqlType.VARCHAR || v.type() == SqlType.TEXT)) {
            return v;
        }
        return null;
    }

    private static String commute(String op) {
        return switch (op) {
            case "<" -> ">";
            case ">" -> "<";
            case "<=" -> ">=";
            case ">=" -> "<=";
            default -> op;
        };
    }

    /** Whether {@code e} can be computed before the scan: it reads no column of the scanned row and is not volatile. */
    private static boolean usableValue(Expression e, RowSlot slot) {
        return switch (e) {
            case Expression.Const c -> true;
            case Expression.Param p -> true;
            case Expression.SessionValue s -> true;
            case Expression.Var v -> v.slot() != slot;
            case Expression.Call c -> !org.tusk.sql.eval.Volatility.isVolatile(c.routine().name()) && allUsable(c.args(), slot);
            case Expression.Cast c -> usableValue(c.arg(), slot);
            case Expression.Coalesce c -> allUsable(c.args(), slot);
            case Expression.ArrayExpr a -> allUsable(a.elements(), slot);
            default -> false; // anything else: not worth proving, keep it a filter
        };
    }

    /** Whether {@code e} reads the scanned row and nothing else varying (no other row, nothing volatile). */
    private static boolean readsOnly(Expression e, RowSlot slot) {
        boolean[] ok = {true};
        boolean[] reads = {false};
        Expressions.walk(e, x -> {
            switch (x) {
                case Expression.Var v -> {
                    reads[0] |= v.slot() == slot;
                    ok[0] &= v.slot() == slot;
                }
                case Expression.Call c -> ok[0] &= !org.tusk.sql.eval.Volatility.isVolatile(c.routine().name());
                case Expression.SubPlan s -> ok[0] = false;
                case Expression.Param p -> ok[0] = false;
                default -> {
                }
            }
        });
        return ok[0] && reads[0];
    }

    private static boolean allUsable(List<Expression> list, RowSlot slot) {
        for (Expression x : list) {
            if (!usableValue(x, slot)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every index of {@code relation} that some of {@code conjuncts} can bound, with the path each
     * would take (its equalities and range, as {@link #choose} builds them), for the planner to cost
     * one against another and to combine in bitmaps.
     */
    public static List<IndexPath> all(Relation relation, RowSlot slot, List<Expression> conjuncts) {
        return all(relation, slot, conjuncts, null);
    }

    /**
     * {@link #all(Relation, RowSlot, List)}, with the indexes whose entries are computed (expression keys,
     * a predicate) too when {@code expressions} can analyze them.
     */
    static List<IndexPath> all(Relation relation, RowSlot slot, List<Expression> conjuncts,
            IndexExpressions expressions) {
        List<Comparison> comparisons = new ArrayList<>();
        for (Expression c : conjuncts) {
            Comparison m = match(relation, slot, c);
            if (m != null) {
                comparisons.add(m);
            }
        }
        List<IndexPath> out = new ArrayList<>();
        if (comparisons.isEmpty()) {
            return out;
        }
        for (IndexDef index : relation.indexes()) {
            IndexExpressions.Analyzed analyzed = null;
            if (!index.expressions().isEmpty() || index.predicate() != null) {
                analyzed = expressions == null ? null : expressions.of(relation, index);
                if (analyzed == null) {
                    continue;
                }
            }
            IndexPath p = pathFor(relation, index, comparisons, conjuncts, 0, analyzed);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }
}

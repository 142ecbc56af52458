package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;

/**
 * Row comparisons (parse_expr.c's make_row_comparison_op), rewritten into comparisons of the fields
 * before analysis, so each pair finds its operator, casts and errors as a lone comparison would:
 * <ul>
 * <li>{@code (a, b) = (c, d)} is {@code a = c AND b = d}; {@code <>} is the OR of the pairs' {@code <>};
 * <li>{@code (a, b) < (c, d)} compares field by field: {@code a < c OR (a = c AND b < d)} (and so on
 * for more fields, the last pair taking the operator itself, so {@code <=} ends with {@code b <= d}),
 * with {@code a <= c} (or {@code >=}) in front as a redundant conjunct an index scan can use.
 * Under SQL's three-valued logic this gives what PostgreSQL's RowCompareExpr gives: the first pair
 * that is not equal decides, and a NULL there makes the result NULL;
 * <li>{@code (a, b) IN ((1, 2), (3, 4))} is the OR of the rows' equalities, NOT IN the AND of their
 * {@code <>};
 * <li>{@code (a, b) IS NULL} holds when every field is NULL, {@code IS NOT NULL} when none is.
 * </ul>
 */
final class RowComparisons {

    /** The operators a row comparison may use. */
    static final java.util.Set<String> COMPARISONS = java.util.Set.of("=", "<>", "!=", "<", "<=", ">", ">=");

    private RowComparisons() {
    }

    /** The operator applied to the rows' first fields (what decides how an operator on rows is refused). */
    static Expr.Operator firstPair(Expr.Operator o) {
        List<List<Expr>> sides = sides(o);
        return new Expr.Operator(o.name(), sides.get(0).getFirst(), sides.get(1).getFirst(), o.position());
    }

    /** Both rows' fields, of equal and non-zero number. */
    private static List<List<Expr>> sides(Expr.Operator o) {
        List<Expr> left = fields(o.left(), o.position());
        List<Expr> right = fields(o.right(), o.position());
        if (left.size() != right.size()) {
            throw SqlException.at("42601", "unequal number of entries in row expressions", o.position());
        }
        if (left.isEmpty()) {
            throw SqlException.at("0A000", "cannot compare rows of zero length", o.position());
        }
        return List.of(left, right);
    }

    /** Whether this operator compares rows field by field (both sides are row constructors). */
    static boolean isRowComparison(Expr.Operator o) {
        // Otherwise a row constructor is a record value, compared by the record operators (record_eq, ...);
        // a row against a subquery (a ROWCOMPARE sublink) is not supported yet.
        return o.left() instanceof Expr.RowConstructor && o.right() instanceof Expr.RowConstructor
                || o.left() instanceof Expr.RowConstructor && o.right() instanceof Expr.SubLink
                || o.left() instanceof Expr.SubLink && o.right() instanceof Expr.RowConstructor;
    }

    static Expr comparison(Expr.Operator o) {
        List<List<Expr>> sides = sides(o);
        List<Expr> left = sides.get(0);
        List<Expr> right = sides.get(1);
        int p = o.position();
        switch (o.name()) {
            case "=" -> {
                return and(pairs(left, right, "=", p), p);
            }
            case "<>", "!=" -> {
                return or(pairs(left, right, "<>", p), p);
            }
            case "<", "<=", ">", ">=" -> {
                String strict = o.name().substring(0, 1);
                // a OP1 c OR (a = c AND (b OP1 d OR (b = d AND ... last OP last))), built from the end.
                int n = left.size();
                Expr result = new Expr.Operator(o.name(), left.get(n - 1), right.get(n - 1), p);
                for (int i = n - 2; i >= 0; i--) {
                    Expr less = new Expr.Operator(strict, left.get(i), right.get(i), p);
                    Expr equal = new Expr.Operator("=", left.get(i), right.get(i), p);
                    result = or(List.of(less, and(List.of(equal, result), p)), p);
                }
                if (n > 1) {
                    // The first pair decides unless equal, so a OP= c holds whenever the comparison does (and is
                    // NULL when it is NULL): said again as a conjunct, it lets a btree on (a, ...) scan a range,
                    // which is how keyset pagination ((a, b) > (1, 2) ORDER BY a, b) is written.
                    Expr bound = new Expr.Operator(strict + "=", left.getFirst(), right.getFirst(), p);
                    result = and(List.of(bound, result), p);
                }
                return result;
            }
            default -> throw SqlException.at("42883", "operator " + o.name() + " is not supported for row expressions",
                    o.position());
        }
    }

    /** {@code row [NOT] IN (row, ...)}. */
    static Expr inList(Expr.InList in) {
        List<Expr> alternatives = new ArrayList<>();
        for (Expr item : in.list()) {
            alternatives.add(comparison(new Expr.Operator(in.negated() ? "<>" : "=", in.arg(), item, in.position())));
        }
        return in.negated() ? and(alternatives, in.position()) : or(alternatives, in.position());
    }

    /**
     * {@code row IS [NOT] DISTINCT FROM row} (make_row_distinct_op): the OR of the fields' IS DISTINCT FROM,
     * NOT of it for IS NOT DISTINCT FROM.
     */
    static Expr distinct(Expr.DistinctFrom d) {
        List<Expr> left = fields(d.left(), d.position());
        List<Expr> right = fields(d.right(), d.position());
        if (left.size() != right.size()) {
            throw SqlException.at("42601", "unequal number of entries in row expressions", d.position());
        }
        List<Expr> pairs = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            pairs.add(new Expr.DistinctFrom(left.get(i), right.get(i), false, d.position()));
        }
        Expr any = pairs.isEmpty() ? new Expr.Literal(Expr.LiteralKind.BOOLEAN, "f", d.position())
                : or(pairs, d.position());
        return d.negated() ? new Expr.BoolExpr(Expr.BoolOp.NOT, List.of(any), d.position()) : any;
    }

    /** {@code row IS [NOT] NULL}: every field NULL, or every field not NULL. */
    static Expr nullTest(Expr.NullTest test) {
        List<Expr> tests = new ArrayList<>();
        for (Expr f : ((Expr.RowConstructor) test.arg()).fields()) {
            tests.add(new Expr.NullTest(f, test.negated(), test.position()));
        }
        return tests.isEmpty() ? new Expr.Literal(Expr.LiteralKind.BOOLEAN, "t", test.position())
                : and(tests, test.position());
    }

    private static List<Expr> fields(Expr e, int position) {
        if (e instanceof Expr.RowConstructor r) {
            return r.fields();
        }
        throw SqlException.at("0A000", "comparing a row with a value that is not a row constructor is not supported yet",
                position);
    }

    private static List<Expr> pairs(List<Expr> left, List<Expr> right, String op, int position) {
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            out.add(new Expr.Operator(op, left.get(i), right.get(i), position));
        }
        return out;
    }

    private static Expr and(List<Expr> args, int position) {
        return args.size() == 1 ? args.getFirst() : new Expr.BoolExpr(Expr.BoolOp.AND, args, position);
    }

    private static Expr or(List<Expr> args, int position) {
        return args.size() == 1 ? args.getFirst() : new Expr.BoolExpr(Expr.BoolOp.OR, args, position);
    }
}

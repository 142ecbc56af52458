package org.tusk.sql.eval;

import org.tusk.sql.ast.Expr;

/**
 * Where an error about a whole expression points: its leftmost position, as PostgreSQL's
 * exprLocation() reports for operator and function expressions (so "1 + 1" is reported at the first
 * "1", not at the "+").
 */
public final class Locations {

    private Locations() {
    }

    public static int leftmost(Expr e) {
        if (e == null) {
            return -1;
        }
        return switch (e) {
            case Expr.Operator o -> min(o.position(), leftmost(o.left()));
            case Expr.BoolExpr b -> b.op() == Expr.BoolOp.NOT ? b.position()
                    : min(b.position(), leftmost(b.args().getFirst()));
            case Expr.NullTest n -> min(n.position(), leftmost(n.arg()));
            case Expr.BooleanTest b -> min(b.position(), leftmost(b.arg()));
            case Expr.DistinctFrom d -> min(d.position(), leftmost(d.left()));
            case Expr.Between b -> min(b.position(), leftmost(b.arg()));
            case Expr.InList i -> min(i.position(), leftmost(i.arg()));
            case Expr.Like l -> min(l.position(), leftmost(l.arg()));
            case Expr.TypeCast t -> min(t.position(), leftmost(t.arg()));
            case Expr.SubLink l -> l.test() == null ? l.position() : min(l.position(), leftmost(l.test()));
            case Expr.ArrayCompare a -> min(a.position(), leftmost(a.left()));
            case Expr.Subscript s -> min(s.position(), leftmost(s.arg()));
            default -> e.position();
        };
    }

    /** The smaller of two positions, ignoring unknown (-1) ones. */
    private static int min(int a, int b) {
        if (a < 0) {
            return b;
        }
        if (b < 0) {
            return a;
        }
        return Math.min(a, b);
    }
}

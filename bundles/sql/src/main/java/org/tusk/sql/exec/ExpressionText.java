package org.tusk.sql.exec;

import java.util.List;
import java.util.stream.Collectors;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.types.EnumLabels;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeOutput;

/**
 * Expressions as EXPLAIN prints them (ruleutils.c's deparse, in outline): operators in parentheses,
 * string constants with their type, columns qualified by their range-table name when asked.
 */
public final class ExpressionText {

    private ExpressionText() {
    }

    public static String of(Expression e, boolean qualify) {
        return of(e, qualify, null);
    }

    /**
     * As a scan node prints its conditions: its own columns qualified only when {@code qualify}, any
     * other relation's (an outer row's) always, as ruleutils prints a parameter's referent.
     */
    public static String of(Expression e, boolean qualify, org.tusk.sql.eval.RowSlot own) {
        return switch (e) {
            case Expression.Var v -> (qualify || (own != null && v.slot() != own) ? v.slot().name() + "." : "")
                    + v.name();
            case Expression.Const c -> constant(c);
            case Expression.Param p -> "$" + p.number();
            case Expression.Call c -> call(c, qualify, own);
            case Expression.Cast c -> c.arg() instanceof Expression.Const k ? foldedCast(c, k, qualify, own)
                    : "(" + of(c.arg(), qualify, own) + ")::" + EnumLabels.displayName(c.type(), c.typmod());
            case Expression.BoolOp b -> "(" + b.args().stream().map(a -> of(a, qualify, own))
                    .collect(Collectors.joining(b.and() ? " AND " : " OR ")) + ")";
            case Expression.Not n -> "(NOT " + of(n.arg(), qualify, own) + ")";
            case Expression.IsNull n -> "(" + of(n.arg(), qualify, own) + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
            case Expression.SubPlan s -> s.body() instanceof ExplainedSubPlan x
                    ? (x.hashed() ? "(hashed SubPlan " : "(SubPlan ") + x.number() + ")" : "(SubPlan)";
            case Expression.Shared s when org.tusk.sql.eval.InList.of(s) != null ->
                    anyArray(org.tusk.sql.eval.InList.of(s), qualify, own);
            case Expression.ScalarArrayOp a -> "(" + of(a.left(), qualify, own) + " " + a.op().name()
                    + (a.useOr() ? " ANY (" : " ALL (") + of(a.array(), qualify, own) + "))";
            case Expression.ArrayExpr a -> arrayExpr(a, qualify, own);
            default -> "(" + e.getClass().getSimpleName().toLowerCase() + ")";
        };
    }

    /**
     * ARRAY[...] as the planner leaves it: folded into one array constant when every element is a
     * constant (or a conversion of one), as eval_const_expressions does, else {@code ARRAY[e1, e2]}.
     */
    private static String arrayExpr(Expression.ArrayExpr a, boolean qualify, org.tusk.sql.eval.RowSlot own) {
        List<Object> values = new java.util.ArrayList<>();
        for (Expression item : a.elements()) {
            Expression.Const k = item instanceof Expression.Const c ? c
                    : item instanceof Expression.Cast c && c.arg() instanceof Expression.Const kc ? folded(c, kc) : null;
            if (k == null || k.type() == a.type()) {
                values = null; // a nested array: printed as written
                break;
            }
            values.add(k.value());
        }
        if (values != null) {
            return constant(new Expression.Const(a.type(), -1, new org.tusk.sql.types.ArrayValue(1, values), -1));
        }
        return "ARRAY[" + a.elements().stream().map(i -> of(i, qualify, own)).collect(Collectors.joining(", ")) + "]";
    }

    /**
     * An IN list as PostgreSQL shows its ScalarArrayOpExpr: {@code (x = ANY ('{1,2}'::integer[]))} when
     * the items are constants (folded into one array constant), else {@code (x = ANY (ARRAY[...]))}.
     */
    private static String anyArray(org.tusk.sql.eval.InList in, boolean qualify, org.tusk.sql.eval.RowSlot own) {
        SqlType element = in.items().getFirst().type();
        SqlType array = element.arrayType();
        List<Object> values = new java.util.ArrayList<>();
        for (Expression item : in.items()) {
            Expression.Const k = item instanceof Expression.Const c ? c
                    : item instanceof Expression.Cast c && c.arg() instanceof Expression.Const kc ? folded(c, kc) : null;
            if (k == null) {
                values = null;
                break;
            }
            values.add(k.value());
        }
        String arg = of(in.arg(), qualify, own);
        if (values != null && array != null) {
            return "(" + arg + " = ANY (" + constant(new Expression.Const(array, -1,
                    new org.tusk.sql.types.ArrayValue(1, values), -1)) + "))";
        }
        return "(" + arg + " = ANY (ARRAY[" + in.items().stream().map(i -> of(i, qualify, own))
                .collect(Collectors.joining(", ")) + "]))";
    }

    /** A conversion of a constant, computed; null if it fails. */
    private static Expression.Const folded(Expression.Cast c, Expression.Const k) {
        try {
            Object v = k.value() == null ? null
                    : org.tusk.sql.types.Casts.convert(k.value(), k.type(), c.type(), c.typmod(), c.explicit(), null);
            return new Expression.Const(c.type(), c.typmod(), v, -1);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The planner folds a conversion of a constant: it shows as a constant of the target type. */
    private static String foldedCast(Expression.Cast c, Expression.Const k, boolean qualify,
            org.tusk.sql.eval.RowSlot own) {
        try {
            Object v = k.value() == null ? null
                    : org.tusk.sql.types.Casts.convert(k.value(), k.type(), c.type(), c.typmod(), c.explicit(), null);
            return constant(new Expression.Const(c.type(), c.typmod(), v, -1));
        } catch (RuntimeException e) {
            return "(" + of(k, qualify, own) + ")::" + EnumLabels.displayName(c.type(), c.typmod());
        }
    }

    /** get_const_expr: plain digits for int4 and decimal numerics, else a quoted literal with its type. */
    private static String constant(Expression.Const c) {
        if (c.value() == null) {
            return "NULL::" + EnumLabels.displayName(c.type(), c.typmod());
        }
        String text = TypeOutput.format(c.type(), c.value(), null);
        boolean negative = text.startsWith("-");
        if (c.type() == SqlType.INT4 && !negative) {
            return text;
        }
        if (c.type() == SqlType.NUMERIC && !negative && text.contains(".") && c.typmod() < 0) {
            return text;
        }
        if (c.type() == SqlType.BOOL) {
            return (Boolean) c.value() ? "true" : "false";
        }
        return "'" + text.replace("'", "''") + "'::" + EnumLabels.displayName(c.type(), c.typmod());
    }

    private static String call(Expression.Call c, boolean qualify, org.tusk.sql.eval.RowSlot own) {
        String name = c.routine().name();
        boolean operator = !name.isEmpty() && !Character.isLetter(name.charAt(0)) && name.charAt(0) != '_';
        if (operator && c.args().size() == 2) {
            return "(" + of(c.args().get(0), qualify, own) + " " + name + " " + of(c.args().get(1), qualify, own) + ")";
        }
        if (operator && c.args().size() == 1) {
            return "(" + name + " " + of(c.args().getFirst(), qualify, own) + ")";
        }
        return name + "(" + c.args().stream().map(a -> of(a, qualify, own)).collect(Collectors.joining(", ")) + ")";
    }

    public static String list(List<Expression> exprs, boolean qualify) {
        return exprs.stream().map(e -> of(e, qualify)).collect(Collectors.joining(", "));
    }

    /** Conditions joined with AND, each parenthesized, as a Hash Cond prints them. */
    public static String conjunction(List<Expression> exprs, boolean qualify) {
        if (exprs.size() == 1) {
            return of(exprs.getFirst(), qualify);
        }
        return "(" + exprs.stream().map(e -> of(e, qualify)).collect(Collectors.joining(" AND ")) + ")";
    }
}

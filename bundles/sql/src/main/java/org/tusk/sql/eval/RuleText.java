package org.tusk.sql.eval;

import java.util.List;

import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeOutput;

/**
 * An analyzed expression printed back as SQL, the way ruleutils.c's get_rule_expr prints a stored expression
 * tree for pg_get_expr, pg_get_constraintdef and psql's {@code \d}: constants with their type unless it is
 * integer, a plain-looking numeric or boolean ({@code 'x'::text}, {@code 0}), implicit conversions left out,
 * explicit ones as {@code ::type}, function calls as {@code name(args)}.
 *
 * <p>Parentheses follow the two modes of ruleutils: without pretty-printing every operator, AND/OR and NOT is
 * wrapped in its own parentheses ({@code ((qty > 0) AND (qty < 9))}), so the text re-parses to the same tree
 * whatever the precedences; with it (PRETTY_PAREN) a sub-expression is parenthesized only where isSimpleNode
 * says the reader needs it ({@code qty > 0 AND qty < 9}, {@code (a + b) * c}).
 *
 * <p>A node this printer does not know raises {@link Unsupported}; callers then fall back to the stored text.
 */
final class RuleText {

    /** An expression this printer cannot print as PostgreSQL would. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    private final boolean pretty;
    private final EvalContext ctx;
    /** Whether columns are printed with their table's name or alias (a view's query), or bare (pg_get_expr). */
    private final boolean qualify;
    /**
     * ruleutils' indentLevel: where a CASE's lines start. Every caller prints with PRETTYFLAG_INDENT, as
     * PostgreSQL's pg_get_expr, pg_get_constraintdef and pg_get_viewdef do; a view's expressions sit in a
     * SELECT, whose clauses are indented by PRETTYINDENT_STD.
     */
    private int indent;

    private RuleText(boolean pretty, EvalContext ctx, boolean qualify) {
        this.pretty = pretty;
        this.ctx = ctx;
        this.qualify = qualify;
        this.indent = qualify ? PRETTYINDENT_STD : 0;
    }

    /** ruleutils' PRETTYINDENT_STD and PRETTYINDENT_VAR. */
    static final int PRETTYINDENT_STD = 8;
    private static final int PRETTYINDENT_VAR = 4;

    /** {@code e} as pg_get_expr prints it; {@code ctx} resolves reg* constants (regclass names). */
    static String of(Expression e, boolean pretty, EvalContext ctx) {
        return of(e, pretty, ctx, false);
    }

    /** {@code e} with its columns qualified by their tables' names when {@code qualify} (pg_get_viewdef). */
    static String of(Expression e, boolean pretty, EvalContext ctx, boolean qualify) {
        StringBuilder b = new StringBuilder();
        new RuleText(pretty, ctx, qualify).expr(b, e);
        return b.toString();
    }

    private void expr(StringBuilder b, Expression e) {
        switch (e) {
            case Expression.Var v when v.slot().name().equals(DomainValues.SLOT) -> b.append("VALUE");
            case Expression.Var v -> {
                if (qualify) {
                    b.append(Keywords.quoteIdentifier(v.slot().name())).append('.');
                }
                b.append(Keywords.quoteIdentifier(v.name()));
            }
            case Expression.Const c -> constant(b, c, false);
            case Expression.Cast c -> cast(b, c);
            case Expression.Call c -> call(b, c);
            case Expression.BoolOp o -> {
                openParen(b);
                for (int i = 0; i < o.args().size(); i++) {
                    if (i > 0) {
                        b.append(o.and() ? " AND " : " OR ");
                    }
                    child(b, o.args().get(i), e);
                }
                closeParen(b);
            }
            case Expression.Not n -> {
                openParen(b);
                b.append("NOT ");
                child(b, n.arg(), e);
                closeParen(b);
            }
            case Expression.IsNull n -> {
                openParen(b);
                child(b, n.arg(), e);
                b.append(n.negated() ? " IS NOT NULL" : " IS NULL");
                closeParen(b);
            }
            case Expression.DistinctFrom d when d.negated() -> {
                // IS NOT DISTINCT FROM is NOT over a DistinctExpr in PostgreSQL's tree
                openParen(b);
                b.append("NOT ");
                child(b, new Expression.DistinctFrom(d.left(), d.right(), d.equals(), false), e);
                closeParen(b);
            }
            case Expression.DistinctFrom d -> {
                openParen(b);
                child(b, d.left(), e);
                b.append(" IS DISTINCT FROM ");
                child(b, d.right(), e);
                closeParen(b);
            }
            case Expression.Case c -> caseExpr(b, c, null);
            case Expression.Shared s when s.body() instanceof Expression.Case c -> caseExpr(b, c, s);
            default -> throw new Unsupported(e.getClass().getSimpleName());
        }
    }

    /**
     * A CASE as get_rule_expr prints a CaseExpr: each keyword on a line of its own (appendContextKeyword),
     * WHEN and ELSE indented by PRETTYINDENT_VAR under CASE, the ELSE always there (NULL when none was
     * written). A simple CASE ({@code CASE x WHEN 1 ...}) shows its argument once and, of each WHEN's
     * implied {@code x = value}, the value.
     */
    private void caseExpr(StringBuilder b, Expression.Case c, Expression.Shared simple) {
        keyword(b, "CASE", 0, PRETTYINDENT_VAR, 0);
        if (simple != null) {
            b.append(' ');
            expr(b, simple.source());
        }
        for (Expression.When w : c.whens()) {
            keyword(b, "WHEN ", 0, 0, 0);
            Expression condition = w.condition();
            if (simple != null) {
                if (!(condition instanceof Expression.Call eq) || eq.args().size() != 2
                        || !isSlot(eq.args().getFirst(), simple.slot())) {
                    throw new Unsupported("simple CASE condition");
                }
                condition = eq.args().get(1);
            }
            expr(b, condition);
            b.append(" THEN ");
            expr(b, w.result());
        }
        keyword(b, "ELSE ", 0, 0, 0);
        expr(b, c.otherwise());
        keyword(b, "END", -PRETTYINDENT_VAR, 0, 0);
    }

    private static boolean isSlot(Expression e, Expression.Slot slot) {
        return e == slot || e instanceof Expression.Cast c && c.arg() == slot;
    }

    /**
     * appendContextKeyword: trailing blanks dropped, a new line indented to the current level (plus
     * {@code plus}), the keyword; the level moves by {@code before} first and {@code after} afterwards.
     */
    private void keyword(StringBuilder b, String word, int before, int after, int plus) {
        while (!b.isEmpty() && b.charAt(b.length() - 1) == ' ') {
            b.setLength(b.length() - 1);
        }
        indent += before;
        b.append('\n').append(" ".repeat(Math.max(indent, 0) + plus)).append(word);
        indent += after;
    }

    /** Non-pretty mode: an operator-like node's own parentheses. */
    private void openParen(StringBuilder b) {
        if (!pretty) {
            b.append('(');
        }
    }

    private void closeParen(StringBuilder b) {
        if (!pretty) {
            b.append(')');
        }
    }

    /** get_rule_expr_paren: in pretty mode, parentheses where the child is not simple under its parent. */
    private void child(StringBuilder b, Expression child, Expression parent) {
        boolean paren = pretty && !simple(child, parent);
        if (paren) {
            b.append('(');
        }
        expr(b, child);
        if (paren) {
            b.append(')');
        }
    }

    private static boolean isOperator(Expression e) {
        return e instanceof Expression.Call c && operatorName(c) != null;
    }

    /** The operator symbol of a call of an operator, null for a function call. */
    private static String operatorName(Expression.Call c) {
        String name = c.routine().name();
        boolean symbol = !name.isEmpty() && !Character.isLetter(name.charAt(0)) && name.charAt(0) != '_';
        return symbol && (c.args().size() == 1 || c.args().size() == 2) ? name : null;
    }

    /** ruleutils' isSimpleNode, for the nodes printed here. */
    private static boolean simple(Expression node, Expression parent) {
        if (isOperator(node)) {
            if (isOperator(parent)) {
                String op = operatorName((Expression.Call) node);
                String parentOp = operatorName((Expression.Call) parent);
                if (((Expression.Call) node).args().size() != 2 || ((Expression.Call) parent).args().size() != 2) {
                    return false;
                }
                boolean low = op.equals("+") || op.equals("-");
                boolean high = op.equals("*") || op.equals("/") || op.equals("%");
                boolean lowParent = parentOp.equals("+") || parentOp.equals("-");
                boolean highParent = parentOp.equals("*") || parentOp.equals("/") || parentOp.equals("%");
                if (!(low || high) || !(lowParent || highParent)) {
                    return false;
                }
                if (high && lowParent) {
                    return true;
                }
                if (low && highParent) {
                    return false;
                }
                // Same priority: (a - b) - c needs none, a - (b - c) does.
                return ((Expression.Call) parent).args().getFirst() == node;
            }
            return enclosedBy(parent);
        }
        if (node instanceof Expression.IsNull) {
            return enclosedBy(parent);
        }
        char kind = boolKind(node);
        if (kind != 0) {
            char parentKind = boolKind(parent);
            if (parentKind != 0) {
                // NOT and AND bind tighter than AND and OR; OR only under OR needs no parentheses.
                return kind == 'o' ? parentKind == 'o' : parentKind == 'a' || parentKind == 'o';
            }
            return !(parent instanceof Expression.BoolOp || parent instanceof Expression.Not) && enclosedBy(parent);
        }
        return true;
    }

    /** 'a' for AND, 'o' for OR, 'n' for NOT (all BoolExpr in PostgreSQL), 0 for anything else. */
    private static char boolKind(Expression e) {
        return e instanceof Expression.BoolOp o ? (o.and() ? 'a' : 'o') : e instanceof Expression.Not ? 'n' : 0;
    }

    /**
     * Whether {@code parent} sets its argument apart by itself (a function call's parentheses, AND/OR/NOT's lower
     * precedence, CASE's keywords), so an operator argument needs no parentheses of its own; a conversion's
     * {@code ::} binds tighter than any operator, so it does.
     */
    private static boolean enclosedBy(Expression parent) {
        return switch (parent) {
            case Expression.Cast c -> false;
            case Expression.Call c -> operatorName(c) == null;
            case Expression.BoolOp o -> true;
            case Expression.Not n -> true;
            case Expression.ArrayExpr a -> true;
            case Expression.Case c -> true;
            case Expression.Coalesce c -> true;
            case Expression.MinMax m -> true;
            case Expression.NullIf n -> true;
            default -> false;
        };
    }

    /**
     * generate_function_name: the name qualified with its schema when the search path would not find it, so
     * that pg_dump's output (search_path = '') names an extension's function public.uuid_generate_v4(). A
     * function of pg_catalog, or one Tusk has no pg_proc row for, is printed as it is.
     */
    private String functionName(String name) {
        org.tusk.sql.catalog.RelationCache cache = ctx != null && ctx.db() != null
                && ctx.db().catalog() instanceof org.tusk.sql.catalog.RelationCache rc ? rc : null;
        if (cache == null) {
            return name;
        }
        List<org.tusk.sql.catalog.CatalogRow> procs = cache.tables().rows(
                org.tusk.sql.catalog.CatalogDefinitions.PG_PROC, p -> p.text("proname").equals(name));
        if (procs.isEmpty() || procs.stream().anyMatch(
                p -> p.oid("pronamespace") == org.tusk.sql.catalog.CatalogOids.PG_CATALOG_NAMESPACE)) {
            return name;
        }
        List<String> path = cache.searchPath();
        for (org.tusk.sql.catalog.CatalogRow p : procs) {
            if (path.contains(cache.namespaceName(p.oid("pronamespace")))) {
                return name;
            }
        }
        return org.tusk.sql.lexer.Keywords.quoteIdentifier(cache.namespaceName(procs.getFirst().oid("pronamespace")))
                + "." + name;
    }

    private void call(StringBuilder b, Expression.Call c) {
        String op = operatorName(c);
        if (op == null) {
            if (c.args().isEmpty() && c.routine().name().equals("count")) {
                b.append("count(*)"); // an aggregate of a view (ViewDefinitions): no function count() exists
                return;
            }
            b.append(functionName(c.routine().name())).append('(');
            for (int i = 0; i < c.args().size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                expr(b, shownCast(c.args().get(i)));
            }
            b.append(')');
            return;
        }
        openParen(b);
        if (c.args().size() == 1) {
            b.append(op).append(' ');
            child(b, shownCast(c.args().getFirst()), c);
        } else {
            child(b, shownCast(c.args().get(0)), c);
            b.append(' ').append(op).append(' ');
            child(b, shownCast(c.args().get(1)), c);
        }
        closeParen(b);
    }

    /**
     * An operator's or function's argument, which ruleutils prints with showimplicit: an implicit conversion
     * between numeric types (an integer to numeric, an integer or numeric to a float) is a function cast in
     * PostgreSQL and prints as one, {@code (0)::numeric}, as pg_dump shows it in a CHECK on a numeric column.
     * Other implicit conversions stay hidden: PostgreSQL's are relabelings or cross-type operators there.
     */
    private static Expression shownCast(Expression e) {
        if (e instanceof Expression.Cast c && !c.explicit() && numericWidening(c.arg().type(), c.type())) {
            return new Expression.Cast(c.arg(), c.type(), c.typmod(), true);
        }
        return e;
    }

    private static boolean numericWidening(SqlType from, SqlType to) {
        boolean integer = from == SqlType.INT2 || from == SqlType.INT4 || from == SqlType.INT8;
        return integer && (to == SqlType.NUMERIC || to == SqlType.FLOAT4 || to == SqlType.FLOAT8)
                || (from == SqlType.NUMERIC || from == SqlType.FLOAT4) && to == SqlType.FLOAT8
                || from == SqlType.NUMERIC && to == SqlType.FLOAT4;
    }

    /**
     * A conversion. The parser turns a quoted literal into a constant of the type it is converted to, so such
     * a conversion prints as that constant; an implicit conversion of anything else is not printed
     * (COERCE_IMPLICIT_CAST); an explicit one is {@code arg::type}, the argument in parentheses unless pretty.
     */
    private void cast(StringBuilder b, Expression.Cast c) {
        if (c.arg() instanceof Expression.Const k && k.type() == SqlType.UNKNOWN) {
            Object v = k.value() == null ? null
                    : org.tusk.sql.types.Casts.convert(k.value(), k.type(), c.type(), c.typmod(), c.explicit(), ctx);
            constant(b, new Expression.Const(c.type(), c.typmod(), v, -1), false);
            return;
        }
        if (!c.explicit()) {
            // Not printed, but it is a node: an operator under it keeps its parentheses when pretty.
            child(b, c.arg(), c);
            return;
        }
        if (c.arg() instanceof Expression.Const k && k.type() == c.type() && k.typmod() < 0) {
            constant(b, k, true);
        } else {
            if (!pretty) {
                b.append('(');
            }
            child(b, c.arg(), c);
            if (!pretty) {
                b.append(')');
            }
        }
        b.append("::").append(typeName(c.type(), c.typmod()));
    }

    /** get_const_expr: integers and plain numerics bare, booleans as true/false, the rest quoted with a type. */
    private void constant(StringBuilder b, Expression.Const c, boolean noType) {
        if (c.value() == null) {
            b.append("NULL");
            if (!noType) {
                b.append("::").append(typeName(c.type(), c.typmod()));
            }
            return;
        }
        String text = TypeOutput.format(c.type(), c.value(), ctx);
        switch (c.type()) {
            case INT4 -> {
                if (!text.startsWith("-")) {
                    b.append(text);
                } else {
                    b.append('\'').append(text).append('\'');
                    if (!noType) {
                        b.append("::integer");
                    }
                }
                return;
            }
            case NUMERIC -> {
                // Bare only when it reads back as a numeric: digits with a point. Digits alone would read as an
                // integer, so PostgreSQL quotes them ('1000000000000'::numeric), as it quotes a sign or NaN.
                if (!text.startsWith("-") && text.contains(".") && !text.equals("NaN")) {
                    b.append(text);
                    return;
                }
            }
            case BOOL -> {
                b.append((Boolean) c.value() ? "true" : "false");
                return;
            }
            default -> {
            }
        }
        b.append('\'').append(text.replace("'", "''")).append('\'');
        if (!noType && c.type() != SqlType.UNKNOWN) {
            b.append("::").append(typeName(c.type(), c.typmod()));
        }
    }

    private static String typeName(SqlType type, int typmod) {
        // bit without a length would read back as bit(1): format_type quotes it, as for a typmod of -1 given.
        return type == SqlType.BIT && typmod < 0 ? "\"bit\"" : org.tusk.sql.types.EnumLabels.displayName(type, typmod);
    }
}

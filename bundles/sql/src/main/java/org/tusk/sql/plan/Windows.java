package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Query;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Ordering;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.exec.Sort;
import org.tusk.sql.exec.SortKey;
import org.tusk.sql.exec.WindowAgg;
import org.tusk.sql.exec.WindowFrame;
import org.tusk.sql.exec.WindowFunc;
import org.tusk.sql.eval.Routine;
import org.tusk.sql.types.SqlType;

/**
 * The window functions of one SELECT (parse_agg.c's transformWindowFuncCall and parse_clause.c's
 * transformWindowDefinitions): each call is resolved, its window built from OVER and the WINDOW clause
 * with PostgreSQL's rules for referring to a named window, and calls over equal windows share one
 * {@link WindowAgg}. The calls become columns of that node's slot; {@link #plan} puts a Sort and a
 * WindowAgg per window above the query's FROM, WHERE and aggregation.
 */
final class Windows {

    /** One distinct window and the calls over it. */
    private static final class Clause {
        final List<Expression> partitionBy;
        final List<SortKey> orderBy;
        final WindowFrame frame;
        final List<Object> identity;
        final List<WindowFunc> functions = new ArrayList<>();
        final RowSlot slot;

        Clause(List<Expression> partitionBy, List<SortKey> orderBy, WindowFrame frame, List<Object> identity,
                int number) {
            this.partitionBy = partitionBy;
            this.orderBy = orderBy;
            this.frame = frame;
            this.identity = identity;
            this.slot = new RowSlot("*WINDOW" + number + "*");
        }
    }

    private final Map<String, Query.WindowDef> named = new HashMap<>();
    private final List<Clause> clauses = new ArrayList<>();
    private boolean inWindow;
    /** A clause being analyzed where aggregates may stand but window functions may not (HAVING), or null. */
    String forbidden;

    /** The SELECT's WINDOW clause; a name defined twice is an error. */
    Windows(List<Query.WindowDef> definitions) {
        for (Query.WindowDef d : definitions) {
            if (named.putIfAbsent(d.name(), d) != null) {
                throw SqlException.at("42P20", "window \"" + d.name() + "\" is already defined",
                        d.spec().position());
            }
        }
        // Each definition that refers to another must follow the rules a reference in OVER follows.
        for (Query.WindowDef d : definitions) {
            if (d.spec().refName() != null) {
                merged(d.spec());
            }
        }
    }

    boolean isEmpty() {
        return clauses.isEmpty();
    }

    /**
     * A window function call in the select list or ORDER BY: checked, resolved and added to its window;
     * the result is the column of the window's slot that will hold its value.
     *
     * @param context where the call stands if that is not allowed (WHERE, GROUP BY, ...), else null
     */
    Expression call(Expr.WindowCall call, Analyzer analyzer, String context, boolean inAggregate) {
        if (context != null) {
            String where = context.startsWith("FROM") ? "functions in FROM" : context;
            throw SqlException.at("42P20", "window functions are not allowed in " + where, call.position());
        }
        if (inAggregate) {
            throw SqlException.at("42803", "aggregate function calls cannot contain window function calls",
                    call.position());
        }
        if (inWindow) {
            throw SqlException.at("42P20", "window function calls cannot be nested", call.position());
        }
        inWindow = true;
        try {
            WindowFunc f = function(call, analyzer);
            Clause clause;
            String outer = forbidden;
            forbidden = "window definitions";
            inWindow = false;
            try {
                clause = clause(merged(call.window()), analyzer);
            } finally {
                forbidden = outer;
                inWindow = true;
            }
            clause.functions.add(f);
            return new Expression.Var(clause.slot, clause.functions.size() - 1, f.type(), -1, f.name());
        } finally {
            inWindow = false;
        }
    }

    // ---- the function

    private static WindowFunc function(Expr.WindowCall call, Analyzer analyzer) {
        Expr.FuncCall fc = call.call();
        String name = fc.name().getLast();
        boolean builtin = fc.name().size() == 1 || fc.name().size() == 2 && fc.name().getFirst().equals("pg_catalog");
        List<Expression> args = new ArrayList<>();
        for (Expr a : fc.args()) {
            args.add(analyzer.transformOutput(a));
        }
        List<SqlType> types = args.stream().map(Expression::type).toList();
        WindowFunc.Kind kind = builtin ? kind(name) : null;
        if (kind == null) {
            if (builtin && Analyzer.isAggregate(fc.name())) {
                AggregateFunctions.Resolved r = AggregateFunctions.resolve(name, types, fc.star(), fc.position());
                List<Expression> converted = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    converted.add(analyzer.coerceTo(args.get(i), r.argTypes().get(i), -1));
                }
                Expression filter = call.filter() == null ? null : analyzer.transformCondition(call.filter(), "FILTER");
                return new WindowFunc(WindowFunc.Kind.AGGREGATE, name, r.function(), converted, filter, r.result());
            }
            // A plain function (or none at all): its own resolution gives PostgreSQL's 42883 if it is missing.
            analyzer.transform(fc);
            throw SqlException.at("42809", "OVER specified, but " + String.join(".", fc.name())
                    + " is not a window function nor an aggregate function", call.position());
        }
        if (call.filter() != null) {
            throw SqlException.at("0A000", "FILTER is not implemented for non-aggregate window functions",
                    call.position());
        }
        List<SqlType> want = signature(kind, types);
        if (want == null || fc.star()) {
            throw new SqlException(ErrorFields.of("ERROR", "42883", "function "
                    + Routine.signature(name, types) + " does not exist")
                    .hint("No function matches the given name and argument types. "
                            + "You might need to add explicit type casts.")
                    .position(fc.position()).build());
        }
        List<Expression> converted = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            converted.add(analyzer.coerceTo(args.get(i), want.get(i), -1));
        }
        SqlType result = switch (kind) {
            case ROW_NUMBER, RANK, DENSE_RANK -> SqlType.INT8;
            case PERCENT_RANK, CUME_DIST -> SqlType.FLOAT8;
            case NTILE -> SqlType.INT4;
            default -> want.getFirst();
        };
        return new WindowFunc(kind, name, null, converted, null, result);
    }

    private static WindowFunc.Kind kind(String name) {
        return switch (name) {
            case "row_number" -> WindowFunc.Kind.ROW_NUMBER;
            case "rank" -> WindowFunc.Kind.RANK;
            case "dense_rank" -> WindowFunc.Kind.DENSE_RANK;
            case "percent_rank" -> WindowFunc.Kind.PERCENT_RANK;
            case "cume_dist" -> WindowFunc.Kind.CUME_DIST;
            case "ntile" -> WindowFunc.Kind.NTILE;
            case "lag" -> WindowFunc.Kind.LAG;
            case "lead" -> WindowFunc.Kind.LEAD;
            case "first_value" -> WindowFunc.Kind.FIRST_VALUE;
            case "last_value" -> WindowFunc.Kind.LAST_VALUE;
            case "nth_value" -> WindowFunc.Kind.NTH_VALUE;
            default -> null;
        };
    }

    /** The argument types pg_proc gives the window function for these arguments, or null if none fits. */
    private static List<SqlType> signature(WindowFunc.Kind kind, List<SqlType> types) {
        int n = types.size();
        SqlType value = n == 0 ? null : types.getFirst() == SqlType.UNKNOWN ? SqlType.TEXT : types.getFirst();
        return switch (kind) {
            case ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST -> n == 0 ? List.of() : null;
            case NTILE -> n == 1 && coercible(types.getFirst()) ? List.of(SqlType.INT4) : null;
            case FIRST_VALUE, LAST_VALUE -> n == 1 ? List.of(value) : null;
            case NTH_VALUE -> n == 2 && coercible(types.get(1)) ? List.of(value, SqlType.INT4) : null;
            case LAG, LEAD -> switch (n) {
                case 1 -> List.of(value);
                case 2 -> coercible(types.get(1)) ? List.of(value, SqlType.INT4) : null;
                case 3 -> coercible(types.get(1)) ? List.of(value, SqlType.INT4, value) : null;
                default -> null;
            };
            case AGGREGATE -> null;
        };
    }

    /** Whether an argument may be given where pg_proc says integer. */
    private static boolean coercible(SqlType t) {
        return t == SqlType.INT4 || t == SqlType.INT2 || t == SqlType.UNKNOWN;
    }

    // ---- the window

    /** OVER's window with the named window it refers to folded in (parse_clause.c's rules). */
    private Expr.WindowSpec merged(Expr.WindowSpec spec) {
        if (spec.refName() == null) {
            return spec;
        }
        Query.WindowDef ref = named.get(spec.refName());
        if (ref == null) {
            throw SqlException.at("42704", "window \"" + spec.refName() + "\" does not exist", spec.position());
        }
        Expr.WindowSpec base = merged(ref.spec());
        if (!spec.parenthesized()) {
            return base;
        }
        if (!spec.partitionBy().isEmpty()) {
            throw SqlException.at("42P20", "cannot override PARTITION BY clause of window \"" + spec.refName() + "\"",
                    spec.position());
        }
        if (!spec.orderBy().isEmpty() && !base.orderBy().isEmpty()) {
            throw SqlException.at("42P20", "cannot override ORDER BY clause of window \"" + spec.refName() + "\"",
                    spec.position());
        }
        if (base.frame() != null) {
            throw new SqlException(ErrorFields.of("ERROR", "42P20", "cannot copy window \"" + spec.refName()
                    + "\" because it has a frame clause").hint("Omit the parentheses in this OVER clause.")
                    .position(spec.position()).build());
        }
        return new Expr.WindowSpec(null, true, base.partitionBy(),
                spec.orderBy().isEmpty() ? base.orderBy() : spec.orderBy(), spec.frame(), spec.position());
    }

    /** The clause for this window: an existing equal one, or a new one. */
    private Clause clause(Expr.WindowSpec spec, Analyzer analyzer) {
        List<Expression> partition = new ArrayList<>();
        for (Expr e : spec.partitionBy()) {
            partition.add(analyzer.transformOutput(e));
        }
        List<SortKey> order = new ArrayList<>();
        for (Query.SortBy s : spec.orderBy()) {
            Expression e = analyzer.transformOutput(s.expr());
            if (!Ordering.sortable(e.type())) {
                throw SqlException.at("42883", "could not identify an ordering operator for type "
                        + e.type().displayName(), s.position());
            }
            order.add(new SortKey(e, s.descending(), s.nullsFirst() != null ? s.nullsFirst() : s.descending()));
        }
        for (Expression p : partition) {
            if (!Ordering.sortable(p.type())) {
                throw SqlException.at("42883", "could not identify an ordering operator for type "
                        + p.type().displayName(), -1);
            }
        }
        WindowFrame frame = spec.frame() == null ? WindowFrame.DEFAULT
                : frame(spec.frame(), order, spec.position(), analyzer);
        List<Object> identity = new ArrayList<>();
        partition.forEach(e -> identity.add(Expressions.normalized(e)));
        identity.add("|");
        order.forEach(k -> identity.add(List.of(Expressions.normalized(k.expr()), k.descending(), k.nullsFirst())));
        identity.add(frame.mode());
        identity.add(frame.exclusion());
        for (WindowFrame.Bound b : List.of(frame.start(), frame.end())) {
            identity.add(b.kind());
            identity.add(b.offset() == null ? "" : Expressions.normalized(b.offset()));
        }
        for (Clause c : clauses) {
            if (c.identity.equals(identity)) {
                return c;
            }
        }
        Clause c = new Clause(partition, order, frame, identity, clauses.size() + 1);
        clauses.add(c);
        return c;
    }

    private static WindowFrame frame(Expr.WindowFrame f, List<SortKey> order, int position, Analyzer analyzer) {
        WindowFrame.Mode mode = WindowFrame.Mode.valueOf(f.mode().name());
        boolean hasOffset = f.start().offset() != null || f.end().offset() != null;
        if (mode == WindowFrame.Mode.GROUPS && order.isEmpty()) {
            throw SqlException.at("42P20", "GROUPS mode requires an ORDER BY clause", position);
        }
        SqlType key = null;
        if (mode == WindowFrame.Mode.RANGE && hasOffset) {
            if (order.size() != 1) {
                throw SqlException.at("42P20",
                        "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column", position);
            }
            key = order.getFirst().expr().type();
        }
        String what = mode.name();
        return new WindowFrame(mode, bound(f.start(), what, key, analyzer), bound(f.end(), what, key, analyzer),
                WindowFrame.Exclusion.valueOf(f.exclusion().name()));
    }

    /**
     * One end of a frame; a RANGE offset ({@code rangeKey} its ORDER BY key's type) must be of a type an
     * in_range function takes with that key, found as PostgreSQL finds it: without casting the offset.
     */
    private static WindowFrame.Bound bound(Expr.FrameBound b, String mode, SqlType rangeKey, Analyzer analyzer) {
        WindowFrame.BoundKind kind = WindowFrame.BoundKind.valueOf(b.kind().name());
        if (b.offset() == null) {
            return new WindowFrame.Bound(kind, null);
        }
        Expression e = analyzer.transform(b.offset());
        int position = org.tusk.sql.eval.Locations.leftmost(b.offset());
        Expressions.walk(e, x -> {
            if (x instanceof Expression.Var) {
                throw SqlException.at("42P10", "argument of " + mode + " must not contain variables", position);
            }
        });
        if (rangeKey == null) {
            return new WindowFrame.Bound(kind, analyzer.coerceTo(e, SqlType.INT8, -1));
        }
        SqlType offsetType = WindowAgg.rangeOffsetType(rangeKey, e.type());
        if (offsetType == null) {
            throw new SqlException(ErrorFields.of("ERROR", "0A000",
                    "RANGE with offset PRECEDING/FOLLOWING is not supported for column type "
                            + rangeKey.displayName() + " and offset type " + e.type().displayName())
                    .hint("Cast the offset value to an appropriate type.").position(position).build());
        }
        return new WindowFrame.Bound(kind, analyzer.coerceTo(e, offsetType, -1));
    }

    // ---- the plan

    /**
     * A Sort (when the window has keys) and a WindowAgg per window over {@code input}; {@code above}
     * rewrites the windows' expressions for what they read (the aggregation's output in a grouped query).
     */
    PlanNode plan(PlanNode input, UnaryOperator<Expression> above) {
        PlanNode node = input;
        List<SortKey> sortedBy = null;
        for (Clause c : clauses) {
            List<Expression> partition = c.partitionBy.stream().map(above).toList();
            List<SortKey> order = c.orderBy.stream()
                    .map(k -> new SortKey(above.apply(k.expr()), k.descending(), k.nullsFirst())).toList();
            List<WindowFunc> functions = c.functions.stream().map(f -> new WindowFunc(f.kind(), f.name(),
                    f.aggregate(), f.args().stream().map(above).toList(),
                    f.filter() == null ? null : above.apply(f.filter()), f.type())).toList();
            List<SortKey> keys = new ArrayList<>();
            partition.forEach(e -> keys.add(new SortKey(e, false, false)));
            keys.addAll(order);
            if (!keys.isEmpty() && !keys.equals(sortedBy)) {
                node = new Sort(node, keys);
                sortedBy = keys;
            }
            node = new WindowAgg(node, partition, order, c.frame, functions, c.slot);
        }
        return node;
    }
}

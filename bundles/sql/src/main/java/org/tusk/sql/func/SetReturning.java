package org.tusk.sql.func;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Query;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Routine;
import org.tusk.sql.eval.RowValues;
import org.tusk.sql.exec.FunctionScan;
import org.tusk.sql.exec.ProjectSet;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.RecordValue;
import org.tusk.sql.types.RowType;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeCatalog;

/**
 * Where the planner meets user-defined set-returning and row-returning functions: a call analyzed like any
 * function call is recognised here and turned into a function scan (in FROM) or a set-returning select-list
 * item (a ProjectSet), as PostgreSQL plans a call of a proretset function. In FROM a function returning a row
 * (OUT columns, a composite type, or {@code record} with the call's column definition list) gives one column
 * per field, as addRangeTableEntryForFunction expands it.
 */
public final class SetReturning {
    private SetReturning() {
    }

    /**
     * A function in FROM: its arguments, row generator and columns ({@code columns} null for a single
     * column named after the function).
     */
    public record Scan(List<Expression> args, FunctionScan.Generator generator, List<String> columns,
            List<SqlType> columnTypes, List<RowType> columnRowTypes) {
        Scan(List<Expression> args, FunctionScan.Generator generator, List<String> columns,
                List<SqlType> columnTypes) {
            this(args, generator, columns, columnTypes, java.util.Collections.nCopies(columnTypes.size(), null));
        }

        /** The composite type of result column {@code i} (OUT or TABLE columns of a composite type), or null. */
        public RowType columnRowType(int i) {
            return i < columnRowTypes.size() ? columnRowTypes.get(i) : null;
        }
    }

    /** The scan for {@code e} if it calls a user function returning a set or rows, else null. */
    public static Scan inFrom(Expression e) {
        return inFrom(e, List.of(), -1);
    }

    /**
     * The scan for {@code e} if it calls a user function returning a set or rows, else null; {@code
     * definitions} is the call's column definition list (empty if none), checked as parse_relation.c does:
     * required for a function returning {@code record}, refused for any other.
     */
    public static Scan inFrom(Expression e, List<Query.ColumnDefinition> definitions, int callPosition) {
        FunctionDefinition d = e instanceof Expression.Call call && call.routine().body() instanceof FunctionCall fc
                ? fc.definition() : null;
        if (!definitions.isEmpty() && (d == null || !d.returnsRecord())) {
            String message = d != null && d.returnsRows() ? "a column definition list is redundant for a function "
                    + "with OUT parameters" : d != null && d.returnsComposite() ? "a column definition list is "
                    + "redundant for a function returning a named composite type"
                    : "a column definition list is only allowed for functions returning \"record\"";
            throw SqlException.at("42601", message, definitions.getFirst().position());
        }
        if (d == null) {
            return null;
        }
        Expression.Call call = (Expression.Call) e;
        FunctionCall fc = (FunctionCall) call.routine().body();
        if (d.returnsRecord()) {
            if (definitions.isEmpty()) {
                throw SqlException.at("42601", "a column definition list is required for functions returning "
                        + "\"record\"", callPosition);
            }
            List<String> names = new ArrayList<>();
            List<SqlType> types = new ArrayList<>();
            for (Query.ColumnDefinition c : definitions) {
                names.add(c.name());
                types.add(TypeCatalog.resolve(c.type()).type());
            }
            RowType expected = new RowType(RowType.RECORD_OID, null, names, types);
            FunctionScan.Generator g = (args, ctx) -> fc.rows(args, ctx, expected).stream()
                    .map(v -> (Object) matchRecord(v, expected, d, ctx)).iterator();
            return new Scan(call.args(), g, names, types);
        }
        if (d.returnsComposite()) {
            RowType rt = d.rowType();
            FunctionScan.Generator g = (args, ctx) -> fc.rows(args, ctx).stream()
                    .map(v -> (Object) (v == null ? new Object[rt.size()] : ((RecordValue) v).values())).iterator();
            return new Scan(call.args(), g, rt.fieldNames(), rt.fieldTypes());
        }
        if (!d.returnsSet() && !d.returnsRows()) {
            return null;
        }
        FunctionScan.Generator g = (args, ctx) -> fc.rows(args, ctx).iterator();
        return d.returnsRows() ? new Scan(call.args(), g, d.columns(), d.columnTypes(), d.columnRowTypes())
                : new Scan(call.args(), g, null, List.of(d.result()));
    }

    /**
     * A row of a function returning {@code record} against the call's column definition list (ExecMakeTableFunctionResult's
     * tupledesc_match; for LANGUAGE sql check_sql_fn_retval's message, as PostgreSQL checks it at the function's
     * startup): the fields converted by assignment to the declared types.
     */
    private static Object[] matchRecord(Object v, RowType expected, FunctionDefinition d, EvalContext ctx) {
        if (v == null) {
            return new Object[expected.size()];
        }
        RecordValue row = (RecordValue) v;
        boolean sql = d.language().equals("sql");
        if (row.size() != expected.size()) {
            throw sql ? sqlMismatch(d, "Final statement returns " + (row.size() < expected.size() ? "too few"
                    : "too many") + " columns.")
                    : new SqlException(ErrorFields.of("ERROR", "42804", "function return row and query-specified "
                            + "return row do not match").detail("Returned row contains " + row.size()
                                    + " attribute" + (row.size() == 1 ? "" : "s") + ", but query expects "
                                    + expected.size() + ".").build());
        }
        Object[] out = new Object[expected.size()];
        for (int i = 0; i < out.length; i++) {
            SqlType from = row.fieldType(i);
            SqlType to = expected.fieldTypes().get(i);
            Casts.Context cast = from == to ? Casts.Context.IMPLICIT : Casts.context(from, to);
            boolean assignable = sql ? cast != null && cast != Casts.Context.EXPLICIT : from == to;
            if (!assignable && from != SqlType.UNKNOWN) {
                throw sql ? sqlMismatch(d, "Final statement returns " + from.displayName() + " instead of "
                        + to.displayName() + " at column " + (i + 1) + ".")
                        : new SqlException(ErrorFields.of("ERROR", "42804", "function return row and "
                                + "query-specified return row do not match").detail("Returned type "
                                        + from.displayName() + " at ordinal position " + (i + 1)
                                        + ", but query expects " + to.displayName() + ".").build());
            }
            Object value = row.get(i);
            out[i] = value == null || from == to ? value : Casts.convert(value, from, to, -1, false, ctx);
        }
        return out;
    }

    private static SqlException sqlMismatch(FunctionDefinition d, String detail) {
        return new SqlException(ErrorFields.of("ERROR", "42P13", "return type mismatch in function declared to "
                + "return record").detail(detail)
                .set(ErrorFields.WHERE, "SQL function \"" + d.name() + "\" during startup").build());
    }

    /**
     * A set-returning user function as a select-list item, else null: the call itself, or a row-valued
     * call under field selections and other calls ({@code (f()).name}), which then run once per row of the
     * function with the call's value in its place.
     */
    public static ProjectSet.SetFunction inSelectList(Expression e) {
        Expression.Call call = setCall(e);
        if (call == null) {
            return null;
        }
        FunctionCall fc = (FunctionCall) call.routine().body();
        FunctionDefinition d = fc.definition();
        if (call == e) {
            return new ProjectSet.SetFunction((args, ctx) -> fc.rows(args, ctx).stream()
                    .map(v -> FunctionCall.asValue(v, d)).iterator(), call.args());
        }
        Current current = new Current(d.rowType());
        Expression outer = replace(e, call, new Expression.Call(new Routine(d.name(), List.of(), call.type(), false,
                current), List.of()));
        return new ProjectSet.SetFunction((args, ctx) -> {
            Iterator<Object> rows = fc.rows(args, ctx).iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Object next() {
                    current.value = FunctionCall.asValue(rows.next(), d);
                    return outer.eval(ctx);
                }
            };
        }, call.args());
    }

    /**
     * What the planner keeps in a set-returning target's place: a NULL of the target's type, carrying the row
     * type of a composite result so that RowDescription names it.
     */
    public static Expression placeholder(Expression e, int position) {
        RowType rt = RowValues.rowTypeOf(e);
        if (rt == null) {
            return new Expression.Const(e.type(), -1, null, position);
        }
        return new Expression.Call(new Routine("row", List.of(), SqlType.RECORD, false, new Current(rt)), List.of());
    }

    /** The set-returning user call {@code e} is, or the one it reaches through calls and casts; else null. */
    private static Expression.Call setCall(Expression e) {
        if (e instanceof Expression.Call c) {
            if (c.routine().body() instanceof FunctionCall fc && fc.definition().returnsSet()) {
                return c;
            }
            Expression.Call found = null;
            for (Expression a : c.args()) {
                Expression.Call inner = setCall(a);
                if (inner != null) {
                    if (found != null) {
                        return null; // two set-returning calls in one item: not handled here
                    }
                    found = inner;
                }
            }
            return found;
        }
        if (e instanceof Expression.Cast c) {
            return setCall(c.arg());
        }
        return null;
    }

    private static Expression replace(Expression e, Expression target, Expression by) {
        if (e == target) {
            return by;
        }
        if (e instanceof Expression.Call c) {
            List<Expression> args = new ArrayList<>();
            for (Expression a : c.args()) {
                args.add(replace(a, target, by));
            }
            return new Expression.Call(c.routine(), args);
        }
        if (e instanceof Expression.Cast c) {
            return new Expression.Cast(replace(c.arg(), target, by), c.type(), c.typmod(), c.explicit());
        }
        return e;
    }

    /** The current row of a set-returning call, read by the expression above it; never folded. */
    private static final class Current implements Routine.Body, RowValues.RowTyped {
        private final RowType rowType;
        private Object value;

        Current(RowType rowType) {
            this.rowType = rowType;
        }

        @Override
        public Object apply(Object[] args, EvalContext ctx) {
            return value;
        }

        @Override
        public boolean foldable() {
            return false;
        }

        @Override
        public RowType rowType() {
            return rowType;
        }
    }
}

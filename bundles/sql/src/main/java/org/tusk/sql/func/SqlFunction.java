package org.tusk.sql.func;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.plan.Planner;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;

/**
 * The call handler of LANGUAGE sql (PostgreSQL's functions.c): the body's statements run in order with
 * the arguments as parameters ({@code $1} or by name, a column of the same name winning as in
 * PostgreSQL); the last one, a SELECT, gives the result: its first row for a scalar function, all its rows
 * for SETOF/TABLE. Each statement is planned at its first run in the session and the plan kept; a
 * recursive call, which would re-enter a running plan, plans its own.
 */
final class SqlFunction implements Handler {
    private final FunctionDefinition definition;
    private List<Statement> statements;
    private Parameters parameters;
    private Object[] current;
    private Planner.Planned[] plans;
    private int active;
    /** The rows the running call's caller expects (a record function's column definition list), else null. */
    private org.tusk.sql.types.RowType expected;

    SqlFunction(FunctionDefinition definition) {
        this.definition = definition;
    }

    /**
     * check_function_bodies: parses and plans every statement and checks the final one's result against
     * the declared type, as CREATE FUNCTION does, with no arguments bound; with {@code checkBody} false
     * (check_function_bodies = off) only the result type is checked.
     */
    static void validate(FunctionDefinition definition, EvalContext ctx, int bodyPosition, boolean checkBody) {
        if (definition.result() == org.tusk.sql.types.SqlType.TRIGGER) {
            // fmgr_sql_validator: a pseudo-type result other than record and void
            throw new SqlException("42P13", "SQL functions cannot return type trigger");
        }
        if (!checkBody) {
            return;
        }
        SqlFunction f = new SqlFunction(definition);
        try {
            f.compile();
            f.current = new Object[definition.argTypes().size()];
            for (int i = 0; i < f.statements.size(); i++) {
                f.plan(i, ctx, false);
            }
            f.checkFinal(f.statements.isEmpty() ? null : f.statements.getLast(),
                    f.statements.isEmpty() ? null : f.plans[f.statements.size() - 1]);
        } catch (SqlException e) {
            String position = e.fields().get(ErrorFields.POSITION);
            if (position != null && bodyPosition > 0) {
                // An error at a place in the body points into the CREATE statement instead (no CONTEXT then).
                throw new SqlException(e.fields().toBuilder()
                        .position(bodyPosition + Integer.parseInt(position) - 1).build());
            }
            throw ErrorContext.add(e, "SQL function \"" + definition.name() + "\"");
        }
    }

    private void compile() {
        if (statements != null) {
            return;
        }
        statements = Parser.parse(definition.source(), true);
        List<SqlType> types = new ArrayList<>(definition.argTypes());
        List<String> names = new ArrayList<>(definition.argNames().stream().map(n -> n == null ? "" : n).toList());
        List<int[]> fields = new ArrayList<>();
        for (int i = 0; i < definition.argTypes().size(); i++) {
            org.tusk.sql.types.RowType rt = definition.argRowTypes().get(i);
            if (rt != null && !names.get(i).isEmpty()) {
                // an argument of a composite type: its fields are parameters too, reached as arg.field
                for (int f = 0; f < rt.size(); f++) {
                    names.add(names.get(i) + "." + rt.fieldNames().get(f));
                    types.add(rt.fieldTypes().get(f));
                    fields.add(new int[] {i, f});
                }
            }
        }
        parameters = Parameters.named(types, names, definition.name(),
                fields.isEmpty() ? () -> current : () -> withFields(current, fields));
        for (int i = 0; i < definition.argTypes().size(); i++) {
            if (definition.argRowTypes().get(i) != null) {
                parameters.withRowType(i + 1, definition.argRowTypes().get(i)); // ($1).f, (e).f
            }
        }
        plans = new Planner.Planned[statements.size()];
    }

    /** The arguments followed by the fields of the composite ones ({@code fields}: argument, field). */
    private static Object[] withFields(Object[] args, List<int[]> fields) {
        Object[] out = java.util.Arrays.copyOf(args, args.length + fields.size());
        for (int k = 0; k < fields.size(); k++) {
            int[] f = fields.get(k);
            out[args.length + k] = args[f[0]] instanceof org.tusk.sql.types.RecordValue r ? r.get(f[1]) : null;
        }
        return out;
    }

    @Override
    public List<Object> call(Object[] args, EvalContext ctx) {
        return call(args, ctx, null);
    }

    /**
     * A call of a function returning record with the caller's column definition list: the final statement is
     * checked against it before anything runs, as check_sql_fn_retval does at the function's startup.
     */
    @Override
    public List<Object> call(Object[] args, EvalContext ctx, org.tusk.sql.types.RowType wanted) {
        compile();
        org.tusk.sql.types.RowType saved = expected;
        if (wanted != null && definition.returnsRecord() && !statements.isEmpty()) {
            Object[] savedArgs = current;
            current = args;
            try {
                checkExpected(plan(statements.size() - 1, ctx, active > 0), wanted);
            } finally {
                current = savedArgs;
            }
        }
        expected = wanted;
        var snapshot = NestedSnapshot.enter(ctx, definition);
        try {
            return run(args, ctx);
        } finally {
            NestedSnapshot.leave(ctx, snapshot);
            expected = saved;
        }
    }

    private void checkExpected(Planner.Planned planned, org.tusk.sql.types.RowType wanted) {
        try {
            if (planned == null) {
                throw mismatch("record", "Function's final statement must be SELECT or INSERT/UPDATE/DELETE "
                        + "RETURNING.");
            }
            List<Planner.Column> columns = planned.columns();
            if (wholeRow(columns)) {
                return; // the row's fields are checked row by row
            }
            if (columns.size() != wanted.size()) {
                throw mismatch("record", "Final statement returns " + (columns.size() < wanted.size() ? "too few"
                        : "too many") + " columns.");
            }
            for (int c = 0; c < columns.size(); c++) {
                SqlType actual = columns.get(c).type();
                SqlType want = wanted.fieldTypes().get(c);
                Casts.Context cast = actual == want ? Casts.Context.IMPLICIT : Casts.context(actual, want);
                if (actual != SqlType.UNKNOWN && (cast == null || cast == Casts.Context.EXPLICIT)) {
                    throw mismatch("record", "Final statement returns " + actual.displayName() + " instead of "
                            + want.displayName() + " at column " + (c + 1) + ".");
                }
            }
        } catch (SqlException e) {
            throw ErrorContext.add(e, "SQL function \"" + definition.name() + "\" during startup");
        }
    }

    private List<Object> run(Object[] args, EvalContext ctx) {
        Object[] saved = current;
        current = args;
        active++;
        int i = 0;
        try {
            List<Object> result = new ArrayList<>();
            for (; i < statements.size(); i++) {
                Statement s = statements.get(i);
                boolean last = i == statements.size() - 1;
                switch (s) {
                    case Statement.Select select -> {
                        Planner.Planned p = plan(i, ctx, active > 1);
                        if (last && definition.result() != SqlType.VOID) {
                            collect(p, ctx, result);
                        } else {
                            Spi.run(p, ctx, row -> { });
                        }
                    }
                    case Statement.Insert x -> Spi.runDml(s, parameters, ctx);
                    case Statement.Update x -> Spi.runDml(s, parameters, ctx);
                    case Statement.Delete x -> Spi.runDml(s, parameters, ctx);
                    default -> throw FunctionCall.unsupported("this statement");
                }
            }
            if (definition.result() == SqlType.VOID || (!definition.returnsSet() && result.isEmpty())) {
                return definition.returnsSet() ? result : java.util.Collections.singletonList(null);
            }
            return result;
        } catch (SqlException e) {
            throw ErrorContext.add(e, "SQL function \"" + definition.name() + "\" statement " + (i + 1));
        } finally {
            current = saved;
            active--;
        }
    }

    private Planner.Planned plan(int i, EvalContext ctx, boolean fresh) {
        if (!(statements.get(i) instanceof Statement.Select select)) {
            if (!(statements.get(i) instanceof Statement.Insert || statements.get(i) instanceof Statement.Update
                    || statements.get(i) instanceof Statement.Delete)) {
                throw FunctionCall.unsupported("this statement");
            }
            return null;
        }
        if (fresh) {
            return Spi.plan(select.query(), parameters, ctx);
        }
        if (plans[i] == null) {
            plans[i] = Spi.plan(select.query(), parameters, ctx);
            if (i == statements.size() - 1) {
                checkFinal(select, plans[i]);
            }
        }
        return plans[i];
    }

    /** check_sql_fn_retval: the final SELECT's columns against the declared result. */
    private void checkFinal(Statement last, Planner.Planned planned) {
        if (definition.result() == SqlType.VOID) {
            return;
        }
        String declared = definition.returnsComposite() ? definition.rowType().name()
                : definition.returnsRows() ? "record" : definition.result().displayName();
        if (planned == null) {
            throw mismatch(declared, "Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.");
        }
        List<Planner.Column> columns = planned.columns();
        if (definition.returnsRecord() || wholeRow(columns)) {
            return; // any row will do: the call's column definition list checks it (a whole row: its fields)
        }
        boolean rows = definition.returnsRows() || definition.returnsComposite();
        List<SqlType> expected = rows ? definition.rowType().fieldTypes() : List.of(definition.result());
        if (!rows && columns.size() != 1) {
            throw mismatch(declared, "Final statement must return exactly one column.");
        }
        if (columns.size() != expected.size()) {
            throw mismatch(declared, "Final statement returns " + (columns.size() < expected.size() ? "too few"
                    : "too many") + " columns.");
        }
        for (int c = 0; c < columns.size(); c++) {
            SqlType actual = columns.get(c).type();
            SqlType want = expected.get(c);
            Casts.Context cast = actual == want ? Casts.Context.IMPLICIT : Casts.context(actual, want);
            if (actual != SqlType.UNKNOWN && (cast == null || cast == Casts.Context.EXPLICIT)) {
                throw rows
                        ? mismatch(declared, "Final statement returns " + actual.displayName() + " instead of "
                                + want.displayName() + " at column " + (c + 1) + ".")
                        : mismatch(declared, "Actual return type is " + actual.displayName() + ".");
            }
        }
    }

    private static SqlException mismatch(String declared, String detail) {
        return new SqlException(ErrorFields.of("ERROR", "42P13", "return type mismatch in function declared to "
                + "return " + declared).detail(detail).build());
    }

    /**
     * Whether a function returning a composite type (or record) ends with a SELECT of one row-valued column
     * ({@code SELECT e FROM emp e}), which is then the result row itself.
     */
    private boolean wholeRow(List<Planner.Column> columns) {
        return (definition.returnsComposite() || definition.returnsRecord()) && columns.size() == 1
                && columns.getFirst().type() == SqlType.RECORD;
    }

    /** The final query's rows, converted to the declared types; only the first for a scalar function. */
    private void collect(Planner.Planned p, EvalContext ctx, List<Object> out) {
        List<Planner.Column> columns = p.columns();
        if (definition.returnsComposite() || definition.returnsRecord()) {
            collectRows(p, ctx, out);
            return;
        }
        List<SqlType> expected = definition.returnsRows() ? definition.columnTypes() : List.of(definition.result());
        boolean first = !definition.returnsSet();
        // a query with data-modifying WITH runs to its end, where its parts finish (CteHost.StatementEnd)
        boolean toTheEnd = p.node() instanceof org.tusk.sql.exec.CteHost h && h.endsStatement();
        try {
            Spi.run(p, ctx, row -> {
                if (first && toTheEnd && !out.isEmpty()) {
                    return;
                }
                Object[] values = new Object[expected.size()];
                for (int c = 0; c < values.length; c++) {
                    SqlType from = columns.get(c).type();
                    values[c] = row[c] == null || from == expected.get(c) ? row[c]
                            : Casts.convert(row[c], from, expected.get(c), -1, false, ctx);
                }
                out.add(definition.returnsRows() ? values : values[0]);
                if (first && !toTheEnd) {
                    throw Stop.INSTANCE;
                }
            });
        } catch (Stop s) {
            // a scalar function's first row is its value
        }
    }

    /**
     * The final query's rows as row values: of the declared composite type (fields converted by assignment),
     * or for {@code record} of the query's own columns; a row-valued single column is the row itself.
     */
    private void collectRows(Planner.Planned p, EvalContext ctx, List<Object> out) {
        List<Planner.Column> columns = p.columns();
        boolean whole = wholeRow(columns);
        org.tusk.sql.types.RowType target = definition.returnsComposite() ? definition.rowType()
                : expected != null && !whole ? expected
                : new org.tusk.sql.types.RowType(org.tusk.sql.types.RowType.RECORD_OID, null,
                        columns.stream().map(Planner.Column::name).toList(),
                        columns.stream().map(Planner.Column::type).toList());
        boolean first = !definition.returnsSet();
        try {
            Spi.run(p, ctx, row -> {
                Object[] values;
                List<SqlType> from;
                if (whole) {
                    org.tusk.sql.types.RecordValue r = (org.tusk.sql.types.RecordValue) row[0];
                    if (r == null || definition.returnsRecord()) {
                        out.add(r);
                        if (first) {
                            throw Stop.INSTANCE;
                        }
                        return;
                    }
                    values = r.values();
                    from = r.type().fieldTypes();
                } else {
                    values = row.clone();
                    from = columns.stream().map(Planner.Column::type).toList();
                }
                if (values.length != target.size()) {
                    throw mismatch(target.name() == null ? "record" : target.name(), "Final statement returns "
                            + (values.length < target.size() ? "too few" : "too many") + " columns.");
                }
                for (int c = 0; c < values.length; c++) {
                    SqlType want = target.fieldTypes().get(c);
                    if (values[c] != null && from.get(c) != want) {
                        values[c] = Casts.convert(values[c], from.get(c), want, -1, false, ctx);
                    }
                }
                out.add(new org.tusk.sql.types.RecordValue(target, values));
                if (first) {
                    throw Stop.INSTANCE;
                }
            });
        } catch (Stop s) {
            // a function returning one row: its first row
        }
    }

    /** Ends a query early once a scalar function has its row. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Stop INSTANCE = new Stop();

        private Stop() {
            super(null, null, false, false);
        }
    }
}

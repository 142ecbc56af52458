package org.tusk.sql.plpgsql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.func.ErrorContext;
import org.tusk.sql.func.Spi;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.plan.Planner;
import org.tusk.sql.types.SqlType;

/**
 * An SQL expression or statement inside PL/pgSQL (PLpgSQL_expr): its text, and the variables visible where
 * it was written, by name. At its first run it is parsed and planned with those variables as named
 * parameters (a record variable's fields as {@code rec.field}); the plan is kept while the records it reads
 * keep their shape. A recursive call, which would re-enter the running plan, plans its own copy.
 */
final class PlExpr {
    final String text;
    final int line;
    /** The CONTEXT line an error in it gets (SQL expression "...", PL/pgSQL assignment "..."), or null. */
    final String context;
    /** Frame slot of each visible name (inner blocks' declarations shadowing outer ones). */
    private final Map<String, Integer> visible;
    /** The same as arrays, in one fixed order: what every run walks. */
    private final String[] visibleNames;
    private final int[] visibleSlots;
    /** The cached plan's column names and types (computed once per plan, not per run). */
    private List<String> planNames;
    private List<SqlType> planTypes;

    private Statement statement;
    private Planner.Planned plan;
    private Parameters parameters;
    private String shape;
    private Object[] current;
    private int depth;

    PlExpr(String text, int line, Map<String, Integer> visible, String context) {
        this.text = text;
        this.line = line;
        this.context = context;
        this.visible = Map.copyOf(visible);
        this.visibleNames = new String[this.visible.size()];
        this.visibleSlots = new int[this.visible.size()];
        int i = 0;
        for (Map.Entry<String, Integer> e : this.visible.entrySet()) {
            visibleNames[i] = e.getKey();
            visibleSlots[i++] = e.getValue();
        }
    }

    /** SPI_cursor_open's refusal of a statement that is not a query (INSERT, DELETE, ...). */
    static SqlException notACursorQuery(String text) {
        return new SqlException("42P11", "cannot open " + text.strip().split("\\s+")[0].toUpperCase(
                java.util.Locale.ROOT) + " query as cursor");
    }

    /** The result of running a query: its columns' types and names, and its rows. */
    record Result(List<String> names, List<SqlType> types, List<Object[]> rows) {
    }

    /** The variables as the statement's parameters: their names, types and current values. */
    private record Bound(List<String> names, List<SqlType> types, Object[] values, String shape) {
    }

    /** Whether the statement is a query (SELECT, VALUES, TABLE, WITH ... SELECT). */
    boolean isSelect() {
        return statement() instanceof Statement.Select;
    }

    private Statement statement() {
        if (statement == null) {
            List<Statement> parsed = Parser.parse(text, true);
            if (parsed.size() != 1) {
                throw new SqlException("42601", "query \"" + text + "\" returned " + parsed.size()
                        + " statements");
            }
            statement = parsed.getFirst();
        }
        return statement;
    }

    /**
     * A cursor's query planned with the variables' values now (OPEN evaluates its parameters once, as
     * SPI_cursor_open does); a statement that is not a query is 42P11.
     */
    Planner.Planned planCursor(Frame frame) {
        if (!(statement() instanceof Statement.Select select)) {
            throw notACursorQuery(text);
        }
        Bound b = bind(frame, true);
        Object[] v = b.values();
        Parameters p = Parameters.named(b.types(), b.names(), frame.function.name(), () -> v);
        try {
            return Spi.plan(select.query(), p, frame.ctx);
        } catch (SqlException e) {
            throw context == null ? e : ErrorContext.add(e, context);
        }
    }

    /** Runs the query (or returns null after running a non-query statement, whose row count is {@code count}). */
    Result run(Frame frame, long[] count) {
        statement();
        Object[] saved = current;
        depth++;
        try {
            if (depth > 1) {
                Bound b = bind(frame, true);
                Object[] v = b.values();
                Parameters p = Parameters.named(b.types(), b.names(), frame.function.name(), () -> v);
                return execute(statement, p, null, frame, count);
            }
            // the values (and the records' shapes) each run; the names and types only for a new plan
            Bound b = bind(frame, false);
            if (parameters == null || !b.shape().equals(shape)) {
                Bound described = bind(frame, true);
                parameters = Parameters.named(described.types(), described.names(), frame.function.name(),
                        this::current);
                plan = null;
                shape = b.shape();
            }
            current = b.values();
            return execute(statement, parameters, this, frame, count);
        } finally {
            depth--;
            current = saved;
        }
    }

    /**
     * The variables' values as parameters (the slots, then the fields of records assigned so far) and the
     * records' shapes; with {@code describe} also their names and types (needed only to plan).
     */
    private Bound bind(Frame frame, boolean describe) {
        int slots = frame.values.length;
        List<String> names = null;
        List<SqlType> types = null;
        if (describe) {
            names = new ArrayList<>(slots);
            types = new ArrayList<>(slots);
            for (int i = 0; i < slots; i++) {
                names.add(null);
                types.add(frame.function.slotType(i));
            }
        }
        StringBuilder shapeKey = null;
        List<Object> fieldValues = null;
        for (int v = 0; v < visibleSlots.length; v++) {
            int slot = visibleSlots[v];
            String name = visibleNames[v];
            if (frame.function.isRecord(slot)) {
                if (frame.values[slot] instanceof RecordValue r) {
                    // the whole record is a parameter too (NEW IS NULL, row_to_json(r)), as a row value
                    if (describe) {
                        names.set(slot, name);
                        types.set(slot, SqlType.RECORD);
                    }
                    shapeKey = shapeKey == null ? new StringBuilder() : shapeKey;
                    shapeKey.append(name).append('(').append(r.shape()).append(')');
                    fieldValues = fieldValues == null ? new ArrayList<>() : fieldValues;
                    for (int f = 0; f < r.names().size(); f++) {
                        if (describe) {
                            names.add(name + "." + r.names().get(f));
                            types.add(r.types().get(f));
                        }
                        fieldValues.add(r.isNull() ? null : r.values()[f]);
                    }
                }
            } else if (describe) {
                names.set(slot, name);
            }
        }
        int fields = fieldValues == null ? 0 : fieldValues.size();
        Object[] values = new Object[slots + fields];
        System.arraycopy(frame.values, 0, values, 0, slots);
        for (int i = 0; i < fields; i++) {
            values[slots + i] = fieldValues.get(i);
        }
        for (int i = 0; i < slots; i++) {
            if (values[i] instanceof RecordValue r) {
                values[i] = r.isNull() ? null : new org.tusk.sql.types.RecordValue(new org.tusk.sql.types.RowType(
                        org.tusk.sql.types.RowType.RECORD_OID, null, r.names(), r.types()), r.values());
            }
        }
        return new Bound(names, types, values, shapeKey == null ? "" : shapeKey.toString());
    }

    /** Parameters.named reads the values from here when this expression's cached plan runs. */
    Object[] current() {
        return current;
    }

    /**
     * Runs the statement. An error gets this expression's CONTEXT line as PostgreSQL's SPI callback adds it:
     * a statement's always, an expression's (which PostgreSQL evaluates outside SPI once planned) only when
     * planning it fails, constant folding included.
     */
    private Result execute(Statement s, Parameters p, PlExpr cache, Frame frame, long[] count) {
        boolean expression = context != null && context.startsWith("SQL expression")
                || context != null && context.startsWith("PL/pgSQL assignment");
        boolean[] planned = {false};
        try {
            return executeIn(s, p, cache, frame, count, planned);
        } catch (SqlException e) {
            SqlException x = unassignedRecord(e, frame);
            throw context == null || expression && planned[0] ? x : ErrorContext.add(x, context);
        }
    }

    /**
     * A field of a record variable not assigned yet has no parameter, so the analyzer takes {@code r.f} for a
     * column of a table r that is not there; PostgreSQL says what it is.
     */
    private SqlException unassignedRecord(SqlException e, Frame frame) {
        String prefix = "missing FROM-clause entry for table \"";
        String message = e.fields().message();
        if (!e.sqlState().equals("42P01") || !message.startsWith(prefix)) {
            return e;
        }
        String name = message.substring(prefix.length(), message.length() - 1);
        Integer slot = visible.get(name);
        if (slot == null || !frame.function.isRecord(slot) || frame.values[slot] instanceof RecordValue) {
            return e;
        }
        return unassigned(name);
    }

    static SqlException unassigned(String name) {
        return new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "55000", "record \"" + name
                + "\" is not assigned yet").detail("The tuple structure of a not-yet-assigned record is "
                        + "indeterminate.").build());
    }

    /** INSERT, UPDATE or DELETE: its RETURNING rows (for INTO), or null without RETURNING. */
    static Result dml(Statement s, Parameters p, org.tusk.sql.eval.EvalContext ctx, long[] count) {
        Result[] out = {null};
        count[0] = Spi.runDml(s, p, ctx, r -> out[0] = new Result(r.names(), r.types(), r.rows()));
        return out[0];
    }

    private Result executeIn(Statement s, Parameters p, PlExpr cache, Frame frame, long[] count,
            boolean[] plannedFlag) {
        var ctx = frame.ctx;
        switch (s) {
            case Statement.Select select -> {
                Planner.Planned planned;
                List<String> names;
                List<SqlType> types;
                if (cache != null && cache.plan != null) {
                    planned = cache.plan;
                    names = cache.planNames;
                    types = cache.planTypes;
                } else {
                    planned = Spi.plan(select.query(), p, ctx);
                    Spi.fold(planned.node(), ctx);
                    names = planned.columns().stream().map(Planner.Column::name).toList();
                    types = planned.columns().stream().map(Planner.Column::type).toList();
                    if (cache != null) {
                        cache.plan = planned;
                        cache.planNames = names;
                        cache.planTypes = types;
                    }
                }
                plannedFlag[0] = true;
                List<Object[]> rows = new ArrayList<>(1);
                count[0] = Spi.run(planned, ctx, rows::add);
                return new Result(names, types, rows);
            }
            case Statement.Insert x -> {
                return dml(s, p, ctx, count);
            }
            case Statement.Update x -> {
                return dml(s, p, ctx, count);
            }
            case Statement.Delete x -> {
                return dml(s, p, ctx, count);
            }
            default -> {
                Spi.runUtility(s, ctx);
                count[0] = 0;
            }
        }
        return null;
    }
}

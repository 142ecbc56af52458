package org.tusk.sql.plpgsql;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.func.ErrorContext;
import org.tusk.sql.func.Spi;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.plan.Planner;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeInput;
import org.tusk.sql.types.TypeOutput;

/**
 * Runs a PL/pgSQL function's statements (pl_exec.c). Control leaves a statement normally (null) or with a
 * {@link Flow}: EXIT or CONTINUE (with a label or not) travel up to the loop or block they name, RETURN to
 * the function. An error in a block with EXCEPTION clauses rolls back to the savepoint taken at the
 * block's start (a subtransaction, as PostgreSQL's) before its handler runs.
 */
final class Interpreter {
    private static final int EXIT = 1;
    private static final int CONTINUE = 2;
    private static final int RETURN = 3;
    private static long savepoints;

    private record Flow(int kind, String label) {
    }

    private static final Flow RETURNED = new Flow(RETURN, null);

    private final Frame frame;

    private Interpreter(Frame frame) {
        this.frame = frame;
    }

    /** One call: the arguments in their slots, the body run, the result as the function handler returns it. */
    static List<Object> call(PlFunction f, Object[] args, EvalContext ctx) {
        return call(f, args, ctx, null);
    }

    /** One call whose caller expects rows of {@code expected} (a record function's column definition list). */
    static List<Object> call(PlFunction f, Object[] args, EvalContext ctx, org.tusk.sql.types.RowType expected) {
        Frame frame = new Frame(f, ctx);
        frame.expected = expected;
        System.arraycopy(args, 0, frame.values, 0, args.length);
        for (int i = 0; i < args.length; i++) {
            if (f.isRecord(i)) {
                // an argument of a composite type is a row variable: its fields, or the NULL row
                RecordValue template = f.rowTemplate(i);
                frame.values[i] = args[i] instanceof org.tusk.sql.types.RecordValue r
                        ? new RecordValue(r.type().fieldNames(), r.type().fieldTypes(), r.values())
                        : new RecordValue(template.names(), template.types(), null);
            }
        }
        frame.values[f.foundSlot] = false;
        initInOut(f, args, frame);
        Interpreter in = new Interpreter(frame);
        Flow flow;
        try {
            flow = in.block(f.body);
            if ((flow == null || flow.kind() != RETURN) && f.definition != null && !f.definition.returnsSet()
                    && f.definition.result() != SqlType.VOID && !f.definition.returnsRows()) {
                frame.current = null;
                throw new SqlException("2F005", "control reached end of function without RETURN");
            }
        } catch (SqlException e) {
            PlAst.Stmt at = frame.current;
            String where = "PL/pgSQL function " + f.contextName + (at == null ? "" : " line " + at.line()
                    + " at " + at.what());
            throw ErrorContext.add(e, where);
        }
        if (f.definition == null) {
            return List.of();
        }
        if (f.definition.returnsSet()) {
            return frame.results;
        }
        if (f.definition.returnsRows() && (flow == null || frame.returnValue == null)) {
            return java.util.Collections.singletonList(in.outRow());
        }
        if (CompositeResults.applies(f.definition) && frame.returnValue != null) {
            // plpgsql_exec_function casts the returned row to the result type after the body has ended
            try {
                frame.returnValue = CompositeResults.match(frame.returnValue, f.definition, frame.expected,
                        "returned record type does not match expected record type");
            } catch (SqlException e) {
                throw ErrorContext.add(e, "PL/pgSQL function " + f.contextName
                        + " while casting return value to function's return type");
            }
        }
        return java.util.Collections.singletonList(frame.returnValue);
    }

    /**
     * One call of a trigger function (plpgsql_exec_trigger): NEW, OLD and the TG_ variables set from the
     * event, the body run; returns the row it returned as the table's column values (null for NULL).
     */
    static Object[] callTrigger(PlFunction f, org.tusk.sql.trigger.TriggerData d, EvalContext ctx) {
        Frame frame = new Frame(f, ctx);
        frame.values[f.foundSlot] = false;
        List<String> names = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (org.tusk.sql.schema.Column c : d.columns()) {
            names.add(c.name());
            types.add(c.type());
        }
        int s = f.triggerSlot;
        // NEW and OLD are rows of the table's type; the one the event has not is NULL, its fields NULL too
        frame.values[s] = new RecordValue(names, types, d.newRow() == null ? null : d.newRow().clone());
        frame.values[s + 1] = new RecordValue(names, types, d.oldRow() == null ? null : d.oldRow().clone());
        frame.values[s + 2] = d.name();
        frame.values[s + 3] = d.when();
        frame.values[s + 4] = d.level();
        frame.values[s + 5] = d.op();
        frame.values[s + 6] = Integer.toUnsignedLong(d.relation().oid());
        frame.values[s + 7] = d.relation().name();
        frame.values[s + 8] = d.relation().name();
        frame.values[s + 9] = d.relation().schema();
        frame.values[s + 10] = d.args().size();
        frame.values[s + 11] = new ArrayValue(0, new ArrayList<>(d.args()));
        Interpreter in = new Interpreter(frame);
        try {
            Flow flow = in.block(f.body);
            if (flow == null || flow.kind() != RETURN) {
                frame.current = null;
                throw new SqlException("2F005", "control reached end of trigger procedure without RETURN");
            }
            if (!(frame.returnValue instanceof RecordValue r) || r.isNull()) {
                return null;
            }
            if (r.values().length != types.size()) {
                throw new SqlException(ErrorFields.of("ERROR", "42804", "returned row structure does not match "
                        + "the structure of the triggering table").detail("Number of returned columns ("
                        + r.values().length + ") does not match expected column count (" + types.size() + ").")
                        .build());
            }
            Object[] row = new Object[types.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = in.convert(r.values()[i], r.types().get(i), types.get(i), d.columns().get(i).typmod());
            }
            return row;
        } catch (SqlException e) {
            PlAst.Stmt at = frame.current;
            String where = "PL/pgSQL function " + f.contextName + (at == null ? "" : " line " + at.line()
                    + " at " + at.what());
            throw ErrorContext.add(e, where);
        }
    }

    // ---- statements

    private Flow run(List<PlAst.Stmt> stmts) {
        for (PlAst.Stmt s : stmts) {
            Flow f = exec(s);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private Flow exec(PlAst.Stmt s) {
        PlAst.Stmt outer = frame.current;
        frame.current = s;
        frame.ctx.checkForInterrupts();
        Flow f = switch (s) {
            case PlAst.Block b -> {
                Flow r = block(b);
                yield r != null && r.kind() == EXIT && b.label() != null && b.label().equals(r.label()) ? null : r;
            }
            case PlAst.Assign a -> assign(a);
            case PlAst.If i -> ifStatement(i);
            case PlAst.Case c -> caseStatement(c);
            case PlAst.Loop l -> loop(l.label(), () -> true, l.body());
            case PlAst.While w -> loop(w.label(), () -> condition(w.condition()), w.body());
            case PlAst.ForInt fi -> forInt(fi);
            case PlAst.ForQuery fq -> forQuery(fq);
            case PlAst.Foreach fe -> foreach(fe);
            case PlAst.Exit e -> e.when() == null || condition(e.when())
                    ? new Flow(e.isContinue() ? CONTINUE : EXIT, e.label()) : null;
            case PlAst.Return r -> returnStatement(r);
            case PlAst.ReturnNext r -> returnNext(r);
            case PlAst.ReturnQuery r -> returnQuery(r);
            case PlAst.Sql q -> sql(q);
            case PlAst.Execute e -> execute(e);
            case PlAst.Raise r -> raise(r);
            case PlAst.GetDiagnostics g -> {
                getDiagnostics(g);
                yield null;
            }
            case PlAst.Open o -> {
                open(o.cursor(), o.query(), o.dynamic(), o.using(), o.args(), o.noScroll());
                yield null;
            }
            case PlAst.Fetch fe -> fetch(fe);
            case PlAst.Close c -> {
                cursors().close(cursorName(c.cursor()));
                yield null;
            }
            case PlAst.ForCursor fc -> forCursor(fc);
            case PlAst.Null n -> null;
        };
        frame.current = outer;
        return f;
    }

    private Flow block(PlAst.Block b) {
        for (PlAst.Var v : b.declarations()) {
            Object value = null;
            if (v.initial() != null) {
                Value init = value(v.initial());
                value = convert(init.value(), init.type(), frame.function.slotType(v.slot()),
                        frame.function.slotTypmod(v.slot()));
            }
            if (v.record() && v.initial() == null) {
                value = frame.function.rowTemplate(v.slot());
            }
            if (v.notNull() && value == null) {
                throw new SqlException("22004", "null value cannot be assigned to variable \"" + v.name()
                        + "\" declared NOT NULL");
            }
            frame.values[v.slot()] = value;
        }
        if (b.handlers().isEmpty()) {
            return run(b.body());
        }
        var storage = frame.ctx.db() == null ? null : frame.ctx.db().storage();
        String savepoint = "plpgsql_block_" + (++savepoints);
        if (storage != null) {
            storage.savepoint(savepoint);
        }
        PlAst.Stmt current = frame.current;
        // the cursors open now: those the block opens end with its subtransaction if a handler catches
        java.util.Set<String> cursorsBefore = frame.ctx.functionCursors() == null ? null
                : frame.ctx.functionCursors().names();
        org.tusk.sql.exec.ExecContext exec = org.tusk.sql.exec.ExecContext.current();
        long calls = org.tusk.sql.func.CallDepth.mark();
        try {
            Flow f = run(b.body());
            if (storage != null) {
                storage.releaseSavepoint(savepoint);
            }
            return f;
        } catch (SqlException | StackOverflowError thrown) {
            SqlException e;
            if (thrown instanceof StackOverflowError overflow) {
                // The recursion ran out of the JVM's stack inside this block: PostgreSQL's 54001, which a
                // handler may catch once the stack has unwound to here and there is room to clean up
                // (else an outer block, or the session's entry point, takes it).
                if (!catches(b, "54001") || !org.tusk.sql.session.StackDepth.roomToRecover()) {
                    throw overflow;
                }
                // what finally blocks of the deepest frames may have skipped
                org.tusk.sql.exec.ExecContext.restore(exec);
                org.tusk.sql.func.CallDepth.reset(calls);
                e = org.tusk.sql.session.StackDepth.exceeded(frame.ctx.setting("max_stack_depth"));
            } else {
                e = (SqlException) thrown;
            }
            String state = e.sqlState();
            for (PlAst.Handler h : b.handlers()) {
                boolean caught = h.others() ? !state.equals("57014") && !state.equals("P0004")
                        && !state.equals("57P01")
                        : h.sqlStates().stream().anyMatch(c -> Conditions.matches(c, state));
                if (!caught) {
                    continue;
                }
                if (cursorsBefore != null) {
                    closeCursorsOpenedSince(cursorsBefore);
                }
                if (storage != null) {
                    storage.rollbackToSavepoint(savepoint);
                    storage.releaseSavepoint(savepoint);
                    if (frame.ctx.db().catalog() instanceof org.tusk.sql.catalog.RelationCache rc) {
                        rc.changed(); // what the block did to the catalogs is undone: forget it
                    }
                }
                frame.current = current;
                frame.values[h.sqlState().slot()] = state;
                frame.values[h.sqlErrm().slot()] = e.fields().message();
                SqlException outer = frame.handling;
                frame.handling = e;
                try {
                    return run(h.body());
                } finally {
                    frame.handling = outer;
                }
            }
            throw e;
        }
    }

    /** GET DIAGNOSTICS (the last statement's row count) or GET STACKED DIAGNOSTICS (the error being handled). */
    private void getDiagnostics(PlAst.GetDiagnostics g) {
        if (g.stacked() && frame.handling == null) {
            throw new SqlException("0Z002", "GET STACKED DIAGNOSTICS cannot be used outside an exception handler");
        }
        for (int i = 0; i < g.targets().size(); i++) {
            String item = g.items().get(i);
            if (item.equals("row_count")) {
                store(g.targets().get(i), frame.rowCount, SqlType.INT8);
                continue;
            }
            if (!g.stacked()) {
                throw new SqlException("0A000", "GET DIAGNOSTICS " + item.toUpperCase(java.util.Locale.ROOT)
                        + " is not supported yet");
            }
            ErrorFields fields = frame.handling.fields();
            String value = switch (item) {
                case "returned_sqlstate" -> frame.handling.sqlState();
                case "message_text" -> fields.message();
                case "pg_exception_detail" -> fields.get(ErrorFields.DETAIL);
                case "pg_exception_hint" -> fields.get(ErrorFields.HINT);
                case "pg_exception_context" -> fields.get(ErrorFields.WHERE);
                case "column_name" -> fields.get(ErrorFields.COLUMN);
                case "constraint_name" -> fields.get(ErrorFields.CONSTRAINT);
                case "pg_datatype_name" -> fields.get(ErrorFields.DATA_TYPE);
                case "table_name" -> fields.get(ErrorFields.TABLE);
                default -> fields.get(ErrorFields.SCHEMA);
            };
            // an absent field reads as the empty string, as PostgreSQL's
            store(g.targets().get(i), value == null ? "" : value, SqlType.TEXT);
        }
    }

    /** The rollback of a block's subtransaction closes the cursors opened in it (AtSubAbort_Portals). */
    private void closeCursorsOpenedSince(java.util.Set<String> before) {
        org.tusk.sql.func.FunctionCursors cursors = frame.ctx.functionCursors();
        for (String name : cursors.names()) {
            if (!before.contains(name)) {
                cursors.close(name);
            }
        }
    }

    /** Whether one of the block's handlers catches an error of {@code state} (as the handler loop decides). */
    private static boolean catches(PlAst.Block b, String state) {
        for (PlAst.Handler h : b.handlers()) {
            if (h.others() || h.sqlStates().stream().anyMatch(c -> Conditions.matches(c, state))) {
                return true;
            }
        }
        return false;
    }

    private Flow assign(PlAst.Assign a) {
        PlAst.Var v = a.target();
        if (a.field() != null) {
            if (!(frame.values[v.slot()] instanceof RecordValue r)) {
                throw ErrorContext.add(PlExpr.unassigned(v.name()), a.value().context);
            }
            int i = r.names().indexOf(a.field());
            if (i < 0) {
                throw ErrorContext.add(new SqlException("42703", "record \"" + v.name() + "\" has no field \""
                        + a.field() + "\""), a.value().context);
            }
            Value x = value(a.value());
            Object[] values = r.isNull() ? new Object[r.names().size()] : r.values().clone();
            values[i] = convert(x.value(), x.type(), r.types().get(i), -1);
            frame.values[v.slot()] = new RecordValue(r.names(), r.types(), values);
            return null;
        }
        if (a.source() != null) {
            // record := record: a row variable keeps its fields (filled by position), a record takes the shape
            Object from = frame.values[a.source().slot()];
            if (!(from instanceof RecordValue r)) {
                throw ErrorContext.add(PlExpr.unassigned(a.source().name()), a.value().context);
            }
            PlExpr.Result row = new PlExpr.Result(r.names(), r.types(), List.of());
            assignRow(List.of(v), null, row, r.isNull() ? null : r.values());
            if (r.isNull() && frame.function.rowTemplate(v.slot()) == null) {
                frame.values[v.slot()] = r;
            }
            return null;
        }
        Value x = value(a.value());
        store(v, x.value(), x.type());
        return null;
    }

    private Flow ifStatement(PlAst.If i) {
        for (int c = 0; c < i.conditions().size(); c++) {
            if (condition(i.conditions().get(c))) {
                return run(i.branches().get(c));
            }
        }
        return run(i.otherwise());
    }

    private Flow caseStatement(PlAst.Case c) {
        if (c.selector() != null) {
            Value v = value(c.selector());
            frame.function.setSlotType(c.selectorVar().slot(), v.type() == SqlType.UNKNOWN ? SqlType.TEXT : v.type());
            frame.values[c.selectorVar().slot()] = v.value();
        }
        for (int i = 0; i < c.conditions().size(); i++) {
            if (condition(c.conditions().get(i))) {
                return run(c.branches().get(i));
            }
        }
        if (c.otherwise() == null) {
            throw new SqlException(ErrorFields.of("ERROR", "20000", "case not found")
                    .hint("CASE statement is missing ELSE part.").build());
        }
        return run(c.otherwise());
    }

    /** A loop's iteration: whether to go on (null), or the flow that leaves it. */
    private Flow iteration(String label, List<PlAst.Stmt> body, boolean[] stop) {
        Flow f = run(body);
        if (f == null) {
            return null;
        }
        boolean mine = f.label() == null || f.label().equals(label);
        if (f.kind() == CONTINUE && mine) {
            return null;
        }
        if (f.kind() == EXIT && mine) {
            stop[0] = true;
            return null;
        }
        return f;
    }

    private Flow loop(String label, java.util.function.BooleanSupplier condition, List<PlAst.Stmt> body) {
        boolean[] stop = {false};
        while (!stop[0] && condition.getAsBoolean()) {
            frame.ctx.checkForInterrupts();
            Flow f = iteration(label, body, stop);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private Flow forInt(PlAst.ForInt fi) {
        Object lo = value(fi.lower(), SqlType.INT4);
        Object hi = value(fi.upper(), SqlType.INT4);
        if (lo == null) {
            throw new SqlException("22004", "lower bound of FOR loop cannot be null");
        }
        if (hi == null) {
            throw new SqlException("22004", "upper bound of FOR loop cannot be null");
        }
        long step = 1;
        if (fi.step() != null) {
            Object st = value(fi.step(), SqlType.INT4);
            if (st == null) {
                throw new SqlException("22004", "BY value of FOR loop cannot be null");
            }
            step = (Integer) st;
            if (step <= 0) {
                throw new SqlException("22023", "BY value of FOR loop must be greater than zero");
            }
        }
        long from = (Integer) lo;
        long to = (Integer) hi;
        boolean found = false;
        boolean[] stop = {false};
        for (long i = from; fi.reverse() ? i >= to : i <= to; i += fi.reverse() ? -step : step) {
            frame.ctx.checkForInterrupts();
            found = true;
            frame.values[fi.var().slot()] = (int) i;
            Flow f = iteration(fi.label(), fi.body(), stop);
            if (f != null) {
                frame.values[frame.function.foundSlot] = true;
                return f;
            }
            if (stop[0]) {
                break;
            }
        }
        frame.values[frame.function.foundSlot] = found;
        return null;
    }

    /**
     * FOR over a SELECT (exec_for_query): the query is planned with the variables' values of now and read
     * row by row, in the snapshot of its start, while the body runs (nothing of the result is kept); an
     * error in a row comes at that row, after the iterations before it. Other statements (INSERT ...
     * RETURNING) are run first, as before.
     */
    private Flow forQuery(PlAst.ForQuery fq) {
        Planner.Planned planned = null;
        if (fq.dynamic()) {
            String text = executeText(fq.query());
            List<Statement> parsed = Parser.parse(text, true);
            if (parsed.size() == 1 && parsed.getFirst() instanceof Statement.Select) {
                planned = planDynamic(text, fq.using());
                foldIn(planned, "SQL statement \"" + text + "\"");
            }
        } else if (fq.query().isSelect()) {
            planned = fq.query().planCursor(frame);
            foldIn(planned, fq.query().context);
        }
        if (planned == null) {
            return forRows(fq);
        }
        PlExpr.Result shape = new PlExpr.Result(planned.columns().stream().map(Planner.Column::name).toList(),
                planned.columns().stream().map(Planner.Column::type).toList(), List.of());
        try (org.tusk.sql.func.OpenRows rows = new org.tusk.sql.func.OpenRows(planned, frame.ctx)) {
            return eachRow(fq.label(), fq.body(), rows::next, row -> assignRow(fq.targets(), null, shape, row));
        }
    }

    /**
     * A loop over rows: each row {@code next} gives (null: no more) is assigned, then the body runs; FOUND
     * says afterwards whether there was a row.
     */
    private Flow eachRow(String label, List<PlAst.Stmt> body, java.util.function.Supplier<Object[]> next,
            java.util.function.Consumer<Object[]> assign) {
        boolean found = false;
        boolean[] stop = {false};
        for (Object[] row = next.get(); row != null; row = stop[0] ? null : next.get()) {
            frame.ctx.checkForInterrupts();
            found = true;
            assign.accept(row);
            Flow f = iteration(label, body, stop);
            if (f != null) {
                frame.values[frame.function.foundSlot] = true;
                return f;
            }
        }
        frame.values[frame.function.foundSlot] = found;
        return null;
    }

    /** The planner's constant folding (what raises 1/0 before any row), with the statement's CONTEXT line. */
    private void foldIn(Planner.Planned planned, String context) {
        try {
            Spi.fold(planned.node(), frame.ctx);
        } catch (SqlException e) {
            throw context == null ? e : ErrorContext.add(e, context);
        }
    }

    /** FOR over a statement that is not a SELECT (INSERT ... RETURNING): its rows are computed first. */
    private Flow forRows(PlAst.ForQuery fq) {
        PlExpr.Result r = fq.dynamic() ? dynamic(fq.query(), fq.using()) : query(fq.query());
        if (r == null) {
            throw new SqlException("42601", "cannot open a non-query statement as a cursor");
        }
        java.util.Iterator<Object[]> rows = r.rows().iterator();
        return eachRow(fq.label(), fq.body(), () -> rows.hasNext() ? rows.next() : null,
                row -> assignRow(fq.targets(), null, r, row));
    }

    // ---- cursors

    private org.tusk.sql.func.FunctionCursors cursors() {
        org.tusk.sql.func.FunctionCursors c = frame.ctx.functionCursors();
        if (c == null) {
            throw new SqlException("0A000", "cursors are not available here");
        }
        return c;
    }

    /** The portal a refcursor variable names; 22004 when it is NULL (an unbound variable not opened). */
    private String cursorName(PlAst.Var v) {
        Object name = frame.values[v.slot()];
        if (name == null) {
            throw new SqlException("22004", "cursor variable \"" + v.name() + "\" is null");
        }
        return name.toString();
    }

    /**
     * OPEN (exec_stmt_open): the query planned with the variables' values now (a bound cursor's arguments
     * first assigned to its parameters) and started as a cursor named by the variable's value, or, when that
     * is NULL, a new unnamed portal whose name the variable then holds.
     */
    private String open(PlAst.Var cursor, PlExpr query, boolean dynamic, List<PlExpr> using, List<PlExpr> args,
            boolean noScroll) {
        Object current = frame.values[cursor.slot()];
        String name = current == null ? null : current.toString();
        if (name != null && cursors().exists(name)) {
            throw new SqlException("42P03", "cursor \"" + name + "\" already in use");
        }
        Planner.Planned planned;
        String text;
        PlAst.CursorDecl decl = frame.function.cursor(cursor.slot());
        if (decl != null) {
            for (int i = 0; i < args.size(); i++) {
                Value a = value(args.get(i));
                store(decl.params().get(i), a.value(), a.type());
            }
            planned = decl.query().planCursor(frame);
            text = decl.query().text;
        } else if (dynamic) {
            text = executeText(query);
            planned = planDynamic(text, using);
        } else {
            planned = query.planCursor(frame);
            text = query.text;
        }
        String opened = cursors().open(name, planned, noScroll, text);
        frame.values[cursor.slot()] = opened;
        return opened;
    }

    /** OPEN FOR EXECUTE's string planned with USING's values as $1, $2, ... */
    private Planner.Planned planDynamic(String text, List<PlExpr> using) {
        Parameters parameters = usingParameters(using);
        List<Statement> parsed = Parser.parse(text, true);
        if (parsed.size() != 1) {
            throw new SqlException("42601", "cannot insert multiple commands into a prepared statement");
        }
        if (!(parsed.getFirst() instanceof Statement.Select select)) {
            throw PlExpr.notACursorQuery(text);
        }
        try {
            return Spi.plan(select.query(), parameters, frame.ctx);
        } catch (SqlException e) {
            throw ErrorContext.add(e, "SQL statement \"" + text + "\"");
        }
    }

    /** FETCH ... INTO (the row, or NULLs past the end) and MOVE: FOUND and ROW_COUNT say whether there was a row. */
    private Flow fetch(PlAst.Fetch f) {
        long count = f.count();
        if (f.countExpr() != null) {
            Object n = value(f.countExpr(), SqlType.INT8);
            if (n == null) {
                throw new SqlException("22004", "relative or absolute cursor position is null");
            }
            count = f.backward() ? -(Long) n : (Long) n;
        }
        String name = cursorName(f.cursor());
        org.tusk.sql.func.FunctionCursors.Fetched r = cursors().fetch(new Statement.Fetch(name, f.direction(), count,
                f.move(), 0));
        if (!f.move()) {
            PlExpr.Result rows = new PlExpr.Result(r.names(), r.types(), r.rows());
            assignRow(f.into(), null, rows, r.rows().isEmpty() ? null : r.rows().getFirst());
        }
        frame.rowCount = r.count();
        frame.values[frame.function.foundSlot] = r.count() > 0;
        return null;
    }

    /**
     * FOR r IN cursor (exec_stmt_forc): the bound cursor opened (42P03 if it is open already), its rows read
     * one by one into the loop's record, and closed however the loop ends; an unnamed one's variable is NULL
     * again afterwards.
     */
    private Flow forCursor(PlAst.ForCursor fc) {
        Object before = frame.values[fc.cursor().slot()];
        String name = open(fc.cursor(), null, false, List.of(), fc.args(), false);
        Statement.Fetch next = new Statement.Fetch(name, Statement.FetchDirection.RELATIVE_COUNT, 1, false, 0);
        PlExpr.Result[] shape = {null};
        try {
            return eachRow(fc.label(), fc.body(), () -> {
                org.tusk.sql.func.FunctionCursors.Fetched r = cursors().fetch(next);
                shape[0] = new PlExpr.Result(r.names(), r.types(), List.of());
                return r.rows().isEmpty() ? null : r.rows().getFirst();
            }, row -> assignRow(List.of(fc.target()), null, shape[0], row));
        } finally {
            if (cursors().exists(name)) {
                cursors().close(name);
            }
            if (before == null) {
                frame.values[fc.cursor().slot()] = null;
            }
        }
    }

    private Flow foreach(PlAst.Foreach fe) {
        Value a = value(fe.array());
        if (a.value() == null) {
            throw new SqlException("22004", "FOREACH expression must not be null");
        }
        if (!(a.value() instanceof ArrayValue array)) {
            throw new SqlException("42804", "FOREACH expression must yield an array, not type "
                    + a.type().displayName());
        }
        boolean[] stop = {false};
        boolean found = false;
        for (Object e : array.elements()) {
            found = true;
            store(fe.var(), e, a.type().elementType());
            Flow f = iteration(fe.label(), fe.body(), stop);
            if (f != null) {
                return f;
            }
            if (stop[0]) {
                break;
            }
        }
        frame.values[frame.function.foundSlot] = found;
        return null;
    }

    private Flow returnStatement(PlAst.Return r) {
        var def = frame.function.definition;
        if (def == null || def.returnsSet()) {
            if (r.value() != null) {
                throw new SqlException("42804", def == null ? "RETURN cannot have a parameter in function returning void"
                        : "RETURN cannot have a parameter in function returning set");
            }
            return RETURNED;
        }
        if (def.returnsRows()) {
            frame.returnValue = outRow();
            return RETURNED;
        }
        if (def.result() == SqlType.TRIGGER) {
            return triggerReturn(r);
        }
        if (CompositeResults.applies(def)) {
            if (r.record() != null) {
                frame.returnValue = CompositeResults.fromVariable(frame.values[r.record().slot()]);
            } else {
                Value v = r.value() == null ? new Value(null, SqlType.RECORD) : value(r.value());
                frame.returnValue = CompositeResults.result(v.value(), v.type());
            }
            return RETURNED;
        }
        if (r.value() == null) {
            frame.returnValue = null;
            return RETURNED;
        }
        Value v = value(r.value());
        frame.returnValue = def.result() == SqlType.VOID ? null : convert(v.value(), v.type(), def.result(), -1);
        return RETURNED;
    }

    /** A trigger function returns a row (RETURN NEW, OLD or another record variable) or NULL. */
    private Flow triggerReturn(PlAst.Return r) {
        if (r.record() != null) {
            frame.returnValue = frame.values[r.record().slot()];
            return RETURNED;
        }
        if (r.value() != null) {
            Value v = value(r.value());
            if (v.value() instanceof org.tusk.sql.types.RecordValue row) {
                // RETURN coalesce(NEW, OLD) and other row-valued expressions
                frame.returnValue = new RecordValue(row.type().fieldNames(), row.type().fieldTypes(), row.values());
                return RETURNED;
            }
            if (v.value() != null) {
                throw new SqlException("42804", "cannot return non-composite value from function returning "
                        + "composite type");
            }
        }
        frame.returnValue = null;
        return RETURNED;
    }

    private Flow returnNext(PlAst.ReturnNext r) {
        var def = frame.function.definition;
        if (def == null || !def.returnsSet()) {
            throw new SqlException("42804", "cannot use RETURN NEXT in a non-SETOF function");
        }
        if (def.returnsRows()) {
            if (r.value() != null) {
                throw new SqlException("42804", "RETURN NEXT cannot have a parameter in function with OUT parameters");
            }
            frame.results.add(outRow());
            return null;
        }
        if (CompositeResults.applies(def)) {
            Value v = value(r.value());
            // a NULL row is a row of NULLs in the result set
            Object row = CompositeResults.result(v.value(), v.type());
            org.tusk.sql.types.RowType target = def.returnsRecord() ? frame.expected : def.rowType();
            if (row == null && target != null) {
                row = new org.tusk.sql.types.RecordValue(target, new Object[target.size()]);
            }
            // exec_stmt_return_next: a record variable's own message, an expression's the RETURN one
            boolean variable = r.value().text.strip().matches("SELECT [A-Za-z_][A-Za-z_0-9]*");
            frame.results.add(CompositeResults.match(row, def, frame.expected, variable
                    ? "wrong record type supplied in RETURN NEXT"
                    : "returned record type does not match expected record type"));
            return null;
        }
        Value v = value(r.value());
        frame.results.add(convert(v.value(), v.type(), def.result(), -1));
        return null;
    }

    private Flow returnQuery(PlAst.ReturnQuery r) {
        var def = frame.function.definition;
        if (def == null || !def.returnsSet()) {
            throw new SqlException("42804", "cannot use RETURN QUERY in a non-SETOF function");
        }
        PlExpr.Result result = r.dynamic() ? dynamic(r.query(), r.using()) : query(r.query());
        if (result == null) {
            throw new SqlException("42601", "query does not return tuples");
        }
        if (CompositeResults.applies(def)) {
            CompositeResults.queryRows(result.names(), result.types(), result.rows(), def, frame.expected,
                    this::assign, frame.results);
            frame.rowCount = result.rows().size();
            return null;
        }
        List<SqlType> expected = def.returnsRows() ? def.columnTypes() : List.of(def.result());
        if (result.types().size() != expected.size()) {
            throw new SqlException(ErrorFields.of("ERROR", "42804", "structure of query does not match function "
                    + "result type").detail("Number of returned columns (" + result.types().size() + ") does not "
                    + "match expected column count (" + expected.size() + ").").build());
        }
        for (Object[] row : result.rows()) {
            Object[] out = new Object[expected.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = convert(row[i], result.types().get(i), expected.get(i), -1);
            }
            frame.results.add(def.returnsRows() ? out : out[0]);
        }
        frame.rowCount = result.rows().size();
        return null;
    }

    private Flow sql(PlAst.Sql q) {
        long[] count = {0};
        PlExpr.Result r = q.statement().run(frame, count);
        frame.rowCount = count[0];
        // FOUND is set before INTO's checks, so a handler of their errors sees it
        frame.values[frame.function.foundSlot] = count[0] > 0;
        if (!q.into().isEmpty()) {
            if (r == null) {
                throw new SqlException("42601", "INTO used with a command that cannot return data");
            }
            if (q.strict() && r.rows().isEmpty()) {
                throw new SqlException("P0002", "query returned no rows");
            }
            // exec_stmt_execsql: INSERT/UPDATE/DELETE ... RETURNING INTO is strict about more than one row
            if ((q.strict() || isDml(q.statement())) && r.rows().size() > 1) {
                throw new SqlException(ErrorFields.of("ERROR", "P0003", "query returned more than one row")
                        .hint("Make sure the query returns a single row, or use LIMIT 1.").build());
            }
            assignRow(q.into(), q.intoField(), r, r.rows().isEmpty() ? null : r.rows().getFirst());
        }
        frame.values[frame.function.foundSlot] = count[0] > 0;
        return null;
    }

    private static boolean isDml(PlExpr e) {
        String head = e.text.stripLeading().toLowerCase(java.util.Locale.ROOT);
        return head.startsWith("insert") || head.startsWith("update") || head.startsWith("delete");
    }

    /** EXECUTE: sets the row count for GET DIAGNOSTICS but, as in PostgreSQL, never FOUND. */
    private Flow execute(PlAst.Execute e) {
        Object found = frame.values[frame.function.foundSlot];
        PlExpr.Result r = dynamic(e.command(), e.using());
        frame.values[frame.function.foundSlot] = found;
        if (!e.into().isEmpty()) {
            if (r == null) {
                throw new SqlException("42601", "INTO used with a command that cannot return data");
            }
            if (e.strict() && r.rows().size() != 1) {
                throw new SqlException(r.rows().isEmpty() ? "P0002" : "P0003", r.rows().isEmpty()
                        ? "query returned no rows" : "query returned more than one row");
            }
            assignRow(e.into(), null, r, r.rows().isEmpty() ? null : r.rows().getFirst());
        }
        return null;
    }

    /** The text EXECUTE (or OPEN FOR EXECUTE, FOR IN EXECUTE) runs: 22004 if it is NULL. */
    private String executeText(PlExpr command) {
        Value c = value(command);
        if (c.value() == null) {
            throw new SqlException("22004", "query string argument of EXECUTE is null");
        }
        return c.value() instanceof String s ? s : TypeOutput.format(c.type(), c.value(), frame.ctx);
    }

    /** USING's values as $1, $2, ... (an unknown literal as text). */
    private Parameters usingParameters(List<PlExpr> using) {
        SqlType[] types = new SqlType[using.size()];
        Object[] values = new Object[using.size()];
        for (int i = 0; i < using.size(); i++) {
            Value u = value(using.get(i));
            types[i] = u.type() == SqlType.UNKNOWN ? SqlType.TEXT : u.type();
            values[i] = u.value();
        }
        return Parameters.bound(types, values);
    }

    /** EXECUTE's string: parsed and run now, with USING's values as $1, $2, ... */
    private PlExpr.Result dynamic(PlExpr command, List<PlExpr> using) {
        String text = executeText(command);
        Parameters p = usingParameters(using);
        List<Statement> parsed = Parser.parse(text, true);
        if (parsed.size() != 1) {
            throw new SqlException("42601", "cannot insert multiple commands into a prepared statement");
        }
        Statement s = parsed.getFirst();
        EvalContext ctx = frame.ctx;
        try {
            switch (s) {
                case Statement.Select select -> {
                    Planner.Planned planned = Spi.plan(select.query(), p, ctx);
                    List<Object[]> rows = new ArrayList<>();
                    frame.rowCount = Spi.run(planned, ctx, rows::add);
                    frame.values[frame.function.foundSlot] = frame.rowCount > 0;
                    return new PlExpr.Result(planned.columns().stream().map(Planner.Column::name).toList(),
                            planned.columns().stream().map(Planner.Column::type).toList(), rows);
                }
                case Statement.Insert x -> {
                    return dynamicDml(s, p);
                }
                case Statement.Update x -> {
                    return dynamicDml(s, p);
                }
                case Statement.Delete x -> {
                    return dynamicDml(s, p);
                }
                default -> {
                    Spi.runUtility(s, ctx);
                    frame.rowCount = 0;
                }
            }
        } catch (SqlException e) {
            throw ErrorContext.add(e, "SQL statement \"" + text + "\"");
        }
        return null;
    }

    private PlExpr.Result dynamicDml(Statement s, Parameters p) {
        long[] count = {0};
        PlExpr.Result r = PlExpr.dml(s, p, frame.ctx, count);
        frame.rowCount = count[0];
        return r;
    }

    private Flow raise(PlAst.Raise r) {
        if (r.rethrow()) {
            if (frame.handling == null) {
                throw new SqlException("0Z002", "RAISE without parameters cannot be used outside an exception handler");
            }
            throw frame.handling;
        }
        String message;
        if (r.format() != null) {
            message = format(r.format(), r.args());
        } else if (r.conditionName() != null) {
            message = r.conditionName();
        } else {
            message = r.sqlState();
        }
        String sqlState = r.sqlState();
        String detail = null;
        String hint = null;
        for (int i = 0; i < r.optionNames().size(); i++) {
            Value v = value(r.optionValues().get(i));
            if (v.value() == null) {
                throw new SqlException("22004", "RAISE statement option cannot be null");
            }
            String text = TypeOutput.format(v.type() == SqlType.UNKNOWN ? SqlType.TEXT : v.type(), v.value(),
                    frame.ctx);
            switch (r.optionNames().get(i)) {
                case "message" -> message = text;
                case "detail" -> detail = text;
                case "hint" -> hint = text;
                case "errcode" -> {
                    String named = Conditions.sqlState(text);
                    if (named == null && !text.matches("[0-9A-Z]{5}")) {
                        throw new SqlException("42704", "unrecognized exception condition \"" + text + "\"");
                    }
                    sqlState = named != null ? named : text;
                }
                default -> {
                    // COLUMN, CONSTRAINT, DATATYPE, TABLE, SCHEMA: fields Tusk's errors do not carry yet
                }
            }
        }
        String severity = switch (r.level()) {
            case "exception" -> "ERROR";
            case "warning" -> "WARNING";
            case "notice" -> "NOTICE";
            case "info" -> "INFO";
            case "log" -> "LOG";
            default -> "DEBUG";
        };
        String code = sqlState != null ? sqlState : severity.equals("ERROR") ? "P0001"
                : severity.equals("WARNING") ? "01000" : "00000";
        ErrorFields.Builder b = ErrorFields.of(severity, code, message);
        if (detail != null) {
            b.detail(detail);
        }
        if (hint != null) {
            b.hint(hint);
        }
        if (severity.equals("ERROR")) {
            throw new SqlException(b.build());
        }
        if (!severity.equals("LOG") && !severity.equals("DEBUG")) {
            frame.ctx.notice(b.build());
        }
        return null;
    }

    /** RAISE's message: each % replaced by the next argument's text (NULL prints as <NULL>), %% by %. */
    private String format(String format, List<PlExpr> args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
            } else if (i + 1 < format.length() && format.charAt(i + 1) == '%') {
                out.append('%');
                i++;
            } else {
                if (next >= args.size()) {
                    throw new SqlException("42601", "too few parameters specified for RAISE");
                }
                Value v = value(args.get(next++));
                out.append(v.value() == null ? "<NULL>" : TypeOutput.format(v.type() == SqlType.UNKNOWN
                        ? SqlType.TEXT : v.type(), v.value(), frame.ctx));
            }
        }
        if (next < args.size()) {
            throw new SqlException("42601", "too many parameters specified for RAISE");
        }
        return out.toString();
    }

    // ---- values

    /** An assignment conversion without a type modifier (CompositeResults' converter). */
    private Object assign(Object value, SqlType from, SqlType to) {
        return convert(value, from, to, -1);
    }

    /** A computed value with its type. */
    private record Value(Object value, SqlType type) {
    }

    private PlExpr.Result query(PlExpr e) {
        long[] count = {0};
        return e.run(frame, count);
    }

    /** An expression's value: the one column of the one row its query returns (none: NULL). */
    private Value value(PlExpr e) {
        PlExpr.Result r = query(e);
        if (r.types().size() != 1) {
            throw new SqlException("42601", "query \"" + e.text + "\" returned " + r.types().size() + " columns");
        }
        if (r.rows().size() > 1) {
            throw new SqlException("21000", "query \"" + e.text + "\" returned more than one row");
        }
        return new Value(r.rows().isEmpty() ? null : r.rows().getFirst()[0], r.types().getFirst());
    }

    private Object value(PlExpr e, SqlType type) {
        Value v = value(e);
        return convert(v.value(), v.type(), type, -1);
    }

    private boolean condition(PlExpr e) {
        return Boolean.TRUE.equals(value(e, SqlType.BOOL));
    }

    private void store(PlAst.Var v, Object value, SqlType from) {
        if (v.record()) {
            throw new SqlException("42804", "cannot assign a scalar value to record variable \"" + v.name() + "\"");
        }
        Object converted = convert(value, from, frame.function.slotType(v.slot()), frame.function.slotTypmod(v.slot()));
        if (converted == null && v.notNull()) {
            throw new SqlException("22004", "null value cannot be assigned to variable \"" + v.name()
                    + "\" declared NOT NULL");
        }
        frame.values[v.slot()] = converted;
    }

    /** A query's row into INTO or FOR targets: one record takes the row; else each variable a column. */
    private void assignRow(List<PlAst.Var> targets, String field, PlExpr.Result r, Object[] row) {
        if (targets.size() == 1 && targets.getFirst().record()) {
            RecordValue shape = frame.function.rowTemplate(targets.getFirst().slot());
            if (shape != null) {
                // a row variable keeps its fields; the query's columns fill them by position
                Object[] values = shape.values();
                for (int i = 0; row != null && i < values.length && i < row.length; i++) {
                    values[i] = convert(row[i], r.types().get(i), shape.types().get(i), -1);
                }
                frame.values[targets.getFirst().slot()] = shape;
                return;
            }
            frame.values[targets.getFirst().slot()] = new RecordValue(r.names(), r.types(),
                    row == null ? new Object[r.types().size()] : row.clone());
            return;
        }
        for (int i = 0; i < targets.size(); i++) {
            Object v = row == null || i >= row.length ? null : row[i];
            store(targets.get(i), v, i < r.types().size() ? r.types().get(i) : SqlType.TEXT);
        }
    }

    /** The OUT (or TABLE) columns' current values as a row. */
    private Object[] outRow() {
        List<Integer> slots = frame.function.outSlots;
        Object[] row = new Object[slots.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = frame.values[slots.get(i)];
        }
        return row;
    }

    /**
     * PL/pgSQL's assignment: a cast where one exists (explicit casts included, as exec_cast_value does), else
     * through the types' text forms (I/O conversion).
     */
    private Object convert(Object value, SqlType from, SqlType to, int typmod) {
        if (value == null || (from == to && typmod < 0)) {
            return value;
        }
        if (from == SqlType.UNKNOWN) {
            return TypeInput.parse(to, value.toString(), frame.ctx);
        }
        if (Casts.context(from, to) != null) {
            return Casts.convert(value, from, to, typmod, true, frame.ctx);
        }
        return TypeInput.parse(to, TypeOutput.format(from, value, frame.ctx), frame.ctx);
    }

    /** An INOUT parameter's output variable starts with the value passed in (it is one variable in PL/pgSQL). */
    private static void initInOut(PlFunction f, Object[] args, Frame frame) {
        if (f.definition == null || !f.definition.returnsRows()) {
            return;
        }
        int in = 0;
        int out = 0;
        for (char mode : f.definition.callModes()) {
            if (mode == 'b' && in < args.length && out < f.outSlots.size()) {
                frame.values[f.outSlots.get(out)] = args[in];
            }
            if (mode != 'o') {
                in++;
            }
            if (mode == 'o' || mode == 'b') {
                out++;
            }
        }
    }
}

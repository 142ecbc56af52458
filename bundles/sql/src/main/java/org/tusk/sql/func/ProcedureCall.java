package org.tusk.sql.func;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.eval.Routine;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeOutput;

/**
 * CALL (PostgreSQL's ExecuteCallStmt with ParseFuncOrColumn's proc_call checks): finds the procedure by
 * its name and the types of the arguments, which for a procedure include its OUT parameters (the
 * arguments written for them are not evaluated; NULL is customary); runs it through the language's
 * handler as a function call would; and when the procedure has output parameters (OUT or INOUT) sends
 * their values as one result row before the command tag CALL. A function named in CALL is 42809 "is not a
 * procedure", as a procedure named in a SELECT is 42809 "is a procedure" (checked by the analyzer).
 */
public final class ProcedureCall {
    private static final String HINT = "No procedure matches the given name and argument types. You might need to "
            + "add explicit type casts.";

    private ProcedureCall() {
    }

    /**
     * @param transactionControl whether the procedure may COMMIT and ROLLBACK: CALL runs in its own
     *        transaction, not inside a transaction block (and not inside a function)
     */
    public static void run(DdlCommand.Call c, BackendDatabase db, EvalContext session, ResultSink sink,
            boolean transactionControl) {
        run(c, db, session, sink, transactionControl, Parameters.none());
    }

    /**
     * The output columns of a CALL (its RowDescription in the extended protocol), or null for a procedure
     * without output parameters; resolves the procedure as running it would, typing the parameters.
     */
    public static List<ColumnDescription> describe(DdlCommand.Call c, BackendDatabase db, EvalContext session,
            Parameters parameters) {
        Analyzer analyzer = new Analyzer(session, parameters);
        List<Expression> written = new ArrayList<>();
        for (Expr a : c.call().args()) {
            written.add(analyzer.transform(a instanceof Expr.CallArg n ? n.value() : a));
        }
        List<Expression> args = new ArrayList<>();
        FunctionDefinition d = resolve(db.catalog(), c.call(), written, args, description(c.call(), written));
        for (int i = 0; i < args.size(); i++) {
            analyzer.coerceTo(args.get(i), d.callTypes().get(i), -1);
        }
        return d.procedure() && d.returnsRows() ? columns(d) : null;
    }

    private static List<ColumnDescription> columns(FunctionDefinition d) {
        List<ColumnDescription> columns = new ArrayList<>();
        for (int i = 0; i < d.columns().size(); i++) {
            SqlType t = d.columnTypes().get(i);
            columns.add(ColumnDescription.computed(d.columns().get(i), t.oid(), t.length()));
        }
        return columns;
    }

    /** CALL with the statement's parameters ($n of the extended protocol or EXECUTE). */
    public static void run(DdlCommand.Call c, BackendDatabase db, EvalContext session, ResultSink sink,
            boolean transactionControl, Parameters parameters) {
        Expr.FuncCall call = c.call();
        Analyzer analyzer = new Analyzer(session, parameters);
        List<Expression> written = new ArrayList<>();
        for (Expr a : call.args()) {
            written.add(analyzer.transform(a instanceof Expr.CallArg n ? n.value() : a));
        }
        String description = description(call, written);
        List<Expression> args = new ArrayList<>();
        FunctionDefinition d = resolve(db.catalog(), call, written, args, description);
        if (!d.procedure()) {
            throw new SqlException(ErrorFields.of("ERROR", "42809", description + " is not a procedure")
                    .hint("To call a function, use SELECT.").position(call.position()).build());
        }
        // The arguments for input parameters, converted to their types; OUT ones are skipped unevaluated.
        List<Expression> inputs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (d.callModes().get(i) != 'o') {
                inputs.add(analyzer.coerceTo(args.get(i), d.callTypes().get(i), -1));
            }
        }
        FunctionCall body = routine(session, call.name(), d, inputs.size());
        Object[] values = new Object[inputs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = inputs.get(i).eval(session);
        }
        TransactionControl.enter(session, transactionControl || TransactionControl.nonAtomic());
        List<Object> result;
        try {
            result = body.rows(values, session);
        } finally {
            TransactionControl.leave(session);
        }
        if (!d.returnsRows()) {
            return;
        }
        List<ColumnDescription> columns = columns(d);
        sink.rowDescription(columns);
        Object first = result.isEmpty() ? null : result.getFirst();
        Object[] row = first instanceof Object[] r ? r : new Object[columns.size()];
        byte[][] out = new byte[row.length][];
        for (int i = 0; i < row.length; i++) {
            out[i] = row[i] == null ? null
                    : TypeOutput.format(d.columnTypes().get(i), row[i], session).getBytes(StandardCharsets.UTF_8);
        }
        sink.dataRow(out);
    }

    /**
     * The routine CALL means: an exact match of the argument types first, else the only one the arguments
     * reach by implicit conversions; a procedure matches on all its parameters, a function on its inputs.
     */
    private static FunctionDefinition resolve(RelationCache rc, Expr.FuncCall call, List<Expression> written,
            List<Expression> ordered, String description) {
        List<FunctionDefinition> reachable = new ArrayList<>();
        List<List<Expression>> orders = new ArrayList<>();
        for (FunctionDefinition d : UserFunctionsAccess.visible(rc, call.name())) {
            List<SqlType> params = d.procedure() ? d.callTypes() : d.argTypes();
            int required = params.size() - d.defaults().size();
            List<Expression> args = order(call.args(), written, d.procedure() ? d.callNames() : d.argNames(),
                    params.size());
            if (args == null || args.size() < required) {
                continue;
            }
            List<SqlType> types = args.stream().map(Expression::type).toList();
            List<SqlType> given = params.subList(0, types.size());
            if (given.equals(types)) {
                ordered.addAll(args);
                return d;
            }
            boolean ok = true;
            for (int i = 0; i < types.size() && ok; i++) {
                ok = Casts.canCoerceImplicitly(types.get(i), given.get(i));
            }
            if (ok) {
                reachable.add(d);
                orders.add(args);
            }
        }
        if (reachable.isEmpty()) {
            throw new SqlException(ErrorFields.of("ERROR", "42883", "procedure " + description + " does not exist")
                    .hint(HINT).position(call.position()).build());
        }
        if (reachable.size() > 1) {
            throw new SqlException(ErrorFields.of("ERROR", "42725", "procedure " + description + " is not unique")
                    .hint("Could not choose a best candidate procedure. You might need to add explicit type casts.")
                    .position(call.position()).build());
        }
        ordered.addAll(orders.getFirst());
        return reachable.getFirst();
    }

    /**
     * The written arguments in parameter order (named ones put at their parameter's place), or null when the
     * names do not fit or leave a gap; the list is as long as the prefix of parameters given.
     */
    private static List<Expression> order(List<Expr> raw, List<Expression> written, List<String> names, int size) {
        if (raw.size() > size) {
            return null;
        }
        Expression[] slots = new Expression[size];
        int last = -1;
        for (int i = 0; i < raw.size(); i++) {
            int slot = i;
            if (raw.get(i) instanceof Expr.CallArg c) {
                if (c.variadic()) {
                    return null;
                }
                if (c.name() != null) {
                    slot = names.indexOf(c.name());
                }
            }
            if (slot < 0 || slots[slot] != null) {
                return null;
            }
            slots[slot] = written.get(i);
            last = Math.max(last, slot);
        }
        List<Expression> out = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            if (slots[i] == null) {
                return null;
            }
            out.add(slots[i]);
        }
        return out;
    }

    /** func_signature_string: the call as written, "p(integer, b => integer)". */
    private static String description(Expr.FuncCall call, List<Expression> written) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            String part = written.get(i).type().displayName();
            if (call.args().get(i) instanceof Expr.CallArg c) {
                part = (c.variadic() ? "VARIADIC " : "") + (c.name() == null ? "" : c.name() + " => ") + part;
            }
            parts.add(part);
        }
        return String.join(".", call.name()) + "(" + String.join(", ", parts) + ")";
    }

    /** The session's routine for {@code d} taking {@code given} inputs (the defaults complete the rest). */
    private static FunctionCall routine(EvalContext session, List<String> name, FunctionDefinition d, int given) {
        for (Routine r : session.userFunctions(name)) {
            if (r.body() instanceof FunctionCall f && f.definition().oid() == d.oid() && r.args().size() == given) {
                return f;
            }
        }
        throw new IllegalStateException("no routine for " + d.signature());
    }

    /** Visibility of user routines by (possibly qualified) name, as the function cache decides it. */
    private static final class UserFunctionsAccess {
        private UserFunctionsAccess() {
        }

        static List<FunctionDefinition> visible(RelationCache rc, List<String> name) {
            List<FunctionDefinition> out = new ArrayList<>();
            for (FunctionDefinition d : FunctionCommands.definitions(rc, name.getLast())) {
                if (name.size() > 1) {
                    Integer ns = rc.namespaceOid(name.get(name.size() - 2));
                    if (ns != null && ns == d.namespace()) {
                        out.add(d);
                    }
                } else if (rc.searchPath().contains(rc.namespaceName(d.namespace()))) {
                    out.add(d);
                }
            }
            return out;
        }
    }
}

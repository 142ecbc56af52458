package org.tusk.sql.func;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Routine;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeOutput;

/**
 * The body of a user-defined function's routine: completes the arguments with the defaults a call left
 * out, then hands the call to the language's handler, compiled at the first call of the session. A
 * function with defaults is offered to resolution once per number of arguments it accepts, as
 * PostgreSQL's FuncnameGetCandidates expands defaults.
 */
public final class FunctionCall implements Routine.Body, org.tusk.sql.eval.RowValues.RowTyped {
    private final FunctionDefinition definition;
    private final int given;
    private final Handler[] handler;
    private final Expression[] defaults;

    private FunctionCall(FunctionDefinition definition, int given, Handler[] handler, Expression[] defaults) {
        this.definition = definition;
        this.given = given;
        this.handler = handler;
        this.defaults = defaults;
    }

    /** The routines of one function: all arguments given, then each shorter list its defaults complete. */
    static List<Routine> routines(FunctionDefinition d) {
        Handler[] handler = new Handler[1];
        Expression[] defaults = new Expression[d.defaults().size()];
        List<Routine> out = new ArrayList<>();
        int n = d.argTypes().size();
        for (int given = n; given >= n - d.defaults().size(); given--) {
            out.add(new Routine(d.name(), d.argTypes().subList(0, given), d.result(), d.strict() && given == n,
                    new FunctionCall(d, given, handler, defaults)));
        }
        return out;
    }

    /** User functions are never computed ahead by constant folding: their side effects would run twice. */
    @Override
    public boolean foldable() {
        return false;
    }

    @Override
    public List<String> argNames() {
        return definition.argNames().subList(0, given);
    }

    @Override
    public boolean variadic() {
        return definition.variadic() && given == definition.argTypes().size();
    }

    @Override
    public boolean procedure() {
        return definition.procedure();
    }

    public FunctionDefinition definition() {
        return definition;
    }

    /** The row a call produces (a composite type's, the OUT columns'), null for a scalar or a bare record. */
    @Override
    public org.tusk.sql.types.RowType rowType() {
        return definition.rowType();
    }

    @Override
    public Object apply(Object[] args, EvalContext ctx) {
        List<Object> rows = rows(args, ctx);
        if (rows.isEmpty()) {
            return null;
        }
        return asValue(rows.getFirst(), definition);
    }

    /** One result row of a call as the value of an expression: a row of several columns as a record. */
    static Object asValue(Object row, FunctionDefinition d) {
        return row instanceof Object[] values ? new org.tusk.sql.types.RecordValue(d.rowType(), values) : row;
    }

    /** The function's result rows for these arguments (one for a scalar function). */
    public List<Object> rows(Object[] args, EvalContext ctx) {
        return rows(args, ctx, null);
    }

    /**
     * The result rows of a call whose caller expects rows of {@code expected} (a function returning record
     * called with a column definition list; null otherwise).
     */
    public List<Object> rows(Object[] args, EvalContext ctx, org.tusk.sql.types.RowType expected) {
        Object[] all = args;
        int n = definition.argTypes().size();
        if (given < n) {
            all = java.util.Arrays.copyOf(args, n);
            for (int i = given; i < n; i++) {
                all[i] = defaultValue(i, ctx);
            }
        }
        if (definition.strict()) {
            for (Object a : all) {
                if (a == null) {
                    return definition.returnsSet() ? List.of() : java.util.Collections.singletonList(null);
                }
            }
        }
        ctx.checkForInterrupts();
        // check_stack_depth: 54001 here, before the call, where an EXCEPTION block can catch it
        long depth = CallDepth.enter(definition.language().equals("sql") ? CallDepth.SQL : CallDepth.PLPGSQL, ctx);
        try {
            return invoke(all, ctx, expected);
        } finally {
            CallDepth.leave(depth);
        }
    }

    private List<Object> invoke(Object[] all, EvalContext ctx, org.tusk.sql.types.RowType expected) {
        if (!definition.config().isEmpty()) {
            // fmgr_security_definer: the SET clauses hold during the call and are undone after it, also when
            // it fails; such a call is atomic (a procedure with SET clauses may not COMMIT).
            int depth = ctx.enterFunctionSettings(definition.config());
            TransactionControl.enterFunction();
            try {
                return invokeAs(all, ctx, expected);
            } finally {
                TransactionControl.leave(ctx);
                ctx.leaveFunctionSettings(depth);
            }
        }
        return invokeAs(all, ctx, expected);
    }

    private List<Object> invokeAs(Object[] all, EvalContext ctx, org.tusk.sql.types.RowType expected) {
        if (definition.securityDefiner()) {
            // fmgr_security_definer: the owner is the current user while the function runs, and the call is
            // atomic (a SECURITY DEFINER procedure may not COMMIT, as in PostgreSQL).
            String previous = ctx.runAs(ownerName(ctx));
            TransactionControl.enterFunction();
            try {
                return handler(ctx).call(all, ctx, expected);
            } finally {
                TransactionControl.leave(ctx);
                ctx.runAs(previous);
            }
        }
        if (definition.procedure()) {
            return handler(ctx).call(all, ctx, expected);
        }
        TransactionControl.enterFunction();
        try {
            return handler(ctx).call(all, ctx, expected);
        } finally {
            TransactionControl.leave(ctx);
        }
    }

    /** The role that owns the function, by name (the bootstrap superuser when it cannot be read). */
    private String ownerName(EvalContext ctx) {
        if (ctx.accessChecks() != null) {
            String name = ctx.accessChecks().roles().name(definition.owner());
            if (name != null) {
                return name;
            }
        }
        return ctx.sessionUser();
    }

    private Handler handler(EvalContext ctx) {
        if (handler[0] == null) {
            handler[0] = switch (definition.language()) {
                case "sql" -> new SqlFunction(definition);
                case "c" -> org.tusk.sql.extension.NativeFunctions.handler(definition.source());
                default -> org.tusk.sql.plpgsql.PlpgsqlFunction.handler(definition);
            };
        }
        return handler[0];
    }

    private Object defaultValue(int argument, EvalContext ctx) {
        int d = argument - (definition.argTypes().size() - defaults.length);
        if (defaults[d] == null) {
            Analyzer a = new Analyzer(ctx);
            defaults[d] = a.coerceTo(a.transform(Parser.parseExpression(definition.defaults().get(d))),
                    definition.argTypes().get(argument), -1);
        }
        return defaults[d].eval(ctx);
    }

    /** record_out: a row of several columns as text, "(1,abc)", quoting what needs it. */
    static String recordText(Object[] row, List<SqlType> types, EvalContext ctx) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            if (row[i] == null) {
                continue;
            }
            String s = TypeOutput.format(types.get(i), row[i], ctx);
            boolean quote = s.isEmpty() || s.chars().anyMatch(c -> c == '"' || c == '\\' || c == '(' || c == ')'
                    || c == ',' || Character.isWhitespace(c));
            if (quote) {
                b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\"\"")).append('"');
            } else {
                b.append(s);
            }
        }
        return b.append(')').toString();
    }

    /** 0A000 for what a function may not do here. */
    static SqlException unsupported(String what) {
        return new SqlException("0A000", what + " is not supported in functions yet");
    }
}

package org.tusk.sql.plpgsql;

import java.util.List;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.func.FunctionDefinition;
import org.tusk.sql.func.Handler;
import org.tusk.sql.func.NestedSnapshot;

/**
 * The entry points of LANGUAGE plpgsql (plpgsql_call_handler, plpgsql_validator, plpgsql_inline_handler):
 * a function's body is compiled at its first call in the session and kept with the session's routine;
 * CREATE FUNCTION compiles it once to report syntax errors; DO compiles and runs its block at once.
 */
public final class PlpgsqlFunction implements Handler {
    private final FunctionDefinition definition;
    private PlFunction compiled;

    private PlpgsqlFunction(FunctionDefinition definition) {
        this.definition = definition;
    }

    public static Handler handler(FunctionDefinition definition) {
        return new PlpgsqlFunction(definition);
    }

    /** A trigger function's handler, kept by the session's trigger cache. */
    public static PlpgsqlFunction forTrigger(FunctionDefinition definition) {
        return new PlpgsqlFunction(definition);
    }

    /** Runs the trigger function for one event; returns the row it returned, or null. */
    public Object[] fire(org.tusk.sql.trigger.TriggerData data, EvalContext ctx) {
        if (compiled == null) {
            compiled = new PlFunction(definition.source(), definition, ctx);
        }
        ctx.checkForInterrupts();
        long depth = org.tusk.sql.func.CallDepth.enter(org.tusk.sql.func.CallDepth.PLPGSQL, ctx);
        var snapshot = NestedSnapshot.enter(ctx, definition);
        try {
            return Interpreter.callTrigger(compiled, data, ctx);
        } finally {
            NestedSnapshot.leave(ctx, snapshot);
            org.tusk.sql.func.CallDepth.leave(depth);
        }
    }

    @Override
    public List<Object> call(Object[] args, EvalContext ctx) {
        return call(args, ctx, null);
    }

    @Override
    public List<Object> call(Object[] args, EvalContext ctx, org.tusk.sql.types.RowType expected) {
        if (definition.result() == org.tusk.sql.types.SqlType.TRIGGER) {
            // plpgsql_compile refuses a trigger function called as a plain function
            throw org.tusk.sql.func.ErrorContext.add(new org.tusk.spi.SqlException("0A000",
                    "trigger functions can only be called as triggers"), "compilation of PL/pgSQL function \""
                    + definition.name() + "\" near line 1");
        }
        if (compiled == null) {
            compiled = new PlFunction(definition.source(), definition, ctx);
        }
        var snapshot = NestedSnapshot.enter(ctx, definition);
        try {
            return Interpreter.call(compiled, args, ctx, expected);
        } finally {
            NestedSnapshot.leave(ctx, snapshot);
        }
    }

    /** The validator: the body must parse, and its declarations name known types. */
    public static void validate(FunctionDefinition definition, int bodyPosition, EvalContext ctx) {
        new PlFunction(definition.source(), definition, bodyPosition, ctx);
    }

    /** DO's block, run once. */
    public static void runInline(String body, int bodyPosition, EvalContext ctx) {
        Interpreter.call(new PlFunction(body, null, bodyPosition, ctx), new Object[0], ctx);
    }
}

package org.tusk.sql.plpgsql;

import java.util.List;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.func.FunctionDefinition;
import org.tusk.sql.func.Handler;

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

    @Override
    public List<Object> call(Object[] args, EvalContext ctx) {
        if (compiled == null) {
            compiled = compile(definition.source(), definition);
        }
        return Interpreter.call(compiled, args, ctx);
    }

    /** The validator: the body must parse, and its declarations name known types. */
    public static void validate(FunctionDefinition definition) {
        compile(definition.source(), definition);
    }

    /** DO's block, run once. */
    public static void runInline(String body, EvalContext ctx) {
        Interpreter.call(compile(body, null), new Object[0], ctx);
    }

    private static PlFunction compile(String source, FunctionDefinition definition) {
        return new PlFunction(source, definition);
    }
}

package org.tusk.sql.plpgsql;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.func.FunctionDefinition;
import org.tusk.sql.func.Handler;

/** Entry points of the PL/pgSQL language: the call handler, the validator and DO's inline handler. */
public final class PlpgsqlFunction {
    private PlpgsqlFunction() {
    }

    public static Handler handler(FunctionDefinition definition) {
        throw new SqlException("0A000", "PL/pgSQL is not supported yet");
    }

    public static void validate(FunctionDefinition definition) {
    }

    public static void runInline(String body, EvalContext ctx) {
        throw new SqlException("0A000", "PL/pgSQL is not supported yet");
    }
}

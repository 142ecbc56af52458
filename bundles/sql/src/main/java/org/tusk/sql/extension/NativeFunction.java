package org.tusk.sql.extension;

import java.util.List;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.types.SqlType;

/**
 * One function of an extension's install script ({@code CREATE FUNCTION name(args) RETURNS result AS
 * 'MODULE_PATHNAME', 'symbol' LANGUAGE C ...}) with the Java code that stands for the C symbol.
 *
 * @param name       proname
 * @param argNames   the declared argument names (null entries for unnamed ones), or null if none is named
 * @param argTypes   proargtypes
 * @param result     prorettype
 * @param volatility provolatile: 'i', 's' or 'v'
 * @param symbol     prosrc: the C function's name in the module
 * @param code       what a call computes (arguments converted to {@code argTypes}, never null: all are STRICT)
 */
public record NativeFunction(String name, List<String> argNames, List<SqlType> argTypes, SqlType result,
        char volatility, String symbol, Code code) {

    /** The body behind a C symbol. */
    @FunctionalInterface
    public interface Code {
        Object call(Object[] args, EvalContext ctx);
    }

    static NativeFunction of(String name, List<SqlType> args, SqlType result, char volatility, String symbol,
            Code code) {
        return new NativeFunction(name, null, args, result, volatility, symbol, code);
    }
}

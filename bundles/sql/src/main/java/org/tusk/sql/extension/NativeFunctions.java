package org.tusk.sql.extension;

import java.util.Collections;

import org.tusk.spi.SqlException;
import org.tusk.sql.func.Handler;

/**
 * The call handler of language C functions (prolang 13): what fmgr's load_external_function does with
 * prosrc, looking the symbol up among the built-in extensions' code instead of in a shared library.
 */
public final class NativeFunctions {

    private NativeFunctions() {
    }

    /**
     * The handler of a C function whose prosrc is {@code symbol}. A pg_proc row naming a symbol no extension
     * has fails when called, with load_external_function's message.
     */
    public static Handler handler(String symbol) {
        NativeFunction f = BuiltinExtensions.symbol(symbol);
        return (args, ctx) -> {
            if (f == null) {
                throw new SqlException("42883", "could not find function \"" + symbol + "\" in a built-in extension");
            }
            return Collections.singletonList(f.code().call(args, ctx));
        };
    }
}

package org.tusk.sql.session;

import java.util.function.Supplier;

import org.tusk.protocol.ErrorFields;
import org.tusk.sql.exec.ExecContext;
import org.tusk.spi.SqlException;

/**
 * PostgreSQL's "stack depth limit exceeded" (check_stack_depth) for a JVM engine.
 *
 * <p>The parser, the analyzer, the planner, expression evaluation and function calls all recurse in
 * Java frames, as PostgreSQL's do in C frames. PostgreSQL compares the stack pointer with
 * max_stack_depth at every recursion point; Java cannot read its stack pointer, and a recursion the
 * engine does not bound ends in a {@link StackOverflowError}. Left alone, that error kills the backend
 * thread without an answer (and a backend that dies counts as a crash). So each entry point of the
 * session (a simple query, Parse, Bind, Execute, a fast-path call) runs its work through
 * {@link #guard}, which turns the error into PostgreSQL's ERROR 54001 once the stack has unwound to the
 * entry point, where there is room again. The ERROR then takes the ordinary path: the transaction (or
 * the innermost subtransaction) is aborted, which releases buffer pins, locks and the storage's
 * subtransactions as after any other error, and the session goes on.
 *
 * <p>The error is not caught deep inside (not in PL/pgSQL's EXCEPTION blocks either): code running
 * with an almost exhausted stack cannot be trusted to clean up, while the entry point's frame has all
 * the stack it had before the statement started.
 */
public final class StackDepth {
    private StackDepth() {
    }

    /**
     * PostgreSQL's error, with its HINT naming the current max_stack_depth in kilobytes.
     *
     * @param maxStackDepth the setting's value as SHOW prints it ("2MB"), or null for the default
     */
    public static SqlException exceeded(String maxStackDepth) {
        return new SqlException(ErrorFields.of("ERROR", "54001", "stack depth limit exceeded")
                .hint("Increase the configuration parameter \"max_stack_depth\" (currently "
                        + kilobytes(maxStackDepth) + "kB), after ensuring the platform's stack depth limit is "
                        + "adequate.")
                .build());
    }

    /**
     * Runs {@code work}; a stack overflow inside it becomes {@link #exceeded}. Anything else passes
     * through unchanged.
     */
    public static <T> T guard(Supplier<String> maxStackDepth, Supplier<T> work) {
        try {
            return work.get();
        } catch (StackOverflowError e) {
            // A finally block of the deepest frames may have overflowed again and skipped its work; the
            // thread-bound execution context is the one such state outside the transaction: an entry
            // point runs no execution, so there is none now.
            ExecContext.restore(null);
            throw exceeded(maxStackDepth.get());
        }
    }

    /** {@link #guard(Supplier, Supplier)} for work without a result. */
    public static void guardRun(Supplier<String> maxStackDepth, Runnable work) {
        guard(maxStackDepth, () -> {
            work.run();
            return null;
        });
    }

    /** The setting in kilobytes ("2MB" is 2048), as PostgreSQL's HINT prints max_stack_depth. */
    static long kilobytes(String setting) {
        if (setting == null || setting.isEmpty()) {
            return 2048;
        }
        String s = setting.strip();
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        long n = Long.parseLong(s.substring(0, i));
        return switch (s.substring(i).strip()) {
            case "TB" -> n << 30;
            case "GB" -> n << 20;
            case "MB" -> n << 10;
            default -> n;
        };
    }
}

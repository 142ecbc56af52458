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
 * <p>The error is not caught deep inside: code running with an almost exhausted stack cannot be
 * trusted to clean up, while the entry point's frame has all the stack it had before the statement
 * started. The exceptions: a PL/pgSQL block with a handler for it catches the overflow once the stack
 * has unwound to the block and {@link #roomToRecover} finds room, and nested function calls are
 * counted against max_stack_depth before they start (func.CallDepth), so that a recursive function
 * gets an ordinary, catchable 54001 at the depth PostgreSQL would stop.
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
        long calls = org.tusk.sql.func.CallDepth.mark();
        try {
            return work.get();
        } catch (StackOverflowError e) {
            // A finally block of the deepest frames may have overflowed again and skipped its work; the
            // thread-bound execution context is the one such state outside the transaction: an entry
            // point runs no execution, so there is none now.
            ExecContext.restore(null);
            throw exceeded(maxStackDepth.get());
        } finally {
            // The calls' estimate (func.CallDepth) as before, also when an overflow skipped their leave.
            org.tusk.sql.func.CallDepth.reset(calls);
        }
    }

    /** How many frames {@link #roomToRecover} needs to be able to push: some hundreds of kilobytes. */
    private static final int PROBE_FRAMES = 4096;

    /**
     * After a {@link StackOverflowError} was caught (by a PL/pgSQL block around the recursion): whether
     * the stack has unwound far enough to roll back a subtransaction and run a handler. A probe recursion
     * of {@link #PROBE_FRAMES} frames must fit; if it does not, the caller passes the error on to a frame
     * further out. A heuristic, as the room a handler needs is not known in advance; a handler that
     * overflows again is an error in the handler, taken by the next block out.
     */
    public static boolean roomToRecover() {
        try {
            return probe(PROBE_FRAMES) == PROBE_FRAMES;
        } catch (StackOverflowError e) {
            return false;
        }
    }

    private static int probe(int n) {
        return n == 0 ? 0 : 1 + probe(n - 1);
    }

    /** {@link #guard(Supplier, Supplier)} for work without a result. */
    public static void guardRun(Supplier<String> maxStackDepth, Runnable work) {
        guard(maxStackDepth, () -> {
            work.run();
            return null;
        });
    }

    /** The setting in kilobytes ("2MB" is 2048), as PostgreSQL's HINT prints max_stack_depth. */
    public static long kilobytesOf(String setting) {
        return kilobytes(setting);
    }

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

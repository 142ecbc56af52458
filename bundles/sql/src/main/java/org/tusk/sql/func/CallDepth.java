package org.tusk.sql.func;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.session.StackDepth;

/**
 * check_stack_depth for nested function calls: what max_stack_depth limits in Tusk.
 *
 * <p>PostgreSQL compares its stack pointer with max_stack_depth at its recursion points, so a function
 * that calls itself gets an ordinary ERROR 54001 at a depth the setting decides, which an EXCEPTION
 * block around the recursion catches. A JVM cannot read its stack pointer, and its own stack (64MB for
 * a backend) is not the one the setting describes. So each thread keeps an estimate of the stack that
 * PostgreSQL would be using: what one nested call of each language costs on PostgreSQL 15's C stack,
 * measured on x86-64 (a PL/pgSQL function {@code depth(n)} returning {@code depth(n - 1) + 1} runs 833
 * nested calls at 2MB and 1668 at 4MB, 39 at 100kB; a SQL function 7263 at 2MB), and a call that
 * would take the estimate past max_stack_depth raises 54001 before it starts, from a frame that has
 * all the room it needs to clean up.
 *
 * <p>The estimate counts calls only (PostgreSQL also checks deep expressions, parse trees and
 * plans); a recursion of another kind still ends in the JVM's StackOverflowError, which PL/pgSQL
 * blocks and the session's entry points turn into the same error (see session.StackDepth).
 */
public final class CallDepth {
    /** The stack PostgreSQL uses below the first call (the backend's main loop, the executor, ...). */
    static final long BASE = 3800;
    /** One nested PL/pgSQL call (plpgsql_call_handler, exec_stmt_block, exec_eval_expr, fmgr). */
    public static final long PLPGSQL = 2512;
    /** One nested SQL function call (fmgr_sql and the executor of its statement). */
    public static final long SQL = 288;

    /** Per thread: bytes in use by the calls running now, and the setting last read with its value. */
    private static final class State {
        long used;
        String setting;
        long limit;
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private CallDepth() {
    }

    /**
     * A call that costs {@code bytes} starts: 54001 if it would exceed max_stack_depth. Returns what to
     * hand to {@link #leave} when it ends (in a finally block).
     */
    public static long enter(long bytes, EvalContext ctx) {
        State s = STATE.get();
        String setting = ctx.setting("max_stack_depth");
        if (setting != null && !setting.equals(s.setting)) {
            s.setting = setting;
            s.limit = StackDepth.kilobytesOf(setting) * 1024;
        }
        long limit = s.setting == null ? 2048 * 1024 : s.limit;
        if (BASE + s.used + bytes > limit) {
            throw StackDepth.exceeded(setting);
        }
        long before = s.used;
        s.used += bytes;
        return before;
    }

    /** The call that {@link #enter} returned {@code before} for has ended. */
    public static void leave(long before) {
        STATE.get().used = before;
    }

    /** The estimate now (saved by whoever may have to restore it after an error that skipped a leave). */
    public static long mark() {
        return STATE.get().used;
    }

    /** Restores the estimate saved by {@link #mark}. */
    public static void reset(long mark) {
        STATE.get().used = mark;
    }
}

package org.tusk.sql.func;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.EvalContext;

/**
 * Whether the code running now may end the transaction (PostgreSQL's "atomic" execution context): only a
 * procedure called by a CALL that runs in its own transaction may COMMIT or ROLLBACK, and only while no
 * function is running between it and the statement (SPI_connect_ext's SPI_OPT_NONATOMIC). A session runs
 * one statement at a time on one thread, so the state is the thread's, saved and restored around each
 * procedure and function call.
 */
public final class TransactionControl {
    private static final ThreadLocal<Boolean> NON_ATOMIC = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final ThreadLocal<java.util.ArrayDeque<Boolean>> SAVED =
            ThreadLocal.withInitial(java.util.ArrayDeque::new);

    private TransactionControl() {
    }

    /** A procedure starts: it may end transactions if {@code allowed} (CALL outside a transaction block). */
    static void enter(EvalContext ctx, boolean allowed) {
        SAVED.get().push(NON_ATOMIC.get());
        NON_ATOMIC.set(allowed);
    }

    /** Whether the running procedure may end the transaction (a CALL inside it may then too). */
    static boolean nonAtomic() {
        return NON_ATOMIC.get();
    }

    /** A function starts: nothing it runs may end the transaction. */
    static void enterFunction() {
        SAVED.get().push(NON_ATOMIC.get());
        NON_ATOMIC.set(Boolean.FALSE);
    }

    /** The procedure or function ended: the caller's state again. */
    static void leave(EvalContext ctx) {
        java.util.ArrayDeque<Boolean> saved = SAVED.get();
        NON_ATOMIC.set(saved.isEmpty() ? Boolean.FALSE : saved.pop());
    }

    /**
     * COMMIT or ROLLBACK inside a procedure: 2D000 unless the procedure may end the transaction; otherwise
     * the session ends the transaction and starts the next one.
     */
    public static void endTransaction(EvalContext ctx, boolean commit) {
        if (!NON_ATOMIC.get()) {
            throw new SqlException("2D000", "invalid transaction termination");
        }
        ctx.endTransactionInProcedure(commit);
    }
}

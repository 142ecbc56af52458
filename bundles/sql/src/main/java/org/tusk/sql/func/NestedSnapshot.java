package org.tusk.sql.func;

import org.tusk.sql.eval.EvalContext;
import org.tusk.storage.access.StorageSession;

/**
 * The snapshot discipline around a function or trigger that may run SQL inside a statement, as with
 * PostgreSQL's SPI: a VOLATILE one moves the command counter on entry, so that its statements see what
 * the statement around it wrote so far (its rows before this one, other triggers' changes), and each of
 * its statements sees the ones before (the dml layer's CommandCounterIncrement after each). On exit the
 * statement around it reads with its own snapshot again, so it never sees what the function wrote: not
 * in a later row, nor in another part of a statement with data-modifying WITH queries.
 */
public final class NestedSnapshot {

    private NestedSnapshot() {
    }

    /** Before the body runs: the mark to give {@link #leave} (null when there is no storage or transaction). */
    public static StorageSession.SnapshotMark enter(EvalContext ctx, FunctionDefinition definition) {
        if (ctx.db() == null || !ctx.db().storage().inTransaction()) {
            return null;
        }
        StorageSession storage = ctx.db().storage();
        StorageSession.SnapshotMark mark = storage.markSnapshot();
        if (mark != null && (definition == null || definition.volatility() == 'v')) {
            storage.commandCounterIncrement();
        }
        return mark;
    }

    /** After the body ran (or failed): the statement around it reads as before. */
    public static void leave(EvalContext ctx, StorageSession.SnapshotMark mark) {
        if (mark != null && ctx.db() != null) {
            ctx.db().storage().restoreSnapshot(mark);
        }
    }
}

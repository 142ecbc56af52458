package org.tusk.sql.eval;

import org.tusk.spi.SqlException;

/**
 * What a read-only transaction refuses (PostgreSQL's PreventCommandIfReadOnly and ExecCheckXactReadOnly):
 * 25006 "cannot execute INSERT in a read-only transaction" for anything that would change a permanent
 * relation, the catalogs or a sequence. Temporary relations may still be written, as in PostgreSQL: no other
 * session can see them, so a read-only transaction stays read-only for everyone else. Checked when the
 * command runs, not when it is planned, since a prepared plan may run in a read-only transaction later.
 */
public final class ReadOnlyTransactions {

    private ReadOnlyTransactions() {
    }

    /** Whether the current transaction is read-only (transaction_read_only, set by BEGIN READ ONLY etc.). */
    public static boolean readOnly(EvalContext ctx) {
        return "on".equals(ctx.setting("transaction_read_only"));
    }

    /** Refuses {@code command} ("INSERT", "CREATE TABLE", "nextval()", ...) in a read-only transaction. */
    public static void prevent(EvalContext ctx, String command) {
        if (readOnly(ctx)) {
            throw new SqlException("25006", "cannot execute " + command + " in a read-only transaction");
        }
    }

    /** Refuses {@code command} on the relation in schema {@code namespace} unless it is a temporary one. */
    public static void preventUnlessTemporary(EvalContext ctx, String command, int namespace) {
        if (readOnly(ctx) && !(ctx.db() instanceof org.tusk.sql.catalog.BackendDatabase db
                && db.catalog().isTempNamespace(namespace))) {
            throw new SqlException("25006", "cannot execute " + command + " in a read-only transaction");
        }
    }
}

package org.tusk.sql.dml;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.EvalContext;
import org.tusk.storage.access.Table;

/**
 * COPY FREEZE's condition (copyfrom.c's checks before TABLE_INSERT_FROZEN): the rows may be stored
 * frozen, visible to every snapshot at once and never looked up in the commit log, only when the
 * table's file is new in the current subtransaction (CREATE TABLE or TRUNCATE in it). That file
 * is removed if the subtransaction aborts, so frozen rows can never outlive a rollback; and no other
 * transaction can have seen the table's new contents before. pgbench -i does exactly this (TRUNCATE,
 * then COPY ... WITH (FREEZE ON), in one transaction), and its VACUUM and primary-key build then read
 * rows whose visibility costs nothing to decide.
 */
final class CopyFreeze {

    private CopyFreeze() {
    }

    /**
     * Raises PostgreSQL's errors, in its order: 25000 while a cursor is open (it might read the table
     * and see the frozen rows, which it must not), 55000 unless {@code table}'s file is new in the
     * current subtransaction.
     */
    static void check(Table table, EvalContext ctx) {
        if (ctx.hasOpenCursors()) {
            throw new SqlException("25000", "cannot perform COPY FREEZE because of prior transaction activity");
        }
        if (!table.newInCurrentSubtransaction()) {
            throw new SqlException("55000", "cannot perform COPY FREEZE because the table was not created or "
                    + "truncated in the current subtransaction");
        }
    }
}

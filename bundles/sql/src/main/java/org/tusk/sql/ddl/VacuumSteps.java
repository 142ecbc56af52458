package org.tusk.sql.ddl;

import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.stats.TableSample;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.RelationLockMode;

/**
 * The parts of VACUUM that its options add: SKIP_LOCKED, FULL (a rewrite into a new relfilenode through
 * {@link Rewrite}, as cluster.c does it for PostgreSQL) and the VERBOSE messages of vacuumlazy.c, cluster.c
 * and analyze.c. The figures this storage has no counter for (removed and dead versions) are zero.
 */
final class VacuumSteps {

    private VacuumSteps() {
    }

    /**
     * SKIP_LOCKED: takes the lock only if it is free at once; otherwise PostgreSQL's WARNING and false, and
     * the table is left out.
     */
    static boolean lockOrSkip(DdlContext ctx, int oid, RelationLockMode mode, DdlCommand.Vacuum c) {
        // A failed lock fails the storage transaction, so the attempt runs in a subtransaction of its own
        // that is released when the lock is taken (the lock passes to the transaction) and rolled back when not.
        String savepoint = "tusk_skip_locked";
        ctx.storage.savepoint(savepoint);
        try {
            ctx.storage.lockRelation(ctx.database(), oid, mode, true);
            ctx.storage.releaseSavepoint(savepoint);
            return true;
        } catch (AccessException e) {
            if (!"55P03".equals(e.sqlState())) {
                throw e;
            }
            ctx.storage.rollbackToSavepoint(savepoint);
            ctx.storage.releaseSavepoint(savepoint);
            var row = ctx.cache.classRow(oid);
            ctx.warning("55P03", "skipping " + (c.vacuum() ? "vacuum" : "analyze") + " of \""
                    + (row == null ? oid : row.text("relname")) + "\" --- lock not available");
            return false;
        }
    }

    /** VACUUM FULL of one table: rewritten in heap order, its indexes rebuilt, its counts recorded. */
    static void full(DdlContext ctx, Relation r, boolean verbose) {
        long start = System.nanoTime();
        String name = qualified(ctx, r, false);
        if (verbose) {
            ctx.info("vacuuming \"" + name + "\"", null);
        }
        long oldPages = ctx.storage.openTable(r.storage(), r.shape()).blocks();
        long rows = Rewrite.table(ctx, r, values -> values, null);
        Rewrite.recordCounts(ctx, r.oid(), rows);
        if (verbose) {
            ctx.info("\"" + name + "\": found 0 removable, " + rows + " nonremovable row versions in " + oldPages
                    + " pages", "0 dead row versions cannot be removed yet.\n" + Verbose.cpu(start) + ".");
        }
    }

    /** vacuumlazy.c's report at the end of a table. */
    static void vacuumed(DdlContext ctx, Relation r, long pages, long rows, long start) {
        ctx.info("finished vacuuming \"" + qualified(ctx, r, true) + "\": index scans: 0\n"
                + "pages: 0 removed, " + pages + " remain, " + pages + " scanned (100.00% of total)\n"
                + "tuples: 0 removed, " + rows + " remain, 0 are dead but not yet removable\n"
                + "system usage: " + Verbose.cpu(start), null);
    }

    /** analyze.c's acquire_sample_rows report. */
    static void analyzed(DdlContext ctx, Relation r, long pages, long rows, int target) {
        long sample = Math.min(rows, TableSample.sampleSize(target));
        ctx.info("\"" + r.name() + "\": scanned " + pages + " of " + pages + " pages, containing " + rows
                + " live rows and 0 dead rows; " + sample + " rows in sample, " + rows + " estimated total rows",
                null);
    }

    /** schema.table, with the database in front where vacuumlazy.c puts it. */
    static String qualified(DdlContext ctx, Relation r, boolean withDatabase) {
        return (withDatabase ? ctx.session.database() + "." : "") + r.schema() + "." + r.name();
    }
}

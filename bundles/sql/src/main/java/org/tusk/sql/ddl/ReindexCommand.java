package org.tusk.sql.ddl;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.ReindexTarget;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;

/**
 * REINDEX: each index is built again from its table's rows into a new relfilenode ({@link Rewrite#indexes}),
 * so a rollback keeps the old file and a crash after COMMIT finds the new one through the WAL.
 *
 * <p>CONCURRENTLY runs the same rebuild under the same SHARE lock (writers wait for it; PostgreSQL's
 * concurrent build lets them go on), after PostgreSQL's checks: not in a transaction block, not on system
 * catalogs. The system catalogs here have no built index files (their pg_index rows describe PostgreSQL's),
 * so REINDEX SYSTEM and the catalog part of REINDEX DATABASE find nothing to rebuild.
 */
final class ReindexCommand {

    /** PostgreSQL's FirstNormalObjectId: OIDs below it belong to the catalogs initdb made. */
    private static final int FIRST_NORMAL_OID = 16384;

    private ReindexCommand() {
    }

    static void run(DdlContext ctx, DdlCommand.Reindex c, boolean inTransactionBlock) {
        if (c.tablespace() != null && !c.tablespace().equals("pg_default") && !c.tablespace().equals("pg_global")) {
            // Every relation lives in pg_default here; TABLESPACE pg_default moves nothing.
            throw new SqlException("42704", "tablespace \"" + c.tablespace() + "\" does not exist");
        }
        switch (c.target()) {
            case INDEX, TABLE -> {
                if (c.concurrently()) {
                    refuseInBlock("REINDEX CONCURRENTLY", inTransactionBlock);
                }
                if (c.target() == ReindexTarget.INDEX) {
                    index(ctx, c);
                } else {
                    table(ctx, c);
                }
            }
            default -> multiple(ctx, c, inTransactionBlock);
        }
    }

    private static void refuseInBlock(String what, boolean inTransactionBlock) {
        if (inTransactionBlock) {
            throw new SqlException("25001", what + " cannot run inside a transaction block");
        }
    }

    private static void index(DdlContext ctx, DdlCommand.Reindex c) {
        Integer oid = ctx.relationOid(c.name());
        if (oid == null) {
            throw new SqlException("42P01", "relation \"" + c.name() + "\" does not exist");
        }
        CatalogRow index = ctx.cache.classRow(oid);
        if (index.character("relkind") != 'i') {
            throw DdlContext.wrongKind(c.name().name(), "an index");
        }
        if (c.concurrently() && oid < FIRST_NORMAL_OID) {
            throw new SqlException("0A000", "cannot reindex system catalogs concurrently");
        }
        CatalogRow pgIndex = ctx.tables.first(org.tusk.sql.catalog.CatalogDefinitions.PG_INDEX,
                r -> r.oid("indexrelid") == oid);
        int tableOid = pgIndex.oid("indrelid");
        org.tusk.sql.roles.Privileges.checkOwner(ctx.session, tableOid);
        ctx.lock(tableOid, RelationLockMode.SHARE);
        ctx.lock(oid, RelationLockMode.ACCESS_EXCLUSIVE);
        Relation table = ctx.relation(tableOid);
        List<IndexDef> which = table.indexes().stream().filter(i -> i.oid() == oid).toList();
        rebuild(ctx, table, which, c);
    }

    private static void table(DdlContext ctx, DdlCommand.Reindex c) {
        Integer oid = ctx.relationOid(c.name());
        if (oid == null) {
            throw new SqlException("42P01", "relation \"" + c.name() + "\" does not exist");
        }
        char kind = ctx.cache.classRow(oid).character("relkind");
        if (kind != 'r' && kind != 'm') {
            throw DdlContext.wrongKind(c.name().name(), "a table or materialized view");
        }
        if (c.concurrently() && oid < FIRST_NORMAL_OID) {
            throw new SqlException("0A000", "cannot reindex system catalogs concurrently");
        }
        org.tusk.sql.roles.Privileges.checkOwner(ctx.session, oid);
        ctx.lock(oid, RelationLockMode.SHARE);
        Relation table = ctx.relation(oid);
        if (oid < FIRST_NORMAL_OID) {
            return; // nothing built to rebuild, see the class comment
        }
        if (table.indexes().isEmpty()) {
            ctx.notice("00000", "table \"" + table.name() + "\" has no indexes "
                    + (c.concurrently() ? "that can be reindexed concurrently" : "to reindex"));
            return;
        }
        rebuild(ctx, table, table.indexes(), c);
    }

    /** REINDEX SCHEMA, DATABASE and SYSTEM (ReindexMultipleTables): every table of the kind, in OID order. */
    private static void multiple(DdlContext ctx, DdlCommand.Reindex c, boolean inTransactionBlock) {
        refuseInBlock("REINDEX " + c.target().name(), inTransactionBlock);
        if (c.concurrently() && c.target() == ReindexTarget.SYSTEM) {
            throw new SqlException("0A000", "cannot reindex system catalogs concurrently");
        }
        Integer namespace = null;
        if (c.target() == ReindexTarget.SCHEMA) {
            namespace = ctx.cache.namespaceOid(c.name().name());
            if (namespace == null) {
                throw new SqlException("3F000", "schema \"" + c.name().name() + "\" does not exist");
            }
        } else if (!c.name().name().equals(ctx.session.database())) {
            throw new SqlException("0A000", "can only reindex the currently open database");
        }
        if (c.concurrently() && c.target() == ReindexTarget.DATABASE) {
            ctx.warning("0A000", "cannot reindex system catalogs concurrently, skipping all");
        }
        List<Integer> tables = new ArrayList<>();
        for (CatalogRow r : ctx.cache.classRows()) {
            char kind = r.character("relkind");
            int oid = r.oid("oid");
            boolean user = oid >= FIRST_NORMAL_OID;
            if ((kind == 'r' || kind == 'm') && user && c.target() != ReindexTarget.SYSTEM
                    && (namespace == null || r.oid("relnamespace") == namespace)) {
                tables.add(oid);
            }
        }
        tables.sort(null);
        for (int oid : tables) {
            ctx.lock(oid, RelationLockMode.SHARE);
            Relation table = ctx.relation(oid);
            if (table != null && table.indexes().isEmpty() && c.concurrently()) {
                ctx.notice("00000", "table \"" + table.name() + "\" has no indexes that can be reindexed concurrently");
            } else if (table != null) {
                rebuild(ctx, table, table.indexes(), c);
            }
        }
    }

    private static void rebuild(DdlContext ctx, Relation table, List<IndexDef> which, DdlCommand.Reindex c) {
        if ("pg_global".equals(c.tablespace())) {
            throw new SqlException("22023", "only shared relations can be placed in pg_global tablespace");
        }
        long tableStart = System.nanoTime();
        boolean concurrentTable = c.concurrently() && c.target() != ReindexTarget.INDEX;
        // In OID order, as RelationGetIndexList returns them.
        for (IndexDef i : which.stream().sorted(java.util.Comparator.comparingInt(IndexDef::oid)).toList()) {
            long start = System.nanoTime();
            IndexBuilder.Built rows = Rewrite.indexes(ctx, table, List.of(i));
            ctx.changed();
            IndexDef rebuilt = ctx.relation(table.oid()).indexes().stream().filter(x -> x.oid() == i.oid())
                    .findFirst().orElseThrow();
            IndexBuilder.updateStatistics(ctx, table, i.oid(), rebuilt.storage(), rebuilt.shape(), rows);
            ctx.changed();
            if (c.verbose()) {
                // index.c's reindex_index names the index alone; ReindexRelationConcurrently qualifies it and,
                // for a table, reports the time once for the whole table.
                String name = c.concurrently() ? table.schema() + "." + i.name() : i.name();
                String detail = concurrentTable ? null : Verbose.cpu(start) + (c.concurrently() ? "." : "");
                ctx.info("index \"" + name + "\" was reindexed", detail);
            }
        }
        if (c.verbose() && concurrentTable && !which.isEmpty()) {
            ctx.info("table \"" + table.schema() + "." + table.name() + "\" was reindexed",
                    Verbose.cpu(tableStart) + ".");
        }
    }
}

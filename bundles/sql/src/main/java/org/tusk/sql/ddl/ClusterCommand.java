package org.tusk.sql.ddl;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;

/**
 * CLUSTER and ALTER TABLE ... CLUSTER ON / SET WITHOUT CLUSTER (cluster.c). CLUSTER rewrites the table in
 * the order of an index into a new relfilenode and rebuilds its indexes ({@link Rewrite}, shared with
 * VACUUM FULL and ALTER TABLE), so it is as transactional and crash-safe as they are; the index it used is
 * remembered in pg_index.indisclustered, which a bare {@code CLUSTER t} or {@code CLUSTER} uses again.
 */
final class ClusterCommand {

    private ClusterCommand() {
    }

    static void run(DdlContext ctx, DdlCommand.Cluster c, boolean inTransactionBlock) {
        if (c.table() == null) {
            if (inTransactionBlock) {
                throw new SqlException("25001", "CLUSTER cannot run inside a transaction block");
            }
            all(ctx, c.verbose());
            return;
        }
        Integer oid = ctx.relationOid(c.table());
        if (oid == null) {
            throw new SqlException("42P01", "relation \"" + c.table() + "\" does not exist");
        }
        char kind = ctx.cache.classRow(oid).character("relkind");
        if (kind != 'r' && kind != 'm') {
            throw DdlContext.wrongKind(c.table().name(), "a table or materialized view");
        }
        org.tusk.sql.roles.Privileges.checkOwner(ctx.session, oid);
        ctx.lock(oid, RelationLockMode.ACCESS_EXCLUSIVE);
        Relation table = ctx.relation(oid);
        IndexDef index;
        if (c.index() == null) {
            index = table.indexes().stream().filter(i -> clustered(ctx, i.oid())).findFirst().orElseThrow(
                    () -> new SqlException("42704", "there is no previously clustered index for table \""
                            + table.name() + "\""));
        } else {
            index = indexOf(ctx, table, c.index());
        }
        cluster(ctx, table, index, c.verbose());
    }

    /** CLUSTER without a table: every table that has a clustered index, each with that index. */
    private static void all(DdlContext ctx, boolean verbose) {
        List<int[]> pairs = new ArrayList<>();
        for (CatalogRow r : ctx.tables.rows(CatalogDefinitions.PG_INDEX, r -> r.bool("indisclustered"))) {
            pairs.add(new int[] {r.oid("indrelid"), r.oid("indexrelid")});
        }
        pairs.sort((a, b) -> Integer.compare(a[0], b[0]));
        for (int[] p : pairs) {
            ctx.lock(p[0], RelationLockMode.ACCESS_EXCLUSIVE);
            Relation table = ctx.relation(p[0]);
            IndexDef index = table == null ? null
                    : table.indexes().stream().filter(i -> i.oid() == p[1]).findFirst().orElse(null);
            if (index != null && clustered(ctx, index.oid())) {
                cluster(ctx, table, index, verbose);
            }
        }
    }

    /**
     * ALTER TABLE ... CLUSTER ON index (mark_index_clustered: this index only) or, with a null name, SET
     * WITHOUT CLUSTER (none). The caller holds the table's ACCESS EXCLUSIVE lock.
     */
    static void clusterOn(DdlContext ctx, Relation table, String indexName) {
        IndexDef index = indexName == null ? null : indexOf(ctx, table, indexName);
        mark(ctx, table, index);
    }

    private static void cluster(DdlContext ctx, Relation table, IndexDef index, boolean verbose) {
        if (index.predicate() != null) {
            // check_index_is_clusterable: a partial index's order leaves rows out.
            throw new SqlException("0A000", "cannot cluster on partial index \"" + index.name() + "\"");
        }
        long start = System.nanoTime();
        mark(ctx, table, index);
        String qualified = table.schema() + "." + table.name();
        if (verbose) {
            ctx.info("clustering \"" + qualified + "\" using index scan on \"" + index.name() + "\"", null);
        }
        long oldPages = ctx.storage.openTable(table.storage(), table.shape()).blocks();
        long rows = Rewrite.table(ctx, table, values -> values, index);
        Rewrite.recordCounts(ctx, table.oid(), rows);
        if (verbose) {
            ctx.info("\"" + qualified + "\": found 0 removable, " + rows + " nonremovable row versions in "
                    + oldPages + " pages", "0 dead row versions cannot be removed yet.\n" + Verbose.cpu(start) + ".");
        }
    }

    /** Sets indisclustered on {@code index} (may be null) and clears it on the table's other indexes. */
    private static void mark(DdlContext ctx, Relation table, IndexDef index) {
        for (IndexDef i : table.indexes()) {
            boolean want = index != null && i.oid() == index.oid();
            CatalogRow row = ctx.tables.first(CatalogDefinitions.PG_INDEX, r -> r.oid("indexrelid") == i.oid());
            if (row != null && row.bool("indisclustered") != want) {
                ctx.tables.update(row.set("indisclustered", want));
            }
        }
        ctx.changed();
    }

    private static boolean clustered(DdlContext ctx, int indexOid) {
        CatalogRow row = ctx.tables.first(CatalogDefinitions.PG_INDEX, r -> r.oid("indexrelid") == indexOid);
        return row != null && row.bool("indisclustered");
    }

    /** The index {@code name} in the table's schema, which must be one of the table's (cluster.c's errors). */
    private static IndexDef indexOf(DdlContext ctx, Relation table, String name) {
        Integer oid = ctx.cache.classOid(table.namespaceOid(), name);
        if (oid == null) {
            throw new SqlException("42704", "index \"" + name + "\" for table \"" + table.name() + "\" does not exist");
        }
        return table.indexes().stream().filter(i -> i.oid() == oid).findFirst().orElseThrow(
                () -> new SqlException("42809", "\"" + name + "\" is not an index for table \"" + table.name() + "\""));
    }
}

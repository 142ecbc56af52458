package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.*;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.stats.TableAnalyzer;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;

/** CREATE SCHEMA, CREATE VIEW, VACUUM and ANALYZE: the commands that touch one catalog row or none. */
final class SchemaCommands {

    private SchemaCommands() {
    }

    static void createSchema(DdlContext ctx, DdlCommand.CreateSchema c) {
        if (ctx.cache.namespaceOid(c.name()) != null) {
            if (c.ifNotExists()) {
                ctx.notice("42P06", "schema \"" + c.name() + "\" already exists, skipping");
                return;
            }
            throw new SqlException("42P06", "schema \"" + c.name() + "\" already exists");
        }
        if (c.name().startsWith("pg_")) {
            throw new SqlException(ErrorFields.of("ERROR", "42939", "unacceptable schema name \"" + c.name() + "\"")
                    .detail("The prefix \"pg_\" is reserved for system schemas.").build());
        }
        ctx.tables.insert(CatalogRow.create(PG_NAMESPACE).set("oid", ctx.storage.newOid()).set("nspname", c.name())
                .set("nspowner", ctx.currentUserOid()).set("nspacl", null));
        ctx.changed();
    }

    /**
     * CREATE [OR REPLACE] VIEW: a pg_class row of kind 'v' and the query's SQL text, which Tusk keeps
     * in a pg_description row of the view (objsubid {@link RelationCache#VIEW_QUERY_SUBID}) where
     * PostgreSQL keeps a rewrite rule in pg_rewrite. The query is planned now, so that its errors
     * are CREATE VIEW's; its output columns become the view's pg_attribute rows, and the relations
     * the plan reads get pg_depend rows, so that dropping one needs CASCADE.
     */
    static void createView(DdlContext ctx, DdlCommand.CreateView c) {
        int namespace = ctx.creationNamespace(c.name());
        Integer existing = ctx.cache.classOid(namespace, c.name().name());
        if (existing != null) {
            CatalogRow row = ctx.cache.classRow(existing);
            if (!c.orReplace()) {
                throw new SqlException("42P07", "relation \"" + c.name().name() + "\" already exists");
            }
            if (row.character("relkind") != 'v') {
                throw new SqlException("42809", "\"" + c.name().name() + "\" is not a view");
            }
            ctx.lock(existing, RelationLockMode.ACCESS_EXCLUSIVE);
            ctx.tables.deleteWhere(PG_DESCRIPTION, d -> d.oid("objoid") == existing
                    && d.oid("classoid") == CatalogOids.PG_CLASS);
            ctx.tables.deleteWhere(PG_DEPEND, d -> d.oid("objid") == existing);
            store(ctx, existing, c);
            ctx.changed();
            return;
        }
        int oid = ctx.storage.newOid();
        int rowType = RowTypeRows.create(ctx, oid, c.name().name(), namespace);
        ctx.writer.insertClass(oid, c.name().name(), namespace, 'v', 0, ctx.currentUserOid(), 0,
                ViewOptions.check(c.options()), rowType);
        store(ctx, oid, c);
        ctx.changed();
    }

    /** Plans the view's query as a SELECT would be planned: its errors are CREATE VIEW's, its columns the view's. */
    private static org.tusk.sql.plan.Planner.Planned plan(DdlContext ctx, DdlCommand.CreateView c) {
        var planned = new org.tusk.sql.plan.Planner(ctx.session, org.tusk.sql.eval.Parameters.none(), ctx.cache,
                ctx.storage).planDefinition(c.select().query());
        if (c.columns().size() > planned.columns().size()) {
            throw new SqlException("42601", "CREATE VIEW specifies more column names than columns");
        }
        return planned;
    }

    private static void store(DdlContext ctx, int view, DdlCommand.CreateView c) {
        List<String> options = ViewOptions.check(c.options());
        var planned = plan(ctx, c);
        if (options.stream().anyMatch(o -> o.startsWith("check_option="))) {
            String reason = org.tusk.sql.dml.DmlStatements.viewNotUpdatable(c.query(), c.name().name(), ctx.cache);
            if (reason != null) {
                throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "0A000",
                        "WITH CHECK OPTION is supported only on automatically updatable views").hint(reason).build());
            }
        }
        ctx.tables.deleteWhere(PG_ATTRIBUTE, a -> a.oid("attrelid") == view);
        for (int i = 0; i < planned.columns().size(); i++) {
            var col = planned.columns().get(i);
            String name = i < c.columns().size() ? c.columns().get(i) : col.name();
            ctx.writer.insertAttribute(view, new org.tusk.sql.schema.Column(i + 1, name, col.type(), col.typmod(),
                    false, null, '\0'), false);
        }
        var row = ctx.cache.classRow(view);
        if (row != null) {
            ctx.tables.update(row.set("relnatts", (short) planned.columns().size())
                    .set("reloptions", options.isEmpty() ? null : options));
        }
        storeQuery(ctx, view, c.name().name(), c.columns(), c.query(), planned);
    }

    /**
     * Keeps a view's (or materialized view's) query text in its pg_description row, and gives it pg_depend
     * rows on the relations the {@code planned} query reads, so that dropping one needs CASCADE.
     */
    static void storeQuery(DdlContext ctx, int view, String name, List<String> columns, String text,
            org.tusk.sql.plan.Planner.Planned planned) {
        String query = text;
        if (!columns.isEmpty()) {
            // Column names given with the view rename the query's columns, in order.
            query = "SELECT * FROM (" + query + ") AS " + quote(name) + "("
                    + String.join(", ", columns.stream().map(SchemaCommands::quote).toList()) + ")";
        }
        ctx.tables.insert(CatalogRow.create(PG_DESCRIPTION).set("objoid", view).set("classoid", CatalogOids.PG_CLASS)
                .set("objsubid", RelationCache.VIEW_QUERY_SUBID).set("description", query));
        java.util.Set<Integer> referenced = new java.util.HashSet<>();
        for (var use : planned.relations()) {
            int ref = use.relation().oid();
            if (ref != view && referenced.add(ref)) {
                ctx.writer.insertDependency(CatalogOids.PG_CLASS, view, CatalogOids.PG_CLASS, ref, 'n');
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * VACUUM and ANALYZE: VACUUM has the storage prune every page of the table (dead versions go, their
     * space is reused; index entries and line pointers stay until index vacuuming exists), and both
     * bring pg_class.relpages and reltuples up to date from a scan, which is what the planner's
     * estimates read. ANALYZE (also VACUUM ANALYZE) computes the columns' statistics into pg_statistic
     * ({@code org.tusk.sql.stats}). Without a table list, every table of the database.
     */
    static void vacuum(DdlContext ctx, DdlCommand.Vacuum c) {
        List<Integer> tables;
        if (c.tables().isEmpty()) {
            tables = ctx.cache.classRows().stream().filter(r -> r.character("relkind") == 'r')
                    .map(r -> r.oid("oid")).toList();
        } else {
            tables = c.tables().stream().map(n -> {
                Integer oid = ctx.relationOid(n);
                if (oid == null) {
                    throw new SqlException("42P01", "relation \"" + n + "\" does not exist");
                }
                return oid;
            }).toList();
        }
        for (int i = 0; i < tables.size(); i++) {
            int oid = tables.get(i);
            // VACUUM FULL rewrites the table (cluster.c without an index); catalogs keep their files.
            boolean full = c.full() && oid >= 16384;
            RelationLockMode mode = full ? RelationLockMode.ACCESS_EXCLUSIVE : RelationLockMode.SHARE_UPDATE_EXCLUSIVE;
            if (c.skipLocked() && !VacuumSteps.lockOrSkip(ctx, oid, mode, c)) {
                continue;
            }
            ctx.lock(oid, mode);
            var r = ctx.relation(oid);
            if (r == null || r.kind() != 'r') {
                continue;
            }
            List<String> columnNames = c.tables().isEmpty() ? List.of() : c.columns().get(i);
            if (full) {
                VacuumSteps.full(ctx, r, c.verbose());
                r = ctx.relation(oid);
            }
            Table heap = ctx.storage.openTable(r.storage(), r.shape());
            long start = System.nanoTime();
            if (c.vacuum() && !full) {
                if (c.verbose()) {
                    ctx.info("vacuuming \"" + VacuumSteps.qualified(ctx, r, true) + "\"", null);
                }
                heap.vacuum(); // prunes every page: dead versions go, their space is reused
            }
            long rows = -1;
            if (!c.analyze() || (c.vacuum() && !full && c.verbose())) {
                rows = 0;
                // Counted, not decoded: a mask of no columns.
                try (RowScan scan = heap.scan(new boolean[r.columns().size()], null)) {
                    for (Row row = scan.next(); row != null; row = scan.next()) {
                        rows++;
                    }
                }
            }
            if (c.vacuum() && !full && c.verbose()) {
                VacuumSteps.vacuumed(ctx, r, heap.blocks(), rows, start);
            }
            if (c.analyze()) {
                if (c.verbose()) {
                    ctx.info("analyzing \"" + VacuumSteps.qualified(ctx, r, false) + "\"", null);
                }
                rows = TableAnalyzer.analyze(ctx.tables, heap, r, analyzedColumns(r, columnNames),
                        statisticsTarget(ctx), ctx.session).totalRows();
                if (c.verbose()) {
                    VacuumSteps.analyzed(ctx, r, heap.blocks(), rows, statisticsTarget(ctx));
                }
            }
            CatalogRow row = ctx.cache.classRow(oid);
            ctx.tables.update(row.set("relpages", (int) heap.blocks()).set("reltuples", (float) rows));
            IndexBuilder.updateIndexStatistics(ctx, r, rows);
            reportToStatistics(ctx, r, c, full, rows);
            ctx.changed();
        }
    }

    /**
     * pgstat_report_vacuum and pgstat_report_analyze: last_vacuum, vacuum_count, n_live_tup, ... of the
     * cumulative statistics. VACUUM FULL is a rewrite (cluster.c) and reports no vacuum, as in
     * PostgreSQL; VACUUM leaves no dead rows behind; ANALYZE keeps the dead count (Tusk's sample does not
     * see dead rows).
     */
    private static void reportToStatistics(DdlContext ctx, org.tusk.sql.schema.Relation r, DdlCommand.Vacuum c,
            boolean full, long rows) {
        java.time.Instant now = java.time.Instant.now();
        long micros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1000);
        if (c.vacuum() && !full) {
            ctx.storage.reportMaintenance(r.storage().database(), r.oid(), false, rows, 0, micros);
        }
        if (c.analyze()) {
            ctx.storage.reportMaintenance(r.storage().database(), r.oid(), true, rows, -1, micros);
        }
    }

    /** The columns ANALYZE t (a, b) names (all without a list), with analyze.c's errors. */
    private static List<Column> analyzedColumns(Relation r, List<String> names) {
        if (names.isEmpty()) {
            return r.columns();
        }
        List<Column> columns = new ArrayList<>();
        for (String name : names) {
            Column col = r.column(name);
            if (col == null) {
                throw new SqlException("42703", "column \"" + name + "\" of relation \"" + r.name()
                        + "\" does not exist");
            }
            if (columns.contains(col)) {
                throw new SqlException("42701", "column \"" + name + "\" of relation \"" + r.name()
                        + "\" appears more than once");
            }
            columns.add(col);
        }
        return columns;
    }

    /** default_statistics_target, PostgreSQL's per-column sample and list size (100 unless SET). */
    private static int statisticsTarget(DdlContext ctx) {
        String value = ctx.session.setting("default_statistics_target");
        return value == null ? 100 : Integer.parseInt(value.trim());
    }
}

package org.tusk.sql.ddl;

import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.func.Spi;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;

/**
 * CREATE and REFRESH MATERIALIZED VIEW. A materialized view is a table (relkind 'm', with storage and
 * indexes, read like a table) that also keeps its query's text as a view does (pg_description,
 * {@link RelationCache#VIEW_QUERY_SUBID}), so that REFRESH can run it again and pg_get_viewdef show it.
 * Its rows are written by the ordinary INSERT path, which refuses a materialized view to the user: while
 * CREATE or REFRESH fills it, the relation is described as a plain table inside this transaction only
 * (PostgreSQL has the same switch, MatViewIncrementalMaintenanceIsEnabled, for its own writes).
 */
final class MatViewCommand {

    private MatViewCommand() {
    }

    /** CREATE MATERIALIZED VIEW: returns its tag ("SELECT n" once rows were stored). */
    static String create(DdlContext ctx, DdlCommand.CreateMatView c) {
        DdlCommand.CreateTableAs as = c.as();
        if (CreateTableAsCommand.exists(ctx, as)) {
            return c.tag();
        }
        String tag = CreateTableAsCommand.run(ctx, as);
        String name = as.name().name();
        int oid = ctx.cache.classOid(CreateTableAsCommand.namespace(ctx, as), name);
        describeAs(ctx, oid, 'm', as.withData());
        // As a view's: REFRESH runs it again, and the relations it reads cannot go without CASCADE.
        SchemaCommands.storeQuery(ctx, oid, name, as.columns(), c.text(),
                Spi.plan(((Statement.Select) as.query()).query(), Parameters.none(), ctx.session));
        ctx.changed();
        return tag.startsWith("SELECT") ? tag : c.tag();
    }

    /**
     * REFRESH MATERIALIZED VIEW: a new, empty heap (indexes rebuilt empty, as TRUNCATE does), then, WITH DATA,
     * the query's rows inserted again, all in this transaction. CONCURRENTLY does the same work after
     * PostgreSQL's checks; holding ACCESS EXCLUSIVE rather than EXCLUSIVE, readers wait instead of seeing
     * the old rows.
     */
    static void refresh(DdlContext ctx, DdlCommand.RefreshMatView c) {
        if (c.concurrently() && !c.withData()) {
            throw new SqlException("42601", "CONCURRENTLY and WITH NO DATA options cannot be used together");
        }
        Integer oid = ctx.relationOid(c.name());
        if (oid == null) {
            if (c.name().schema() != null && ctx.cache.namespaceOid(c.name().schema()) == null) {
                throw new SqlException("3F000", "schema \"" + c.name().schema() + "\" does not exist");
            }
            throw new SqlException("42P01", "relation \"" + c.name() + "\" does not exist");
        }
        ctx.lock(oid, RelationLockMode.ACCESS_EXCLUSIVE);
        CatalogRow row = ctx.cache.classRow(oid);
        if (row.character("relkind") != 'm') {
            throw DdlContext.wrongKind(c.name().name(), "a materialized view");
        }
        Relation r = ctx.relation(oid);
        if (c.concurrently()) {
            if (!row.bool("relispopulated")) {
                throw new SqlException("0A000",
                        "CONCURRENTLY cannot be used when the materialized view is not populated");
            }
            if (r.indexes().stream().noneMatch(i -> i.unique() && i.predicate() == null && i.expressions().isEmpty())) {
                throw new SqlException(ErrorFields.of("ERROR", "55000", "cannot refresh materialized view \""
                        + r.schema() + "." + r.name() + "\" concurrently").hint("Create a unique index with no "
                        + "WHERE clause on one or more columns of the materialized view.").build());
            }
        }
        String query = r.viewQuery();
        describeAs(ctx, oid, 'r', true);
        Rewrite.table(ctx, ctx.relation(oid), null);
        if (c.withData()) {
            Statement.Select select = (Statement.Select) org.tusk.sql.parser.Parser.parse(query, true).getFirst();
            Statement.Insert insert = new Statement.Insert(new Statement.RangeVar(List.of(r.schema(), r.name()),
                    null, -1), List.of(), List.of(), null, select, List.of(), -1);
            Spi.runDml(insert, Parameters.none(), ctx.session);
        }
        describeAs(ctx, oid, 'm', c.withData());
    }

    /** ALTER MATERIALIZED VIEW ... RENAME TO: ALTER TABLE's rename, of a materialized view only. */
    static void rename(DdlContext ctx, DdlCommand.RenameMatView c) {
        Relation r = AlterTableCommand.open(ctx, c.name(), c.ifExists(), 'm', "a materialized view");
        if (r != null) {
            AlterTableCommand.renameTable(ctx, r, c.newName());
            ctx.changed();
        }
    }

    /** Sets the relation's kind and whether it holds its query's rows (pg_class.relispopulated). */
    private static void describeAs(DdlContext ctx, int oid, char kind, boolean populated) {
        ctx.tables.update(ctx.cache.classRow(oid).set("relkind", kind).set("relispopulated", populated));
        ctx.changed();
    }
}

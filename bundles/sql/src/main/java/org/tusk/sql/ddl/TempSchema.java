package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_NAMESPACE;

import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;

/**
 * The backend's temporary schema, pg_temp_N (PostgreSQL's InitTempTableNamespace): made by the first
 * temporary object the backend creates, owned by the bootstrap superuser, and kept afterwards (the
 * session's end drops what is in it, not the schema). N is the backend's ID, which a later backend
 * reuses: a schema that already exists when a backend first needs it was left by one that ended
 * without cleaning up (the server was killed), and what is in it is dropped first, as PostgreSQL's
 * RemoveTempRelations does at that point.
 */
final class TempSchema {

    private TempSchema() {
    }

    /** The OID of the backend's temporary schema, made (or emptied of another backend's objects) if needed. */
    static int ensure(DdlContext ctx) {
        RelationCache cache = ctx.cache;
        Integer existing = cache.tempNamespaceOid();
        if (existing != null) {
            if (!cache.tempSchemaClaimed()) {
                cache.claimTempSchema();
                ctx.session.dropTemporaryObjects();
            }
            return existing;
        }
        int oid = ctx.storage.newOid();
        ctx.tables.insert(CatalogRow.create(PG_NAMESPACE).set("oid", oid).set("nspname", cache.tempSchemaName())
                .set("nspowner", CatalogOids.BOOTSTRAP_SUPERUSER_ID).set("nspacl", null));
        ctx.changed();
        cache.claimTempSchema();
        return oid;
    }

    /** ON COMMIT DELETE ROWS / DROP of a table just created: the session does it at each commit. */
    static void registerOnCommit(DdlContext ctx, DdlCommand.OnCommit c) {
        DdlCommand.QualifiedName name = switch (c.create()) {
            case DdlCommand.CreateTable t -> t.name();
            case DdlCommand.CreatePartitioned t -> t.table().name();
            case DdlCommand.CreateTableAs t -> t.name();
            default -> throw new IllegalArgumentException("ON COMMIT on " + c.create().tag());
        };
        Integer oid = ctx.cache.lookupOid(name.schema(), name.name());
        if (oid != null) {
            ctx.session.onCommit(oid, c.action());
        }
    }
}

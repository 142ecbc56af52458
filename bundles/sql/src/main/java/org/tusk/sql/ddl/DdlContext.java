package org.tusk.sql.ddl;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.StorageSession;

/**
 * What a DDL command works with: the backend's storage session, relation cache and catalogs, the
 * session (for evaluating defaults and the current user) and the client (for NOTICEs), plus the
 * name resolution and locking every command shares.
 */
final class DdlContext {
    final BackendDatabase db;
    final RelationCache cache;
    final CatalogTables tables;
    final StorageSession storage;
    final CatalogWriter writer;
    final EvalContext session;
    final ResultSink sink;

    DdlContext(BackendDatabase db, EvalContext session, ResultSink sink) {
        this.db = db;
        this.cache = db.catalog();
        this.tables = cache.tables();
        this.storage = db.storage();
        this.writer = new CatalogWriter(tables, cache::isTempNamespace);
        this.session = session;
        this.sink = sink;
    }

    int database() {
        return db.databaseOid();
    }

    /** A NOTICE to the client (PostgreSQL's ereport(NOTICE)). */
    void notice(String sqlState, String message) {
        sink.notice(ErrorFields.of("NOTICE", sqlState, message).build());
    }

    /** An INFO message (VACUUM, REINDEX and CLUSTER VERBOSE), with a DETAIL if {@code detail} is not null. */
    void info(String message, String detail) {
        var fields = ErrorFields.of("INFO", "00000", message);
        sink.notice((detail == null ? fields : fields.detail(detail)).build());
    }

    /** A WARNING to the client; the statement goes on. */
    void warning(String sqlState, String message) {
        sink.notice(ErrorFields.of("WARNING", sqlState, message).build());
    }

    /** The role OID of the current user (pg_authid), or the bootstrap superuser's if it has no row. */
    int currentUserOid() {
        String user = session.currentUser();
        CatalogRow r = new CatalogTables(storage, 0).first(CatalogDefinitions.PG_AUTHID,
                a -> a.text("rolname").equals(user));
        return r == null ? CatalogOids.BOOTSTRAP_SUPERUSER_ID : r.oid("oid");
    }

    /** The schema a new object named {@code name} goes in: the one written, else the first of search_path. */
    int creationNamespace(QualifiedName name) {
        if (org.tusk.sql.catalog.RelationCache.TEMP_ALIAS.equals(name.schema())) {
            // Anyone may create temporary objects (the TEMP privilege every database grants to PUBLIC).
            return TempSchema.ensure(this);
        }
        if (name.schema() != null) {
            Integer ns = cache.namespaceOid(name.schema());
            if (ns == null) {
                throw SqlException.at("3F000", "schema \"" + name.schema() + "\" does not exist", name.position());
            }
            org.tusk.sql.roles.Privileges.checkSchemaCreate(session, ns, name.position());
            return ns;
        }
        for (String s : cache.explicitSearchPath()) {
            if (!s.equals("pg_catalog")) {
                org.tusk.sql.roles.Privileges.checkSchemaCreate(session, cache.namespaceOid(s), name.position());
                return cache.namespaceOid(s);
            }
        }
        throw SqlException.at("3F000", "no schema has been selected to create in", name.position());
    }

    /** The OID of an existing relation of any kind, or null. */
    Integer relationOid(QualifiedName name) {
        return cache.lookupOid(name.schema(), name.name());
    }

    /**
     * Locks a relation and makes sure what the cache says of it is current: the lock may have waited
     * for another backend's DDL to commit, so a new snapshot is taken and the cache checked again, as
     * PostgreSQL accepts invalidation messages after locking.
     */
    void lock(int relation, RelationLockMode mode) {
        storage.lockRelation(database(), relation, mode, false);
        storage.startStatement();
        db.statementStarted();
    }

    /** A relation's description after {@link #lock}. */
    Relation relation(int oid) {
        return cache.relation(oid);
    }

    /** The catalogs changed: visible to the next command, to other backends after commit. */
    void changed() {
        cache.changed();
    }

    /** 42809 when a relation is not of the kind the command needs ("x" is not a table). */
    static SqlException wrongKind(String name, String what) {
        return new SqlException("42809", "\"" + name + "\" is not " + what);
    }

    /** A name as PostgreSQL shortens it to NAMEDATALEN - 1 bytes (63). */
    static String truncate(String name) {
        byte[] b = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length <= 63) {
            return name;
        }
        int end = 63;
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(b, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * PostgreSQL's ChooseRelationName: {@code table_label_suffix}, with a number added until no
     * relation of that name exists in the schema (or among {@code taken}).
     */
    String chooseName(String table, String label, String suffix, int namespace, java.util.Set<String> taken) {
        String base = label == null ? table : table + "_" + label;
        for (int n = 0;; n++) {
            String tail = "_" + suffix + (n == 0 ? "" : Integer.toString(n));
            String name = truncate(base + tail);
            if (name.length() < base.length() + tail.length()) {
                name = truncate(base.substring(0, Math.max(1, base.length() - (base.length() + tail.length() - 63))))
                        + tail;
            }
            if (cache.classOid(namespace, name) == null && !taken.contains(name)) {
                return name;
            }
        }
    }

    /** The pg_type row {@code n} names (along search_path when unqualified), or null. */
    CatalogRow typeRow(QualifiedName n) {
        java.util.List<String> path = n.schema() != null ? java.util.List.of(n.schema()) : cache.searchPath();
        for (String schema : path) {
            Integer ns = cache.namespaceOid(schema);
            CatalogRow t = ns == null ? null : tables.first(CatalogDefinitions.PG_TYPE,
                    r -> r.oid("typnamespace") == ns && r.text("typname").equals(n.name()));
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** Writes a changed copy of a catalog row (a new version of it in this transaction). */
    void update(CatalogRow row, java.util.function.UnaryOperator<CatalogRow> change) {
        tables.update(change.apply(new CatalogRow(row.catalog(), row.values().clone(), row.tid())));
    }
}

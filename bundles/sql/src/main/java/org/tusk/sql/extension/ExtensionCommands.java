package org.tusk.sql.extension;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_AUTHID;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_DEPEND;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_DESCRIPTION;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_EXTENSION;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_PROC;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.func.FunctionDefinition;
import org.tusk.sql.types.SqlType;
import org.tusk.storage.access.RelationLockMode;

/**
 * CREATE EXTENSION, DROP EXTENSION and ALTER EXTENSION ... UPDATE (commands/extension.c). CREATE writes the
 * pg_extension row, its comment and its pg_depend row on the schema, then "runs the install script": one
 * pg_proc row of language C per function, each with a normal dependency on the schema and an 'e' dependency
 * on the extension, which is what makes DROP EXTENSION take them along and DROP FUNCTION refuse them alone.
 * Everything happens in the current transaction, so a rollback leaves nothing behind.
 */
public final class ExtensionCommands {

    private ExtensionCommands() {
    }

    public static void create(DdlCommand.CreateExtension c, BackendDatabase db, EvalContext session, ResultSink sink) {
        RelationCache rc = lockExtensions(db);
        if (find(rc, c.name()) != null) {
            if (c.ifNotExists()) {
                notice(sink, "extension \"" + c.name() + "\" already exists, skipping");
                return;
            }
            throw new SqlException("42710", "extension \"" + c.name() + "\" already exists");
        }
        BuiltinExtension ext = BuiltinExtensions.find(c.name());
        if (ext == null) {
            // As PostgreSQL 15 words it since its later minor releases (earlier ones: 58P01 "could not open ...").
            throw new SqlException(ErrorFields.of("ERROR", "0A000", "extension \"" + c.name() + "\" is not available")
                    .detail("Could not open extension control file \"" + BuiltinExtensions.SHARE_EXTENSION_DIR + "/"
                            + c.name() + ".control\": No such file or directory.")
                    .hint("The extension must first be installed on the system where PostgreSQL is running.")
                    .build());
        }
        String version = c.version() == null ? ext.defaultVersion() : c.version();
        if (!version.equals(ext.defaultVersion())) {
            throw new SqlException("22023", "extension \"" + ext.name()
                    + "\" has no installation script nor update path for version \"" + version + "\"");
        }
        int namespace = namespace(rc, c.schema(), ext);
        int owner = userOid(rc, session.currentUser());
        int oid = db.storage().newOid();
        rc.tables().insert(CatalogRow.create(PG_EXTENSION).set("oid", oid).set("extname", ext.name())
                .set("extowner", owner).set("extnamespace", namespace).set("extrelocatable", ext.relocatable())
                .set("extversion", version));
        rc.tables().insert(depend(CatalogOids.PG_EXTENSION, oid, CatalogOids.PG_NAMESPACE, namespace, 'n'));
        rc.tables().insert(CatalogRow.create(PG_DESCRIPTION).set("objoid", oid)
                .set("classoid", CatalogOids.PG_EXTENSION).set("objsubid", 0).set("description", ext.comment()));
        for (NativeFunction f : ext.functions()) {
            createFunction(db, rc, f, ext, namespace, owner, oid);
        }
        rc.changed();
    }

    public static void drop(DdlCommand.DropExtension c, BackendDatabase db, ResultSink sink) {
        RelationCache rc = lockExtensions(db);
        List<CatalogRow> found = new ArrayList<>();
        for (String name : c.names()) {
            CatalogRow row = find(rc, name);
            if (row == null) {
                if (c.ifExists()) {
                    notice(sink, "extension \"" + name + "\" does not exist, skipping");
                    continue;
                }
                throw new SqlException("42704", "extension \"" + name + "\" does not exist");
            }
            if (row.oid("oid") == CatalogOids.PLPGSQL_EXTENSION_OID) {
                throw new SqlException("0A000", "DROP EXTENSION plpgsql is not supported");
            }
            found.add(row);
        }
        for (CatalogRow row : found) {
            dropExtension(rc, row);
        }
        rc.changed();
    }

    /** Removes an extension's functions, its pg_depend and pg_description rows and its pg_extension row. */
    private static void dropExtension(RelationCache rc, CatalogRow row) {
        int oid = row.oid("oid");
        for (int member : members(rc, oid)) {
            rc.tables().deleteWhere(PG_PROC, r -> r.oid("oid") == member);
            rc.tables().deleteWhere(PG_DEPEND, r -> r.oid("classid") == CatalogOids.PG_PROC
                    && r.oid("objid") == member);
            rc.tables().deleteWhere(PG_DESCRIPTION, r -> r.oid("classoid") == CatalogOids.PG_PROC
                    && r.oid("objoid") == member);
        }
        rc.tables().deleteWhere(PG_DEPEND, r -> r.oid("classid") == CatalogOids.PG_EXTENSION
                && r.oid("objid") == oid);
        rc.tables().deleteWhere(PG_DESCRIPTION, r -> r.oid("classoid") == CatalogOids.PG_EXTENSION
                && r.oid("objoid") == oid);
        rc.tables().delete(row);
    }

    /** ALTER EXTENSION name UPDATE [TO version]: every built-in extension has one version, so only a no-op. */
    public static void alterUpdate(DdlCommand.AlterExtensionUpdate c, BackendDatabase db, ResultSink sink) {
        RelationCache rc = lockExtensions(db);
        CatalogRow row = find(rc, c.name());
        if (row == null) {
            throw new SqlException("42704", "extension \"" + c.name() + "\" does not exist");
        }
        String installed = row.text("extversion");
        BuiltinExtension ext = BuiltinExtensions.find(c.name());
        String target = c.version() != null ? c.version() : ext != null ? ext.defaultVersion() : installed;
        if (target.equals(installed)) {
            notice(sink, "version \"" + installed + "\" of extension \"" + c.name() + "\" is already installed");
            return;
        }
        throw new SqlException("22023", "extension \"" + c.name() + "\" has no update path from version \""
                + installed + "\" to version \"" + target + "\"");
    }

    /**
     * DROP FUNCTION of an extension's member: 2BP01, as findDependentObjects refuses to drop an object an
     * extension requires on its own.
     */
    public static void checkNotMember(RelationCache rc, int classId, int objectId, String description) {
        CatalogRow dep = rc.tables().first(PG_DEPEND, r -> r.oid("classid") == classId && r.oid("objid") == objectId
                && r.character("deptype") == 'e');
        if (dep == null) {
            return;
        }
        CatalogRow ext = rc.tables().first(PG_EXTENSION, r -> r.oid("oid") == dep.oid("refobjid"));
        String name = ext == null ? "?" : ext.text("extname");
        throw new SqlException(ErrorFields.of("ERROR", "2BP01", "cannot drop " + description + " because extension "
                + name + " requires it").hint("You can drop extension " + name + " instead.").build());
    }

    /**
     * DROP SCHEMA of a schema holding extensions: without CASCADE 2BP01 naming them, with it they are dropped
     * first (each announced with a NOTICE), as findDependentObjects reaches them through their pg_depend row.
     */
    public static void dropInSchema(RelationCache rc, int namespace, String schema, boolean cascade,
            java.util.function.Consumer<String> notice) {
        List<CatalogRow> here = rc.tables().rows(PG_EXTENSION, r -> r.oid("extnamespace") == namespace);
        if (here.isEmpty()) {
            return;
        }
        if (!cascade) {
            throw new SqlException(ErrorFields.of("ERROR", "2BP01", "cannot drop schema " + schema
                    + " because other objects depend on it").detail(String.join("\n", here.stream()
                            .map(r -> "extension " + r.text("extname") + " depends on schema " + schema).toList()))
                    .hint("Use DROP ... CASCADE to drop the dependent objects too.").build());
        }
        for (CatalogRow r : here) {
            notice.accept("drop cascades to extension " + r.text("extname"));
            dropExtension(rc, r);
        }
        rc.changed();
    }

    /** The OIDs of the functions that belong to extension {@code oid} (its pg_depend 'e' entries). */
    static List<Integer> members(RelationCache rc, int oid) {
        List<Integer> out = new ArrayList<>();
        for (CatalogRow r : rc.tables().rows(PG_DEPEND, r -> r.oid("refclassid") == CatalogOids.PG_EXTENSION
                && r.oid("refobjid") == oid && r.character("deptype") == 'e')) {
            if (r.oid("classid") == CatalogOids.PG_PROC) {
                out.add(r.oid("objid"));
            }
        }
        return out;
    }

    /** Takes turns with other backends creating or dropping extensions, and reads the catalogs after that. */
    private static RelationCache lockExtensions(BackendDatabase db) {
        db.storage().lockRelation(db.databaseOid(), CatalogOids.PG_EXTENSION, RelationLockMode.SHARE_ROW_EXCLUSIVE,
                false);
        db.storage().startStatement();
        db.statementStarted();
        return db.catalog();
    }

    private static CatalogRow find(RelationCache rc, String name) {
        return rc.tables().first(PG_EXTENSION, r -> r.text("extname").equals(name));
    }

    /** The schema named, the control file's, or the first of search_path (the creation namespace). */
    private static int namespace(RelationCache rc, String schema, BuiltinExtension ext) {
        String name = schema != null ? schema : ext.schema();
        if (name != null) {
            Integer ns = rc.namespaceOid(name);
            if (ns == null) {
                throw new SqlException("3F000", "schema \"" + name + "\" does not exist");
            }
            return ns;
        }
        for (String s : rc.explicitSearchPath()) {
            if (!s.equals("pg_catalog")) {
                return rc.namespaceOid(s);
            }
        }
        throw new SqlException("3F000", "no schema has been selected to create in");
    }

    private static void createFunction(BackendDatabase db, RelationCache rc, NativeFunction f, BuiltinExtension ext,
            int namespace, int owner, int extension) {
        List<Integer> argTypes = f.argTypes().stream().map(SqlType::oid).toList();
        for (CatalogRow r : rc.tables().rows(PG_PROC, r -> r.text("proname").equals(f.name())
                && r.oid("pronamespace") == namespace)) {
            List<Integer> existing = r.list("proargtypes").stream().map(t -> (int) ((Number) t).longValue()).toList();
            if (existing.equals(argTypes)) {
                throw new SqlException("42723", "function \"" + f.name() + "\" already exists with same argument "
                        + "types");
            }
        }
        int oid = db.storage().newOid();
        rc.tables().insert(CatalogRow.create(PG_PROC).set("oid", oid).set("proname", f.name())
                .set("pronamespace", namespace).set("proowner", owner).set("prolang", FunctionDefinition.C_LANGUAGE)
                .set("procost", 1.0f).set("prorows", 0.0f).set("provariadic", 0).set("prosupport", 0)
                .set("prokind", 'f').set("prosecdef", false).set("proleakproof", false).set("proisstrict", true)
                .set("proretset", false).set("provolatile", f.volatility()).set("proparallel", 's')
                .set("pronargs", (short) argTypes.size()).set("pronargdefaults", (short) 0)
                .set("prorettype", f.result().oid()).set("proargtypes", argTypes)
                .set("proargnames", f.argNames()).set("prosrc", f.symbol()).set("probin", ext.module()));
        rc.tables().insert(depend(CatalogOids.PG_PROC, oid, CatalogOids.PG_NAMESPACE, namespace, 'n'));
        rc.tables().insert(depend(CatalogOids.PG_PROC, oid, CatalogOids.PG_EXTENSION, extension, 'e'));
    }

    private static CatalogRow depend(int classId, int objectId, int refClassId, int refObjectId, char type) {
        return CatalogRow.create(PG_DEPEND).set("classid", classId).set("objid", objectId).set("objsubid", 0)
                .set("refclassid", refClassId).set("refobjid", refObjectId).set("refobjsubid", 0)
                .set("deptype", type);
    }

    private static int userOid(RelationCache rc, String user) {
        CatalogRow r = rc.tables().first(PG_AUTHID, a -> a.text("rolname").equals(user));
        return r == null ? CatalogOids.BOOTSTRAP_SUPERUSER_ID : r.oid("oid");
    }

    private static void notice(ResultSink sink, String message) {
        sink.notice(ErrorFields.of("NOTICE", "00000", message).build());
    }
}

package org.tusk.sql.extension;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_CLASS;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_EXTENSION;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_PROC;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_TYPE;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.types.SqlType;

/**
 * pg_describe_object(classid, objid, objsubid), objectaddress.c's getObjectDescription for the objects an
 * extension or a dependency report names: functions ("function f(integer,text)"), relations, types, schemas
 * and extensions; a name is schema-qualified when the search path would not find it, as format_procedure
 * and getRelationDescription qualify. psql's {@code \dx+} lists an extension's members with it. Other object
 * classes, and OIDs that name nothing, give NULL.
 */
public final class ObjectDescriptions {

    private ObjectDescriptions() {
    }

    public static String describe(RelationCache rc, long classId, long objectId) {
        int oid = (int) objectId;
        return switch ((int) classId) {
            case CatalogOids.PG_PROC -> function(rc, rc.tables().first(PG_PROC, r -> r.oid("oid") == oid));
            case CatalogOids.PG_EXTENSION -> {
                CatalogRow r = rc.tables().first(PG_EXTENSION, e -> e.oid("oid") == oid);
                yield r == null ? null : "extension " + r.text("extname");
            }
            case CatalogOids.PG_NAMESPACE -> {
                String name = rc.namespaceName(oid);
                yield name == null ? null : "schema " + name;
            }
            case CatalogOids.PG_CLASS -> {
                CatalogRow r = rc.tables().first(PG_CLASS, c -> c.oid("oid") == oid);
                yield r == null ? null : relationKind(r.character("relkind")) + " "
                        + qualified(rc, r.oid("relnamespace"), r.text("relname"));
            }
            case CatalogOids.PG_TYPE -> {
                CatalogRow r = rc.tables().first(PG_TYPE, t -> t.oid("oid") == oid);
                yield r == null ? null : "type " + qualified(rc, r.oid("typnamespace"), r.text("typname"));
            }
            default -> null;
        };
    }

    private static String function(RelationCache rc, CatalogRow r) {
        if (r == null) {
            return null;
        }
        List<String> args = new ArrayList<>();
        for (Object t : r.list("proargtypes")) {
            args.add(SqlType.byOid((int) ((Number) t).longValue()).displayName());
        }
        String kind = r.character("prokind") == 'p' ? "procedure " : "function ";
        return kind + qualified(rc, r.oid("pronamespace"), r.text("proname")) + "(" + String.join(",", args) + ")";
    }

    private static String qualified(RelationCache rc, int namespace, String name) {
        String schema = rc.namespaceName(namespace);
        return schema == null || rc.searchPath().contains(schema) ? name : schema + "." + name;
    }

    private static String relationKind(char relkind) {
        return switch (relkind) {
            case 'v' -> "view";
            case 'm' -> "materialized view";
            case 'S' -> "sequence";
            case 'i' -> "index";
            case 'c' -> "composite type";
            default -> "table";
        };
    }
}

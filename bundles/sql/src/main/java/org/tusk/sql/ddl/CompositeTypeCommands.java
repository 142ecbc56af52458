package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_TYPE;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.ColumnDef;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeCatalog;

/**
 * CREATE TYPE ... AS (...) and DROP TYPE for composite types (typecmds.c's DefineCompositeType and
 * RemoveObjects). As in PostgreSQL a composite type is a relation of kind 'c' (pg_class and pg_attribute
 * rows, no file) whose row type is the type, so the analyzer finds it as it finds a table's row type.
 */
final class CompositeTypeCommands {

    private CompositeTypeCommands() {
    }

    static void create(DdlContext ctx, DdlCommand.CreateCompositeType c) {
        int namespace = ctx.creationNamespace(c.name());
        String name = c.name().name();
        if (ctx.cache.classOid(namespace, name) != null || typeExists(ctx, namespace, name)) {
            throw new SqlException("42710", "type \"" + name + "\" already exists");
        }
        List<Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ColumnDef d : c.attributes()) {
            if (!names.add(d.name())) {
                throw new SqlException("42701", "column \"" + d.name() + "\" specified more than once");
            }
            TypeCatalog.Resolved type = TypeCatalog.resolve(d.type());
            if (type.type() == SqlType.UNKNOWN || type.type() == SqlType.VOID || type.type() == SqlType.RECORD) {
                throw SqlException.at("42P16", "column \"" + d.name() + "\" has pseudo-type "
                        + type.type().internalName(), d.type().position());
            }
            columns.add(new Column(columns.size() + 1, d.name(), type.type(), type.typmod(), false, null, '\0'));
        }
        int oid = ctx.storage.newOid();
        int rowType = RowTypeRows.create(ctx, oid, name, namespace);
        ctx.writer.insertClass(oid, name, namespace, 'c', 0, ctx.currentUserOid(), columns.size(), null, rowType);
        for (Column col : columns) {
            ctx.writer.insertAttribute(oid, col, false);
        }
        ctx.changed();
    }

    static void drop(DdlContext ctx, DdlCommand.DropType d) {
        List<Relation> dropping = new ArrayList<>();
        for (QualifiedName n : d.names()) {
            if (EnumCommands.drop(ctx, n, d.cascade())) {
                continue;
            }
            Integer oid = ctx.relationOid(n);
            CatalogRow row = oid == null ? null : ctx.cache.classRow(oid);
            if (row == null) {
                if (d.ifExists()) {
                    ctx.notice("00000", "type \"" + n + "\" does not exist, skipping");
                    continue;
                }
                throw new SqlException("42704", "type \"" + n + "\" does not exist");
            }
            char kind = row.character("relkind");
            if (kind != 'c') {
                String what = kind == 'v' ? "view" : kind == 'S' ? "sequence" : "table";
                throw new SqlException(ErrorFields.of("ERROR", "2BP01", "cannot drop type " + n.name()
                        + " because " + what + " " + n.name() + " requires it")
                        .hint("You can drop " + what + " " + n.name() + " instead.").build());
            }
            ctx.lock(oid, org.tusk.storage.access.RelationLockMode.ACCESS_EXCLUSIVE);
            dropping.add(ctx.relation(oid));
        }
        for (Relation r : dropping) {
            DropCommand.dropTypeDependents(ctx, r, visibleTypeName(ctx, r), d.cascade());
            DropCommand.dropRelation(ctx, r);
        }
    }

    /** The type's name as PostgreSQL's messages print it (qualified when search_path does not find it). */
    private static String visibleTypeName(DdlContext ctx, Relation r) {
        return DropCommand.visibleName(ctx, r.oid());
    }

    /** Whether pg_type has a type of that name in that schema (a built-in one in pg_catalog, say). */
    private static boolean typeExists(DdlContext ctx, int namespace, String name) {
        return ctx.tables.first(PG_TYPE, t -> t.oid("typnamespace") == namespace && t.text("typname").equals(name))
                != null;
    }
}

package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_ATTRIBUTE;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeCatalog;

/**
 * ALTER TYPE's attribute actions on a composite type (tablecmds.c through AlterTableStmt with OBJECT_TYPE):
 * ADD ATTRIBUTE appends a pg_attribute row, DROP ATTRIBUTE marks it dropped as DROP COLUMN does (the attnum
 * is never reused), ALTER ATTRIBUTE ... TYPE and RENAME ATTRIBUTE change it. A composite type has no file, so
 * nothing is rewritten; the relation cache's change gives every session the new row type. Tusk has no table
 * columns of composite types, so no stored value can depend on the old shape (PostgreSQL refuses some changes
 * then).
 */
final class CompositeTypeAlter {

    private CompositeTypeAlter() {
    }

    static void run(DdlContext ctx, DdlCommand.AlterType c) {
        Integer oid = ctx.relationOid(c.name());
        CatalogRow row = oid == null ? null : ctx.cache.classRow(oid);
        if (row == null) {
            throw new SqlException("42P01", "relation \"" + c.name().name() + "\" does not exist");
        }
        if (row.character("relkind") != 'c') {
            throw new SqlException("42809", "\"" + c.name().name() + "\" is not a composite type");
        }
        ctx.lock(oid, org.tusk.storage.access.RelationLockMode.ACCESS_EXCLUSIVE);
        org.tusk.sql.roles.Privileges.checkOwner(ctx.session, oid);
        for (DdlCommand.AttributeAction a : c.actions()) {
            Relation type = ctx.relation(oid);
            Column col = type.column(a.name());
            switch (a.kind()) {
                case 'a' -> add(ctx, type, a);
                case 'd' -> {
                    if (col == null) {
                        missing(ctx, type, a.name(), a.ifExists());
                        continue;
                    }
                    update(ctx, type, col, r -> r.set("attisdropped", true)
                            .set("attname", "........pg.dropped." + col.number() + "........"));
                }
                case 't' -> {
                    if (col == null) {
                        missing(ctx, type, a.name(), false);
                    }
                    TypeCatalog.Resolved t = resolve(a);
                    ctx.tables.deleteWhere(PG_ATTRIBUTE, r -> r.oid("attrelid") == type.oid()
                            && r.int2("attnum") == col.number());
                    ctx.writer.insertAttribute(type.oid(), new Column(col.number(), col.name(), t.type(), t.typmod(),
                            false, null, '\0'), false);
                }
                default -> {
                    if (col == null) {
                        throw new SqlException("42703", "column \"" + a.name() + "\" does not exist");
                    }
                    if (type.column(a.newName()) != null) {
                        throw new SqlException("42701", "column \"" + a.newName() + "\" of relation \"" + type.name()
                                + "\" already exists");
                    }
                    update(ctx, type, col, r -> r.set("attname", a.newName()));
                }
            }
            ctx.changed();
        }
    }

    private static void add(DdlContext ctx, Relation type, DdlCommand.AttributeAction a) {
        if (type.column(a.name()) != null) {
            throw new SqlException("42701", "column \"" + a.name() + "\" of relation \"" + type.name()
                    + "\" already exists");
        }
        TypeCatalog.Resolved t = resolve(a);
        CatalogRow cls = ctx.cache.classRow(type.oid());
        int number = cls.int2("relnatts") + 1;
        ctx.writer.insertAttribute(type.oid(), new Column(number, a.name(), t.type(), t.typmod(), false, null, '\0'),
                false);
        ctx.tables.update(cls.set("relnatts", (short) number));
    }

    private static TypeCatalog.Resolved resolve(DdlCommand.AttributeAction a) {
        TypeCatalog.Resolved t = TypeCatalog.resolve(a.type());
        if (t.type() == SqlType.UNKNOWN || t.type() == SqlType.VOID || t.type() == SqlType.RECORD) {
            throw SqlException.at("42P16", "column \"" + a.name() + "\" has pseudo-type " + t.type().internalName(),
                    a.type().position());
        }
        return t;
    }

    private static void missing(DdlContext ctx, Relation type, String name, boolean ifExists) {
        String message = "column \"" + name + "\" of relation \"" + type.name() + "\" does not exist";
        if (!ifExists) {
            throw new SqlException("42703", message);
        }
        ctx.notice("00000", message + ", skipping");
    }

    private static CatalogRow attribute(DdlContext ctx, Relation type, Column col) {
        return ctx.tables.first(PG_ATTRIBUTE, r -> r.oid("attrelid") == type.oid() && r.int2("attnum") == col.number());
    }

    private static void update(DdlContext ctx, Relation type, Column col,
            java.util.function.UnaryOperator<CatalogRow> change) {
        ctx.tables.update(change.apply(attribute(ctx, type, col)));
    }
}

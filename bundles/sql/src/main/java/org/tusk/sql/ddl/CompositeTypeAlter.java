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
 * is never reused), ALTER ATTRIBUTE ... TYPE and RENAME ATTRIBUTE change it. A composite type has no file;
 * the relation cache's change gives every session the new row type. The tables with columns of the type are
 * rewritten with their rows stored as rows of the new fields (Tusk's stored rows name their fields), and
 * ALTER ATTRIBUTE ... TYPE is refused while such a column exists, as in PostgreSQL.
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
                    refuseIfUsed(ctx, type, oid);
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
            storeAgain(ctx, type, ctx.relation(oid));
        }
    }

    /** The columns of tables whose type is this composite type or an array of it, as (table OID, attnum). */
    private static java.util.List<int[]> users(DdlContext ctx, Relation type) {
        int rowType = org.tusk.sql.catalog.CompositeTypes.rowTypeOid(ctx.cache, type);
        int arrayType = org.tusk.sql.catalog.CompositeTypes.arrayTypeOid(ctx.cache, rowType);
        java.util.List<int[]> out = new java.util.ArrayList<>();
        int arrays = 0;
        for (CatalogRow a : ctx.tables.rows(PG_ATTRIBUTE, a -> !a.bool("attisdropped") && a.int2("attnum") > 0
                && (a.oid("atttypid") == rowType || arrayType != 0 && a.oid("atttypid") == arrayType))) {
            CatalogRow cls = ctx.cache.classRow(a.oid("attrelid"));
            if (cls != null && (cls.character("relkind") == 'r' || cls.character("relkind") == 'p')) {
                // PostgreSQL meets the array type's columns first (find_composite_type_dependencies recurses
                // into the array type before the type's own columns come up).
                out.add(a.oid("atttypid") == arrayType ? arrays++ : out.size(),
                        new int[] {a.oid("attrelid"), a.int2("attnum")});
            }
        }
        return out;
    }

    /** ALTER ATTRIBUTE ... TYPE: refused while a column stores the type (find_composite_type_dependencies). */
    private static void refuseIfUsed(DdlContext ctx, Relation type, int oid) {
        java.util.List<int[]> users = users(ctx, type);
        if (!users.isEmpty()) {
            Relation table = ctx.relation(users.getFirst()[0]);
            String column = table.columns().stream().filter(c -> c.number() == users.getFirst()[1]).findFirst()
                    .orElseThrow().name();
            throw new SqlException("0A000", "cannot alter type \"" + type.name() + "\" because column \""
                    + table.name() + "." + column + "\" uses it");
        }
    }

    /**
     * After ADD, DROP or RENAME ATTRIBUTE: the rows stored in columns of the type are stored again as rows of
     * its new fields (matched by attnum; an added one NULL, a dropped one gone), as PostgreSQL reads its
     * unchanged tuples through the new descriptor.
     */
    private static void storeAgain(DdlContext ctx, Relation before, Relation after) {
        java.util.List<int[]> users = users(ctx, after);
        if (users.isEmpty()) {
            return;
        }
        int[] from = new int[after.columns().size()];
        for (int i = 0; i < from.length; i++) {
            from[i] = -1;
            for (int j = 0; j < before.columns().size(); j++) {
                if (before.columns().get(j).number() == after.columns().get(i).number()) {
                    from[i] = j;
                }
            }
        }
        org.tusk.sql.types.RowType rowType = org.tusk.sql.catalog.CompositeTypes.rowType(ctx.cache, after);
        java.util.Map<Integer, java.util.List<Integer>> byTable = new java.util.LinkedHashMap<>();
        for (int[] u : users) {
            byTable.computeIfAbsent(u[0], k -> new java.util.ArrayList<>()).add(u[1]);
        }
        for (var e : byTable.entrySet()) {
            ctx.lock(e.getKey(), org.tusk.storage.access.RelationLockMode.ACCESS_EXCLUSIVE);
            Relation table = ctx.relation(e.getKey());
            java.util.List<Integer> positions = new java.util.ArrayList<>();
            for (int i = 0; i < table.columns().size(); i++) {
                if (e.getValue().contains(table.columns().get(i).number())) {
                    positions.add(i);
                }
            }
            Rewrite.table(ctx, table, values -> {
                for (int p : positions) {
                    values[p] = org.tusk.sql.schema.StorageValues.restructureRows(values[p], rowType, from);
                }
                return values;
            });
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

package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_DEPEND;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_ENUM;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_TYPE;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;

/**
 * CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD VALUE / RENAME VALUE, and the renames, schema changes and DROP
 * of a user-defined type that is no composite (typecmds.c's DefineEnum, pg_enum.c's EnumValuesCreate,
 * AddEnumLabel, RenameEnumLabel). An enum is a pg_type row of typtype 'e' (4 bytes by value, category 'E',
 * enum_in/enum_out/enum_recv/enum_send) with its array type, and a pg_enum row per label whose enumsortorder
 * gives the order: 1, 2, 3 ... at creation, a new label at the end the highest plus one, one BEFORE or AFTER
 * another halfway between its neighbours. Label OIDs are even at creation, as EnumValuesCreate takes them.
 *
 * <p>Columns and values of enum types are not there yet (the engine's value types are fixed), so a table
 * column of an enum type is refused with 0A000 (CreateTableCommand).
 */
final class EnumCommands {
    private static final int ENUM_IN = 3506;
    private static final int ENUM_OUT = 3507;
    private static final int ENUM_RECV = 3532;
    private static final int ENUM_SEND = 3533;
    /** NAMEDATALEN - 1: the longest label in bytes. */
    private static final int MAX_LABEL = 63;

    private EnumCommands() {
    }

    static void create(DdlContext ctx, DdlCommand.CreateEnumType c) {
        int namespace = ctx.creationNamespace(c.name());
        String name = c.name().name();
        if (typeRow(ctx, namespace, name) != null) {
            throw new SqlException("42710", "type \"" + name + "\" already exists");
        }
        int owner = ctx.currentUserOid();
        int arrayOid = ctx.storage.newOid();
        int oid = ctx.storage.newOid();
        ctx.tables.insert(RowTypeRows.base(oid, name, namespace, owner).set("typlen", (short) 4)
                .set("typbyval", true).set("typtype", 'e').set("typcategory", 'E').set("typarray", arrayOid)
                .set("typinput", ENUM_IN).set("typoutput", ENUM_OUT).set("typreceive", ENUM_RECV)
                .set("typsend", ENUM_SEND).set("typalign", 'i').set("typstorage", 'p'));
        ctx.tables.insert(RowTypeRows.arrayRow(arrayOid, oid, name, namespace, owner).set("typalign", 'i'));
        ctx.writer.insertDependency(CatalogOids.PG_TYPE, oid, CatalogOids.PG_NAMESPACE, namespace, 'n');
        ctx.writer.insertDependency(CatalogOids.PG_TYPE, arrayOid, CatalogOids.PG_TYPE, oid, 'i');
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < c.labels().size(); i++) {
            String label = checkLabel(c.labels().get(i));
            if (!seen.add(label)) {
                throw new SqlException(ErrorFields.of("ERROR", "23505",
                        "duplicate key value violates unique constraint \"pg_enum_typid_label_index\"")
                        .detail("Key (enumtypid, enumlabel)=(" + Integer.toUnsignedString(oid) + ", " + label
                                + ") already exists.").build());
            }
            insertLabel(ctx, evenOid(ctx), oid, i + 1, label);
        }
        ctx.changed();
    }

    static void alter(DdlContext ctx, DdlCommand.AlterEnumType c) {
        CatalogRow type = findType(ctx, c.name());
        switch (c.action()) {
            case 'A' -> addValue(ctx, enumType(type), c);
            case 'V' -> renameValue(ctx, enumType(type), c);
            case 'R' -> rename(ctx, userType(type), c.newName());
            default -> setSchema(ctx, userType(type), c.newName());
        }
        ctx.changed();
    }

    private static void addValue(DdlContext ctx, CatalogRow type, DdlCommand.AlterEnumType c) {
        int typeOid = type.oid("oid");
        String label = checkLabel(c.label());
        List<CatalogRow> labels = labels(ctx, typeOid);
        if (labels.stream().anyMatch(l -> l.text("enumlabel").equals(label))) {
            String message = "enum label \"" + label + "\" already exists";
            if (c.ifNotExists()) {
                ctx.notice("42710", message + ", skipping");
                return;
            }
            throw new SqlException("42710", message);
        }
        float order;
        if (c.neighbor() == null) {
            order = labels.isEmpty() ? 1 : sortOrder(labels.getLast()) + 1;
        } else {
            int at = -1;
            for (int i = 0; i < labels.size(); i++) {
                if (labels.get(i).text("enumlabel").equals(c.neighbor())) {
                    at = i;
                }
            }
            if (at < 0) {
                throw new SqlException("22023", "\"" + c.neighbor() + "\" is not an existing enum label");
            }
            float here = sortOrder(labels.get(at));
            if (c.after()) {
                order = at + 1 < labels.size() ? (here + sortOrder(labels.get(at + 1))) / 2 : here + 1;
            } else {
                order = at > 0 ? (sortOrder(labels.get(at - 1)) + here) / 2 : here - 1;
            }
        }
        int oid = ctx.storage.newOid();
        insertLabel(ctx, oid, typeOid, order, label);
        ctx.cache.enumLabelAdded(oid);
    }

    private static void renameValue(DdlContext ctx, CatalogRow type, DdlCommand.AlterEnumType c) {
        String to = checkLabel(c.newName());
        List<CatalogRow> labels = labels(ctx, type.oid("oid"));
        CatalogRow from = labels.stream().filter(l -> l.text("enumlabel").equals(c.label())).findFirst()
                .orElseThrow(() -> new SqlException("22023", "\"" + c.label() + "\" is not an existing enum label"));
        if (labels.stream().anyMatch(l -> l.text("enumlabel").equals(to))) {
            throw new SqlException("42710", "enum label \"" + to + "\" already exists");
        }
        ctx.tables.update(new CatalogRow(from.catalog(), from.values().clone(), from.tid()).set("enumlabel", to));
    }

    /** ALTER TYPE ... RENAME TO: the type and its array type (RenameTypeInternal). */
    static void rename(DdlContext ctx, CatalogRow type, String newName) {
        int namespace = type.oid("typnamespace");
        if (typeRow(ctx, namespace, newName) != null) {
            throw new SqlException("42710", "type \"" + newName + "\" already exists");
        }
        ctx.update(type, r -> r.set("typname", newName));
        CatalogRow array = ctx.tables.first(PG_TYPE, t -> t.oid("oid") == type.oid("typarray"));
        if (array != null) {
            ctx.update(array, r -> r.set("typname", DdlContext.truncate("_" + newName)));
        }
    }

    /** ALTER TYPE ... SET SCHEMA: the type and its array type move (AlterTypeNamespaceInternal). */
    private static void setSchema(DdlContext ctx, CatalogRow type, String schema) {
        Integer namespace = ctx.cache.namespaceOid(schema);
        if (namespace == null) {
            throw new SqlException("3F000", "schema \"" + schema + "\" does not exist");
        }
        String name = type.text("typname");
        if (namespace != type.oid("typnamespace") && typeRow(ctx, namespace, name) != null) {
            throw new SqlException("42710", "type \"" + name + "\" already exists in schema \"" + schema + "\"");
        }
        ctx.update(type, r -> r.set("typnamespace", namespace));
        CatalogRow array = ctx.tables.first(PG_TYPE, t -> t.oid("oid") == type.oid("typarray"));
        if (array != null) {
            ctx.update(array, r -> r.set("typnamespace", namespace));
        }
        ctx.tables.deleteWhere(PG_DEPEND, d -> d.oid("classid") == CatalogOids.PG_TYPE
                && d.oid("objid") == type.oid("oid") && d.oid("refclassid") == CatalogOids.PG_NAMESPACE);
        ctx.writer.insertDependency(CatalogOids.PG_TYPE, type.oid("oid"), CatalogOids.PG_NAMESPACE, namespace, 'n');
    }

    /**
     * DROP TYPE of an enum named {@code n}: returns false when {@code n} names no enum (the caller goes on
     * with composite types).
     */
    static boolean drop(DdlContext ctx, QualifiedName n, boolean cascade) {
        CatalogRow type = lookup(ctx, n);
        if (type == null || type.character("typtype") != 'e') {
            return false;
        }
        int oid = type.oid("oid");
        dropColumns(ctx, type, cascade);
        ctx.tables.deleteWhere(PG_ENUM, e -> e.oid("enumtypid") == oid);
        ctx.tables.deleteWhere(PG_DEPEND, d -> d.oid("classid") == CatalogOids.PG_TYPE
                && (d.oid("objid") == oid || d.oid("refobjid") == oid));
        ctx.tables.deleteWhere(PG_TYPE, t -> t.oid("oid") == oid
                || t.oid("typelem") == oid && t.character("typcategory") == 'A');
        ctx.changed();
        return true;
    }

    /**
     * The table columns of the enum or of its array type: without CASCADE 2BP01 naming them, with it they are
     * dropped (NOTICE "drop cascades to ..."), as the column's dependency on its type makes PostgreSQL do.
     */
    private static void dropColumns(DdlContext ctx, CatalogRow type, boolean cascade) {
        int oid = type.oid("oid");
        int array = type.oid("typarray");
        String name = type.text("typname");
        List<DomainCommands.Use> uses = new java.util.ArrayList<>(
                DomainCommands.uses(ctx, java.util.Set.of(oid, array)));
        if (uses.isEmpty()) {
            return;
        }
        // As findDependentObjects reaches them: the array type's columns first (the array type depends on the
        // enum from its creation on), then the enum's, each in the order they were created.
        uses.sort(Comparator.comparing(
                (DomainCommands.Use u) -> u.column().type() != org.tusk.sql.types.SqlType.ENUM_ARRAY)
                .thenComparing(u -> u.table().oid(), Integer::compareUnsigned)
                .thenComparingInt(u -> u.column().number()));
        List<String> objects = uses.stream().map(u -> "column " + u.column().name() + " of table "
                + DropCommand.visibleName(ctx, u.table().oid())).toList();
        if (!cascade) {
            List<String> details = new java.util.ArrayList<>();
            for (int i = 0; i < uses.size(); i++) {
                boolean ofArray = uses.get(i).column().type() == org.tusk.sql.types.SqlType.ENUM_ARRAY;
                details.add(objects.get(i) + " depends on type " + name + (ofArray ? "[]" : ""));
            }
            throw new SqlException(ErrorFields.of("ERROR", "2BP01", "cannot drop type " + name
                    + " because other objects depend on it").detail(String.join("\n", details))
                    .hint("Use DROP ... CASCADE to drop the dependent objects too.").build());
        }
        if (objects.size() == 1) {
            ctx.notice("00000", "drop cascades to " + objects.getFirst());
        } else {
            ctx.sink.notice(ErrorFields.of("NOTICE", "00000", "drop cascades to " + objects.size()
                    + " other objects").detail(String.join("\n", objects.stream()
                            .map(o -> "drop cascades to " + o).toList())).build());
        }
        for (DomainCommands.Use u : uses) {
            AlterTableCommand.dropColumn(ctx, ctx.relation(u.table().oid()),
                    new DdlCommand.DropColumn(u.column().name(), false, true, -1));
            ctx.changed();
        }
    }

    /** Whether a column type written as {@code names} is an enum (refused as a column type for now). */
    static boolean isEnum(DdlContext ctx, QualifiedName n) {
        CatalogRow type = lookup(ctx, n);
        return type != null && type.character("typtype") == 'e';
    }

    /** The pg_type row a name finds along search_path (or in its schema), or null. */
    static CatalogRow lookup(DdlContext ctx, QualifiedName n) {
        return ctx.typeRow(n);
    }

    private static CatalogRow findType(DdlContext ctx, QualifiedName n) {
        CatalogRow t = lookup(ctx, n);
        if (t == null) {
            throw new SqlException("42704", "type \"" + n + "\" does not exist");
        }
        return t;
    }

    private static CatalogRow enumType(CatalogRow type) {
        if (type.character("typtype") != 'e') {
            throw new SqlException("42809", "\"" + type.text("typname") + "\" is not an enum");
        }
        return type;
    }

    /** RENAME TO and SET SCHEMA here are for enums and domains; a composite type's relation would follow. */
    private static CatalogRow userType(CatalogRow type) {
        char kind = type.character("typtype");
        if (kind != 'e' && kind != 'd') {
            throw new SqlException("0A000", "ALTER TYPE ... RENAME TO and SET SCHEMA of a "
                    + (kind == 'c' ? "composite" : "base") + " type are not supported yet");
        }
        return type;
    }

    private static CatalogRow typeRow(DdlContext ctx, int namespace, String name) {
        return ctx.tables.first(PG_TYPE, t -> t.oid("typnamespace") == namespace && t.text("typname").equals(name));
    }

    /** The type's labels in sort order. */
    private static List<CatalogRow> labels(DdlContext ctx, int typeOid) {
        List<CatalogRow> labels = new java.util.ArrayList<>(ctx.tables.rows(PG_ENUM, e -> e.oid("enumtypid") == typeOid));
        labels.sort(Comparator.comparingDouble(EnumCommands::sortOrder));
        return labels;
    }

    private static float sortOrder(CatalogRow label) {
        return ((Number) label.get("enumsortorder")).floatValue();
    }

    private static String checkLabel(String label) {
        if (label.getBytes(StandardCharsets.UTF_8).length > MAX_LABEL) {
            throw new SqlException(ErrorFields.of("ERROR", "42602", "invalid enum label \"" + label + "\"")
                    .detail("Labels must be " + MAX_LABEL + " bytes or less.").build());
        }
        return label;
    }

    private static void insertLabel(DdlContext ctx, int oid, int typeOid, float order, String label) {
        ctx.tables.insert(CatalogRow.create(PG_ENUM).set("oid", oid).set("enumtypid", typeOid)
                .set("enumsortorder", order).set("enumlabel", label));
    }

    /** An even OID: EnumValuesCreate takes only those, so that OID order can stand for label order. */
    private static int evenOid(DdlContext ctx) {
        int oid = ctx.storage.newOid();
        while ((oid & 1) != 0) {
            oid = ctx.storage.newOid();
        }
        return oid;
    }

}

package org.tusk.sql.ddl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.ColumnDef;
import org.tusk.sql.ast.DdlCommand.TableConstraint;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.schema.StorageValues;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeCatalog;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.TableShape;

/**
 * CREATE TABLE (PostgreSQL's DefineRelation + heap_create_with_catalog + the constraints of
 * AddRelationNewConstraints and index creation): the pg_class row, one pg_attribute row per column,
 * pg_attrdef rows for defaults, the table's file, then its constraints: PRIMARY KEY and UNIQUE as
 * unique indexes with pg_constraint rows, CHECK and FOREIGN KEY as pg_constraint rows.
 *
 * <p>The table's composite row type is made by {@link RowTypeRows}. Tusk makes no pg_depend rows for
 * columns' types nor for the row type; serial columns and identity columns need sequences, which are not there yet.
 */
final class CreateTableCommand {

    private CreateTableCommand() {
    }

    static void run(DdlContext ctx, DdlCommand.CreateTable c) {
        run(ctx, c, 'r', List.of());
    }

    /**
     * Creates a table of {@code kind} ('r', or 'p' for a partitioned table, which has no file); a partition's
     * columns are {@code inherited} from its parent, before those the statement writes. Returns its OID, or 0
     * when IF NOT EXISTS found one already.
     */
    static int run(DdlContext ctx, DdlCommand.CreateTable c, char kind, List<Column> inherited) {
        int namespace = ctx.creationNamespace(c.name());
        String name = c.name().name();
        if (ctx.cache.classOid(namespace, name) != null) {
            if (c.ifNotExists()) {
                ctx.notice("42P07", "relation \"" + name + "\" already exists, skipping");
                return 0;
            }
            throw new SqlException("42P07", "relation \"" + name + "\" already exists");
        }
        LikeClauses likes = new LikeClauses();
        c = likes.expand(ctx, c);
        List<Column> columns = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        List<TableConstraint> constraints = new ArrayList<>();
        Set<String> names = new HashSet<>();
        // Serial and identity columns: the sequence each gets, by column position.
        java.util.Map<Integer, String> sequences = new java.util.LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (Column col : inherited) {
            names.add(col.name());
            columns.add(col);
            defaults.add(col.identity() != '\0' ? null : col.defaultSql());
        }
        for (ColumnDef d : c.columns()) {
            if (!names.add(d.name())) {
                throw new SqlException("42701", "column \"" + d.name() + "\" specified more than once");
            }
            Column col = column(ctx, d, columns.size() + 1);
            String defaultSql = d.defaultValue() == null ? null : d.defaultValue().sql();
            if (serial(d) != null || d.identity() != '\0') {
                if (defaultSql != null) {
                    throw new SqlException("42601", "multiple default values specified for column \"" + d.name()
                            + "\" of table \"" + name + "\"");
                }
                DdlCommand.QualifiedName given = d.identityOptions() == null ? null : d.identityOptions().name();
                String sequence = given != null ? given.name() : ctx.chooseName(name, d.name(), "seq", namespace, taken);
                taken.add(sequence);
                sequences.put(columns.size(), sequence);
                // As PostgreSQL writes it (pg_get_expr): the sequence's name, qualified if search_path
                // would not find it, as a regclass constant.
                String schema = ctx.cache.namespaceName(namespace);
                String qualified = (ctx.cache.explicitSearchPath().contains(schema) ? "" : schema + ".") + sequence;
                defaultSql = "nextval('" + qualified.replace("'", "''") + "'::regclass)";
                col = col.with(col.number(), col.name(), true, defaultSql, d.identity());
            }
            columns.add(col);
            // An identity column has no pg_attrdef row: it takes values from its sequence directly (the
            // relation cache gives it the nextval default in memory: IdentityColumns).
            defaults.add(d.identity() != '\0' ? null : defaultSql);
            constraints.addAll(d.constraints());
        }
        constraints.addAll(c.constraints());
        // PRIMARY KEY columns are NOT NULL.
        long primaryKeys = constraints.stream().filter(k -> k.type() == 'p').count();
        if (primaryKeys > 1) {
            TableConstraint second = constraints.stream().filter(k -> k.type() == 'p').skip(1).findFirst()
                    .orElseThrow();
            throw SqlException.at("42P16", "multiple primary keys for table \"" + name + "\" are not allowed",
                    second.position());
        }
        for (TableConstraint k : constraints) {
            if (k.type() == 'p') {
                for (String col : k.columns()) {
                    int i = indexOf(columns, col);
                    if (i < 0) {
                        throw SqlException.at("42703", "column \"" + col + "\" named in key does not exist",
                                k.position());
                    }
                    Column x = columns.get(i);
                    columns.set(i, x.with(x.number(), x.name(), true, x.defaultSql(), x.identity()));
                }
            }
        }
        // CHECK conditions must make sense over the columns before anything is created.
        Relation provisional = new Relation(0, namespace, null, name, 'r', null, columns, List.of(), List.of(),
                List.of(), List.of(), null);
        for (TableConstraint k : constraints) {
            if (k.type() == 'c') {
                Validation.check(ctx, provisional, new org.tusk.sql.eval.RowSlot(name), k.check().expr());
            }
        }
        int oid = create(ctx, namespace, name, columns, defaults, sequences, constraints, c.options(), c.columns(),
                kind);
        likes.finish(ctx, oid);
        return oid;
    }

    /**
     * Creates a table whose columns are known (heap_create_with_catalog and what follows it): the catalog
     * rows, the file, the sequences of serial and identity columns ({@code sequences}: their names by column
     * index; an identity column's options are in its {@code definitions} entry) and the constraints. Returns
     * the table's OID.
     */
    static int create(DdlContext ctx, int namespace, String name, List<Column> columns, List<String> defaults,
            java.util.Map<Integer, String> sequences, List<TableConstraint> constraints, List<String> options,
            List<ColumnDef> definitions) {
        return create(ctx, namespace, name, columns, defaults, sequences, constraints, options, definitions, 'r');
    }

    /** As above, for a relation of {@code kind}: 'r', or 'p' (a partitioned table: no file, relfilenode 0). */
    static int create(DdlContext ctx, int namespace, String name, List<Column> columns, List<String> defaults,
            java.util.Map<Integer, String> sequences, List<TableConstraint> constraints, List<String> options,
            List<ColumnDef> definitions, char kind) {
        int oid = ctx.storage.newOid();
        RelationId id = new RelationId(ctx.database(), oid);
        int rowType = RowTypeRows.create(ctx, oid, name, namespace);
        ctx.writer.insertClass(oid, name, namespace, kind, kind == 'p' ? 0 : oid, ctx.currentUserOid(),
                columns.size(), options, rowType);
        java.util.Map<Integer, Integer> defaultOids = new java.util.HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Column col = columns.get(i);
            ctx.writer.insertAttribute(oid, col, defaults.get(i) != null);
            if (defaults.get(i) != null) {
                int defaultOid = ctx.storage.newOid();
                ctx.writer.insertDefault(defaultOid, oid, col.number(), defaults.get(i));
                // The default belongs to its column (auto), as StoreAttrDefault records it; pg_dump reads this.
                ctx.writer.insertDependency(org.tusk.sql.catalog.CatalogOids.PG_ATTRDEF, defaultOid,
                        org.tusk.sql.catalog.CatalogOids.PG_CLASS, oid, col.number(), 'a');
                defaultOids.put(i, defaultOid);
            }
        }
        if (kind != 'p') {
            ctx.storage.createTable(id, new TableShape(columns.stream().map(StorageValues::columnType).toList()));
        }
        for (var e : sequences.entrySet()) {
            Column col = columns.get(e.getKey());
            if (col.identity() != '\0') {
                IdentityColumns.create(ctx, oid, namespace, col, e.getValue(), definitions.get(e.getKey())
                        .identityOptions());
                continue;
            }
            int sequence = Sequences.create(ctx, namespace, e.getValue(), col.type(), new DdlCommand.CreateSequence(
                    null, false, null, null, null, null, null));
            // Owned by the column: dropped with the table, silently (deptype 'a', auto); the column's number
            // is what pg_get_serial_sequence looks for.
            ctx.writer.insertDependency(org.tusk.sql.catalog.CatalogOids.PG_CLASS, sequence,
                    org.tusk.sql.catalog.CatalogOids.PG_CLASS, oid, col.number(), 'a');
            // Its nextval default names the sequence (normal): with the ownership above that is the loop pg_dump
            // breaks by restoring the default after the sequence, as for PostgreSQL's serial columns.
            ctx.writer.insertDependency(org.tusk.sql.catalog.CatalogOids.PG_ATTRDEF, defaultOids.get(e.getKey()),
                    org.tusk.sql.catalog.CatalogOids.PG_CLASS, sequence, 'n');
        }
        ctx.changed();
        Relation table = ctx.relation(oid);
        Constraints.add(ctx, table, constraints);
        ctx.changed();
        return oid;
    }

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A column definition as a column: its type resolved, its default checked against the type. */
    static Column column(DdlContext ctx, ColumnDef d, int number) {
        SqlType serial = serial(d);
        org.tusk.sql.catalog.Domains.Domain domain = serial != null ? null : DomainCommands.columnDomain(ctx, d.type());
        Column composite = serial == null && domain == null ? compositeColumn(ctx, d, number) : null;
        if (composite != null) {
            return composite;
        }
        TypeCatalog.Resolved enumType = serial == null && domain == null ? enumType(ctx, d.type()) : null;
        TypeCatalog.Resolved type = serial != null ? new TypeCatalog.Resolved(serial, -1)
                : domain != null ? new TypeCatalog.Resolved(domain.base(), domain.typmod())
                : enumType != null ? enumType
                : TypeCatalog.resolve(d.type());
        if (d.identity() != '\0' && type.type() != SqlType.INT2 && type.type() != SqlType.INT4
                && type.type() != SqlType.INT8) {
            throw new SqlException("22023", "identity column type must be smallint, integer, or bigint");
        }
        if (type.type() == SqlType.UNKNOWN || type.type() == SqlType.VOID || type.type() == SqlType.RECORD) {
            throw SqlException.at("42P16", "column \"" + d.name() + "\" has pseudo-type " + type.type().internalName(),
                    d.type().position());
        }
        if (d.defaultValue() != null) {
            // As PostgreSQL's cookDefault: the expression must be coercible to the column's type now.
            new Analyzer(ctx.session).transformAs(d.defaultValue().expr(), type.type(),
                    org.tusk.sql.types.EnumLabels.isEnum(type.type()) ? type.typmod() : -1, "DEFAULT");
        }
        return new Column(number, d.name(), type.type(), type.typmod(), Boolean.TRUE.equals(d.notNull()),
                d.defaultValue() == null ? null : d.defaultValue().sql(), '\0', domain == null ? 0 : domain.oid());
    }

    /**
     * A column whose type names a composite type (a table's row type or CREATE TYPE ... AS) or an array of
     * one, or null if the name is a built-in type's or no composite type's.
     */
    private static Column compositeColumn(DdlContext ctx, ColumnDef d, int number) {
        if (builtin(d.type())) {
            return null;
        }
        org.tusk.sql.types.RowType row = org.tusk.sql.catalog.CompositeTypes.lookup(ctx.cache, d.type().names());
        if (row == null) {
            return null;
        }
        int typeOid = d.type().array() ? org.tusk.sql.catalog.CompositeTypes.arrayTypeOid(ctx.cache, row.typeOid())
                : row.typeOid();
        if (d.defaultValue() != null) {
            new Analyzer(ctx.session).transformAs(d.defaultValue().expr(),
                    d.type().array() ? SqlType.RECORD_ARRAY : SqlType.RECORD, "DEFAULT");
        }
        return new Column(number, d.name(), d.type().array() ? SqlType.RECORD_ARRAY : SqlType.RECORD, -1,
                Boolean.TRUE.equals(d.notNull()), d.defaultValue() == null ? null : d.defaultValue().sql(), '\0', 0,
                typeOid, row);
    }

    private static boolean builtin(org.tusk.sql.ast.TypeName name) {
        try {
            TypeCatalog.resolve(name);
            return true;
        } catch (SqlException e) {
            return false;
        }
    }

    /**
     * An enum type (or an array of one) a column type names: ENUM or ENUM_ARRAY with the enum's OID as the
     * modifier (see types.EnumLabels), or null when the name is no enum's.
     */
    static TypeCatalog.Resolved enumType(DdlContext ctx, org.tusk.sql.ast.TypeName type) {
        if (type.names().size() > 2) {
            return null;
        }
        try {
            TypeCatalog.resolve(type);
            return null;
        } catch (SqlException notBuiltin) {
            int oid = org.tusk.sql.catalog.EnumTypes.of(ctx.cache).lookup(type.names());
            return oid == 0 ? null : new TypeCatalog.Resolved(type.array() ? SqlType.ENUM_ARRAY : SqlType.ENUM, oid);
        }
    }

    /** The integer type of a serial column (serial, bigserial, smallserial, serial2/4/8), or null. */
    static SqlType serial(ColumnDef d) {
        if (d.type().names().size() != 1 || d.type().array()) {
            return null;
        }
        return switch (d.type().lastName()) {
            case "serial", "serial4" -> SqlType.INT4;
            case "bigserial", "serial8" -> SqlType.INT8;
            case "smallserial", "serial2" -> SqlType.INT2;
            default -> null;
        };
    }
}

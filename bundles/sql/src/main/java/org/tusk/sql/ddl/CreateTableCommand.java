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
 * <p>Tusk does not create the table's composite row type (reltype is 0) nor pg_depend rows for
 * columns' types; serial columns and identity columns need sequences, which are not there yet.
 */
final class CreateTableCommand {

    private CreateTableCommand() {
    }

    static void run(DdlContext ctx, DdlCommand.CreateTable c) {
        int namespace = ctx.creationNamespace(c.name());
        String name = c.name().name();
        if (ctx.cache.classOid(namespace, name) != null) {
            if (c.ifNotExists()) {
                ctx.notice("42P07", "relation \"" + name + "\" already exists, skipping");
                return;
            }
            throw new SqlException("42P07", "relation \"" + name + "\" already exists");
        }
        List<Column> columns = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        List<TableConstraint> constraints = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ColumnDef d : c.columns()) {
            if (!names.add(d.name())) {
                throw new SqlException("42701", "column \"" + d.name() + "\" specified more than once");
            }
            columns.add(column(ctx, d, columns.size() + 1));
            defaults.add(d.defaultValue() == null ? null : d.defaultValue().sql());
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
                    columns.set(i, new Column(x.number(), x.name(), x.type(), x.typmod(), true, x.defaultSql(),
                            x.identity()));
                }
            }
        }
        int oid = ctx.storage.newOid();
        RelationId id = new RelationId(ctx.database(), oid);
        ctx.writer.insertClass(oid, name, namespace, 'r', oid, ctx.currentUserOid(), columns.size(), c.options());
        for (int i = 0; i < columns.size(); i++) {
            Column col = columns.get(i);
            ctx.writer.insertAttribute(oid, col, defaults.get(i) != null);
            if (defaults.get(i) != null) {
                ctx.writer.insertDefault(ctx.storage.newOid(), oid, col.number(), defaults.get(i));
            }
        }
        ctx.storage.createTable(id, new TableShape(columns.stream().map(StorageValues::columnType).toList()));
        ctx.changed();
        Relation table = ctx.relation(oid);
        Constraints.add(ctx, table, constraints);
        ctx.changed();
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
        String typeName = d.type().names().size() == 1 ? d.type().lastName() : "";
        if (typeName.startsWith("serial") || typeName.equals("bigserial") || typeName.equals("smallserial")) {
            throw SqlException.at("0A000", "serial columns are not supported yet", d.type().position());
        }
        if (d.identity() != '\0') {
            throw SqlException.at("0A000", "identity columns are not supported yet", d.position());
        }
        TypeCatalog.Resolved type = TypeCatalog.resolve(d.type());
        if (type.type() == SqlType.UNKNOWN || type.type() == SqlType.VOID) {
            throw SqlException.at("42P16", "column \"" + d.name() + "\" has pseudo-type " + type.type().internalName(),
                    d.type().position());
        }
        if (d.defaultValue() != null) {
            // As PostgreSQL's cookDefault: the expression must be coercible to the column's type now.
            new Analyzer(ctx.session).transformAs(d.defaultValue().expr(), type.type(), "DEFAULT");
        }
        return new Column(number, d.name(), type.type(), type.typmod(), Boolean.TRUE.equals(d.notNull()),
                d.defaultValue() == null ? null : d.defaultValue().sql(), '\0');
    }
}

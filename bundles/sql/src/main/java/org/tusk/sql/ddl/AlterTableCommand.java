package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.*;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.schema.StorageValues;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;

/**
 * ALTER TABLE: ADD COLUMN, DROP COLUMN, ADD and DROP constraint, RENAME, RENAME COLUMN, RENAME CONSTRAINT,
 * ALTER COLUMN SET/DROP DEFAULT, SET/DROP NOT NULL, TYPE, SET STATISTICS and SET STORAGE, CLUSTER ON and SET
 * WITHOUT CLUSTER, under an ACCESS EXCLUSIVE lock, in PostgreSQL's order ({@link AlterPasses}), each
 * action seeing the previous one's result; the statement's transaction makes the actions all-or-nothing.
 */
final class AlterTableCommand {

    private AlterTableCommand() {
    }

    static void run(DdlContext ctx, DdlCommand.AlterTable c) {
        Relation table = open(ctx, c.name(), c.ifExists(), 'r', "a table");
        if (table == null) {
            return;
        }
        if (table.kind() == 'p' && !c.actions().stream().allMatch(a -> a instanceof DdlCommand.RenameTable)) {
            // Other changes would have to reach every partition as well (ATSimpleRecursion).
            throw new SqlException("0A000",
                    "ALTER TABLE of a partitioned table is not supported yet (only RENAME TO is)");
        }
        int oid = table.oid();
        // PostgreSQL checks every column type change before it runs any action (ATPrepCmd's pass).
        for (DdlCommand.AlterAction a : c.actions()) {
            if (a instanceof DdlCommand.AlterColumnType t) {
                ColumnTypeChange.prepare(ctx, table, t);
            }
        }
        for (DdlCommand.AlterAction a : AlterPasses.order(c.actions())) {
            table = ctx.relation(oid);
            switch (a) {
                case DdlCommand.AddConstraint add -> Constraints.add(ctx, table, List.of(add.constraint()));
                case DdlCommand.DropConstraint drop -> ConstraintDrop.run(ctx, table, drop);
                case DdlCommand.AddIdentity add -> IdentityColumns.add(ctx, table, add);
                case DdlCommand.AlterConstraint alter -> ConstraintDeferral.alter(ctx, table, alter);
                case DdlCommand.AddColumn add -> addColumn(ctx, table, add);
                case DdlCommand.DropColumn drop -> dropColumn(ctx, table, drop);
                case DdlCommand.RenameTable rename -> renameTable(ctx, table, rename.newName());
                case DdlCommand.RenameColumn rename -> renameColumn(ctx, table, rename);
                case DdlCommand.ColumnDefault d -> setDefault(ctx, table, d);
                case DdlCommand.ViewOptionsChange o -> throw new IllegalStateException("ALTER VIEW's action");
                case DdlCommand.ClusterOn on -> ClusterCommand.clusterOn(ctx, table, on.index());
                case DdlCommand.AlterColumnType t -> ColumnTypeChange.run(ctx, table, t);
                case DdlCommand.ColumnStatistics s -> ColumnOptions.statistics(ctx, table, s);
                case DdlCommand.ColumnStorage s -> ColumnOptions.storage(ctx, table, s);
                case DdlCommand.RenameConstraint r -> ConstraintRename.run(ctx, table, r);
                case DdlCommand.ColumnNotNull n -> {
                    Column col = column(table, n.column());
                    if (n.notNull()) {
                        if (!col.notNull()) {
                            setNotNull(ctx, table, col);
                        }
                    } else if (col.notNull()) {
                        IndexDef pk = table.primaryKey();
                        if (pk != null && pk.columns().subList(0, pk.keyCount()).contains(col.number())) {
                            throw new SqlException("42P16", "column \"" + col.name() + "\" is in a primary key");
                        }
                        updateAttribute(ctx, table, col, r -> r.set("attnotnull", false));
                        Rewrite.table(ctx, table, values -> values);
                    }
                }
            }
            ctx.changed();
        }
    }

    /**
     * The relation of kind {@code kind} ALTER TABLE or ALTER VIEW names, locked ACCESS EXCLUSIVE, after the
     * ownership check; null (after the notice) when IF EXISTS finds none. {@code what} names the kind in 42809.
     */
    static Relation open(DdlContext ctx, DdlCommand.QualifiedName name, boolean ifExists, char kind,
            String what) {
        Integer oid = ctx.relationOid(name);
        if (oid == null) {
            if (ifExists) {
                ctx.notice("00000", "relation \"" + name + "\" does not exist, skipping");
                return null;
            }
            throw new SqlException("42P01", "relation \"" + name + "\" does not exist");
        }
        ctx.lock(oid, RelationLockMode.ACCESS_EXCLUSIVE);
        Relation r = ctx.relation(oid);
        if (r.kind() != kind && !(r.kind() == 'p' && kind == 'r')) {
            throw DdlContext.wrongKind(r.name(), what);
        }
        org.tusk.sql.roles.Privileges.checkOwner(ctx.session, oid);
        return r;
    }

    static Column column(Relation table, String name) {
        Column c = table.column(name);
        if (c == null) {
            throw new SqlException("42703", "column \"" + name + "\" of relation \"" + table.name()
                    + "\" does not exist");
        }
        return c;
    }

    static void updateAttribute(DdlContext ctx, Relation table, Column col,
            java.util.function.UnaryOperator<CatalogRow> change) {
        CatalogRow row = ctx.tables.first(PG_ATTRIBUTE, r -> r.oid("attrelid") == table.oid()
                && r.int2("attnum") == col.number());
        ctx.tables.update(change.apply(row));
        ctx.changed();
    }

    /** SET NOT NULL: refused if a row has a null there (23502), else the column is marked and the table rewritten. */
    static void setNotNull(DdlContext ctx, Relation table, Column col) {
        int position = table.columns().indexOf(col);
        try (RowScan scan = ctx.storage.openTable(table.storage(), table.shape()).scan()) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                if (r.values()[position] == null) {
                    throw new SqlException("23502", "column \"" + col.name() + "\" of relation \"" + table.name()
                            + "\" contains null values");
                }
            }
        }
        updateAttribute(ctx, table, col, r -> r.set("attnotnull", true));
        Rewrite.table(ctx, table, values -> values);
    }

    private static void addColumn(DdlContext ctx, Relation table, DdlCommand.AddColumn add) {
        DdlCommand.ColumnDef d = add.column();
        if (table.column(d.name()) != null) {
            if (add.ifNotExists()) {
                ctx.notice("42701", "column \"" + d.name() + "\" of relation \"" + table.name()
                        + "\" already exists, skipping");
                return;
            }
            throw new SqlException("42701", "column \"" + d.name() + "\" of relation \"" + table.name()
                    + "\" already exists");
        }
        // After every column, dropped ones included (relnatts counts them), as PostgreSQL numbers it.
        int number = Math.max(ctx.cache.classRow(table.oid()).int2("relnatts"),
                table.columns().stream().mapToInt(Column::number).max().orElse(0)) + 1;
        Column col = CreateTableCommand.column(ctx, d, number);
        boolean primary = d.constraints().stream().anyMatch(k -> k.type() == 'p');
        Object value = null;
        if (d.defaultValue() != null) {
            Expression e = new Analyzer(ctx.session).transformAs(d.defaultValue().expr(), col.type(), "DEFAULT");
            value = StorageValues.toStorage(col.type(), e.eval(ctx.session));
        }
        if ((col.notNull() || primary) && value == null && hasRows(ctx, table)) {
            throw new SqlException("23502", "column \"" + col.name() + "\" of relation \"" + table.name()
                    + "\" contains null values");
        }
        ctx.writer.insertAttribute(table.oid(), col, d.defaultValue() != null);
        if (d.defaultValue() != null) {
            ctx.writer.insertDefault(ctx.storage.newOid(), table.oid(), number, d.defaultValue().sql());
        }
        CatalogRow row = ctx.cache.classRow(table.oid());
        ctx.tables.update(row.set("relnatts", (short) (row.int2("relnatts") + 1)));
        ctx.changed();
        Object fill = value;
        Rewrite.table(ctx, table, values -> {
            Object[] out = java.util.Arrays.copyOf(values, values.length + 1);
            out[values.length] = fill;
            return out;
        });
        if (!d.constraints().isEmpty()) {
            Constraints.add(ctx, ctx.relation(table.oid()), d.constraints());
        }
    }

    private static boolean hasRows(DdlContext ctx, Relation table) {
        try (RowScan scan = ctx.storage.openTable(table.storage(), table.shape()).scan()) {
            return scan.next() != null;
        }
    }

    /**
     * DROP COLUMN. The column's pg_attribute row is marked dropped (attisdropped, renamed
     * "........pg.dropped.N........" as PostgreSQL does) and the table rewritten without it. Indexes
     * and constraints on the column go with it.
     */
    static void dropColumn(DdlContext ctx, Relation table, DdlCommand.DropColumn drop) {
        Column col = table.column(drop.column());
        if (col == null) {
            if (drop.ifExists()) {
                ctx.notice("00000", "column \"" + drop.column() + "\" of relation \"" + table.name()
                        + "\" does not exist, skipping");
                return;
            }
            throw new SqlException("42703", "column \"" + drop.column() + "\" of relation \"" + table.name()
                    + "\" does not exist");
        }
        if (table.columns().size() == 1) {
            // PostgreSQL allows a table without columns; the storage needs one.
            throw new SqlException("0A000", "dropping the last column of a table is not supported yet");
        }
        if (!table.referencedBy().isEmpty()) {
            for (Relation.ForeignKeyRef ref : table.referencedBy()) {
                if (ref.key().referencedColumns().contains(col.number()) && !drop.cascade()) {
                    throw new SqlException("2BP01", "cannot drop column " + col.name() + " of table " + table.name()
                            + " because other objects depend on it");
                }
            }
        }
        for (IndexDef i : table.indexes()) {
            if (IndexExpressionColumns.dependsOn(ctx, table, i, col)) {
                DropCommand.dropIndex(ctx, i.oid());
            }
        }
        Constraints.delete(ctx, r -> r.oid("conrelid") == table.oid() && r.list("conkey") != null
                && r.list("conkey").contains((short) col.number()));
        // A CHECK on the column goes with it (its dependency on each column it reads is automatic).
        ctx.tables.deleteWhere(PG_CONSTRAINT, r -> r.oid("conrelid") == table.oid()
                && r.character("contype") == 'c' && ColumnTypeChange.names(r.text("conbin"), col.name()));
        ctx.tables.deleteWhere(PG_ATTRDEF, r -> r.oid("adrelid") == table.oid() && r.int2("adnum") == col.number());
        int position = table.columns().indexOf(col);
        updateAttribute(ctx, table, col, r -> r.set("attisdropped", true).set("attnotnull", false)
                .set("attname", "........pg.dropped." + col.number() + "........"));
        Relation before = table;
        Rewrite.table(ctx, before, values -> {
            List<Object> out = new ArrayList<>(java.util.Arrays.asList(values));
            out.remove(position);
            return out.toArray();
        });
    }

    static void renameTable(DdlContext ctx, Relation table, String newName) {
        if (ctx.cache.classOid(table.namespaceOid(), newName) != null) {
            throw new SqlException("42P07", "relation \"" + newName + "\" already exists");
        }
        ctx.tables.update(ctx.cache.classRow(table.oid()).set("relname", newName));
    }

    private static void renameColumn(DdlContext ctx, Relation table, DdlCommand.RenameColumn rename) {
        Column col = table.column(rename.column());
        if (col == null) {
            throw new SqlException("42703", "column \"" + rename.column() + "\" does not exist");
        }
        if (table.column(rename.newName()) != null) {
            throw new SqlException("42701", "column \"" + rename.newName() + "\" of relation \"" + table.name()
                    + "\" already exists");
        }
        updateAttribute(ctx, table, col, r -> r.set("attname", rename.newName()));
        IndexExpressionColumns.rename(ctx, table.oid(), col.name(), rename.newName());
        Rewrite.table(ctx, table, values -> values);
    }

    /**
     * A default's pg_depend rows, as StoreAttrDefault and recordDependencyOnExpr make them: automatic on its
     * column, normal on the sequences its regclass constants name (nextval('s'::regclass), what pg_dump's
     * ALTER TABLE ... SET DEFAULT of a serial column writes), so that a re-dump orders them the same way.
     */
    static void recordDefaultDependencies(DdlContext ctx, int defaultOid, int table, int attnum, Expression e) {
        int attrdef = org.tusk.sql.catalog.CatalogOids.PG_ATTRDEF;
        int pgClass = org.tusk.sql.catalog.CatalogOids.PG_CLASS;
        ctx.writer.insertDependency(attrdef, defaultOid, pgClass, table, attnum, 'a');
        java.util.Set<Integer> sequences = new java.util.LinkedHashSet<>();
        collectSequences(ctx, e, sequences);
        for (int sequence : sequences) {
            ctx.writer.insertDependency(attrdef, defaultOid, pgClass, sequence, 'n');
        }
    }

    private static void collectSequences(DdlContext ctx, Expression e, java.util.Set<Integer> into) {
        if (e instanceof Expression.Const c && c.type() == org.tusk.sql.types.SqlType.REGCLASS
                && c.value() instanceof Long oid) {
            CatalogRow cls = ctx.cache.classRow((int) (long) oid);
            if (cls != null && cls.character("relkind") == 'S') {
                into.add((int) (long) oid);
            }
        } else if (e instanceof Expression.Call call) {
            for (Expression arg : call.args()) {
                collectSequences(ctx, arg, into);
            }
        } else if (e instanceof Expression.Cast cast) {
            collectSequences(ctx, cast.arg(), into); // nextval(...) converted to an integer column's type
        }
    }

    /** SET/DROP DEFAULT of a table's column, or of a view's (ALTER VIEW). */
    static void setDefault(DdlContext ctx, Relation table, DdlCommand.ColumnDefault d) {
        Column col = column(table, d.column());
        for (CatalogRow old : ctx.tables.rows(PG_ATTRDEF, r -> r.oid("adrelid") == table.oid()
                && r.int2("adnum") == col.number())) {
            ctx.tables.deleteWhere(org.tusk.sql.catalog.CatalogDefinitions.PG_DEPEND, r -> r.oid("classid")
                    == org.tusk.sql.catalog.CatalogOids.PG_ATTRDEF && r.oid("objid") == old.oid("oid"));
        }
        ctx.tables.deleteWhere(PG_ATTRDEF, r -> r.oid("adrelid") == table.oid() && r.int2("adnum") == col.number());
        if (d.value() != null) {
            Expression e = new Analyzer(ctx.session).transformAs(d.value().expr(), col.type(), "DEFAULT");
            int defaultOid = ctx.storage.newOid();
            ctx.writer.insertDefault(defaultOid, table.oid(), col.number(), d.value().sql());
            recordDefaultDependencies(ctx, defaultOid, table.oid(), col.number(), e);
        }
        updateAttribute(ctx, table, col, r -> r.set("atthasdef", d.value() != null));
    }
}

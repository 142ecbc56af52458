package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_CONSTRAINT;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand.TableConstraint;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;

/**
 * Adds PRIMARY KEY, UNIQUE, CHECK and FOREIGN KEY constraints to a table (CREATE TABLE's and ALTER
 * TABLE ADD's), with PostgreSQL's generated names ({@code t_pkey}, {@code t_a_key}, {@code t_a_check},
 * {@code t_a_fkey}). Keys get a unique index; a foreign key must reference the columns of a primary
 * key or unique index of the referenced table.
 */
final class Constraints {

    private Constraints() {
    }

    static void add(DdlContext ctx, Relation table, List<TableConstraint> constraints) {
        Set<String> taken = new HashSet<>();
        for (TableConstraint k : constraints) {
            Relation current = ctx.relation(table.oid());
            switch (k.type()) {
                case 'p', 'u' -> addKey(ctx, current, k, taken);
                case 'c' -> addCheck(ctx, current, k, taken);
                case 'f' -> addForeignKey(ctx, current, k, taken);
                default -> throw new IllegalStateException("constraint type " + k.type());
            }
            ctx.changed();
        }
    }

    private static List<Column> columns(Relation table, List<String> names, int position) {
        List<Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            Column c = table.column(n);
            if (c == null) {
                throw SqlException.at("42703", "column \"" + n + "\" named in key does not exist", position);
            }
            if (!seen.add(n)) {
                throw SqlException.at("42701", "column \"" + n + "\" appears twice in "
                        + "primary key constraint", position);
            }
            columns.add(c);
        }
        return columns;
    }

    private static void addKey(DdlContext ctx, Relation table, TableConstraint k, Set<String> taken) {
        boolean primary = k.type() == 'p';
        if (primary && table.primaryKey() != null) {
            throw new SqlException("42P16", "multiple primary keys for table \"" + table.name()
                    + "\" are not allowed");
        }
        List<Column> columns = columns(table, k.columns(), k.position());
        String name = k.name();
        List<String> named = new ArrayList<>(k.columns());
        named.addAll(k.include()); // the generated name lists the INCLUDE columns too, as ChooseIndexColumnNames
        if (name == null) {
            name = primary ? ctx.chooseName(table.name(), null, "pkey", table.namespaceOid(), taken)
                    : ctx.chooseName(table.name(), String.join("_", named), "key", table.namespaceOid(), taken);
        } else if (ctx.cache.classOid(table.namespaceOid(), name) != null) {
            throw new SqlException("42P07", "relation \"" + name + "\" already exists");
        }
        taken.add(name);
        if (primary) {
            // ALTER TABLE ADD PRIMARY KEY makes the columns NOT NULL, checking the rows as it goes.
            for (Column c : columns) {
                if (!c.notNull()) {
                    AlterTableCommand.setNotNull(ctx, table, c);
                }
            }
            ctx.changed();
            table = ctx.relation(table.oid());
            columns = columns(table, k.columns(), k.position());
        }
        List<IndexBuilder.Key> keys = columns.stream().map(c -> new IndexBuilder.Key(c, false, false)).toList();
        List<Column> include = new ArrayList<>();
        for (String n : k.include()) {
            Column c = table.column(n);
            if (c == null) {
                throw SqlException.at("42703", "column \"" + n + "\" named in key does not exist", k.position());
            }
            include.add(c);
        }
        int index = IndexBuilder.create(ctx, table, name, keys, include, null, true, primary);
        int conOid = ctx.storage.newOid();
        ctx.writer.insertConstraint(conOid, name, table.namespaceOid(), k.type(), table.oid(), index,
                columns.stream().map(Column::number).toList(), null, 0, List.of(), ' ', ' ', k.deferrable(),
                k.initiallyDeferred());
        ConstraintDeferral.store(ctx, index, k);
    }

    private static void addCheck(DdlContext ctx, Relation table, TableConstraint k, Set<String> taken) {
        String name = k.name();
        Set<String> read = new java.util.LinkedHashSet<>();
        columnsRead(k.check().expr(), read);
        if (name == null) {
            // As AddRelationNewConstraints: named after the column only if the condition reads exactly one.
            String column = !k.columns().isEmpty() ? k.columns().getFirst() : read.size() == 1 ? read.iterator().next()
                    : null;
            name = chooseConstraintName(ctx, table, column, "check", taken);
        }
        taken.add(name);
        // The condition must make sense over the table's columns; rows already there must satisfy it.
        Validation.check(ctx, table, new org.tusk.sql.eval.RowSlot(table.name()), k.check().expr());
        Validation.checkRows(ctx, table, name, k.check().expr());
        // conkey: the columns the condition reads, in order of first mention (StoreRelCheck's pull_var_clause),
        // for a table's CHECK as for a column's; DROP COLUMN and information_schema read them.
        List<Integer> columns = new ArrayList<>();
        for (String n : read) {
            Column c = table.column(n);
            if (c != null) {
                columns.add(c.number());
            }
        }
        if (columns.isEmpty()) {
            columns = k.columns().stream().map(n -> table.column(n).number()).toList();
        }
        ctx.writer.insertConstraint(ctx.storage.newOid(), name, table.namespaceOid(), 'c', table.oid(), 0, columns,
                k.check().sql(), 0, List.of(), ' ', ' ');
        var row = ctx.cache.classRow(table.oid());
        ctx.tables.update(row.set("relchecks", (short) (row.int2("relchecks") + 1)));
    }

    /** The distinct columns an expression names. */
    private static void columnsRead(org.tusk.sql.ast.Expr e, Set<String> out) {
        if (e instanceof org.tusk.sql.ast.Expr.ColumnRef r) {
            out.add(r.names().getLast());
            return;
        }
        for (var component : e.getClass().getRecordComponents()) {
            try {
                Object v = component.getAccessor().invoke(e);
                List<?> items = v instanceof List<?> l ? l : List.of(v == null ? List.of() : v);
                for (Object item : items) {
                    if (item instanceof org.tusk.sql.ast.Expr sub) {
                        columnsRead(sub, out);
                    }
                }
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    private static String chooseConstraintName(DdlContext ctx, Relation table, String column, String suffix,
            Set<String> taken) {
        Set<String> existing = new HashSet<>(taken);
        for (var r : ctx.tables.rows(org.tusk.sql.catalog.CatalogDefinitions.PG_CONSTRAINT,
                r -> r.oid("connamespace") == table.namespaceOid())) {
            existing.add(r.text("conname"));
        }
        return ctx.chooseName(table.name(), column, suffix, table.namespaceOid(), existing);
    }

    private static void addForeignKey(DdlContext ctx, Relation table, TableConstraint k, Set<String> taken) {
        Integer refOid = ctx.relationOid(k.refTable());
        Relation referenced = refOid == null ? null : ctx.relation(refOid);
        if (referenced == null || referenced.kind() != 'r') {
            if (referenced == null) {
                throw SqlException.at("42P01", "relation \"" + k.refTable() + "\" does not exist",
                        k.refTable().position());
            }
            throw new SqlException("42809", "referenced relation \"" + referenced.name() + "\" is not a table");
        }
        if (referenced.oid() != table.oid()) {
            ctx.lock(referenced.oid(), RelationLockMode.SHARE_ROW_EXCLUSIVE);
            referenced = ctx.relation(referenced.oid());
        }
        List<Column> columns = new ArrayList<>();
        for (String n : k.columns()) {
            Column c = table.column(n);
            if (c == null) {
                throw new SqlException("42703", "column \"" + n + "\" referenced in foreign key constraint does not "
                        + "exist");
            }
            columns.add(c);
        }
        IndexDef key = null;
        List<Column> refColumns = new ArrayList<>();
        if (k.refColumns().isEmpty()) {
            key = referenced.primaryKey();
            if (key == null) {
                throw new SqlException("42830", "there is no primary key for referenced table \"" + referenced.name()
                        + "\"");
            }
            ConstraintDeferral.checkReferenced(referenced, key, true);
            for (int attnum : key.columns().subList(0, key.keyCount())) {
                refColumns.add(referenced.columns().stream().filter(c -> c.number() == attnum).findFirst()
                        .orElseThrow());
            }
        } else {
            for (String n : k.refColumns()) {
                Column c = referenced.column(n);
                if (c == null) {
                    throw new SqlException("42703", "column \"" + n + "\" referenced in foreign key constraint does "
                            + "not exist");
                }
                refColumns.add(c);
            }
            List<Integer> wanted = refColumns.stream().map(Column::number).sorted().toList();
            for (IndexDef i : referenced.indexes()) {
                if (i.unique() && i.plain() && i.columns().stream().sorted().toList().equals(wanted)) {
                    key = i;
                    break;
                }
            }
            if (key == null) {
                // Only a deferrable one matches: a more helpful error than "no unique constraint".
                for (IndexDef i : referenced.indexes()) {
                    if (i.deferrable() && i.columns().stream().sorted().toList().equals(wanted)) {
                        ConstraintDeferral.checkReferenced(referenced, i, false);
                    }
                }
            }
            if (key == null) {
                throw new SqlException("42830", "there is no unique constraint matching given keys for referenced "
                        + "table \"" + referenced.name() + "\"");
            }
        }
        if (columns.size() != refColumns.size()) {
            throw new SqlException("42830", "number of referencing and referenced columns for foreign key disagree");
        }
        String name = k.name();
        if (name == null) {
            name = chooseConstraintName(ctx, table, String.join("_", k.columns()), "fkey", taken);
        }
        taken.add(name);
        Validation.foreignKeyRows(ctx, table, columns, referenced, refColumns, name);
        int conOid = ctx.storage.newOid();
        ctx.writer.insertConstraint(conOid, name, table.namespaceOid(), 'f', table.oid(), key.oid(),
                columns.stream().map(Column::number).toList(), null, referenced.oid(),
                refColumns.stream().map(Column::number).toList(), k.onDelete(), k.onUpdate(), k.deferrable(),
                k.initiallyDeferred());
        org.tusk.sql.trigger.ForeignKeyTriggers.create(ctx.tables, ctx.storage::newOid, conOid, table.oid(),
                referenced.oid(), key.oid(), k.onDelete(), k.onUpdate(), k.deferrable(), k.initiallyDeferred());
        markHasTriggers(ctx, table.oid());
        if (referenced.oid() != table.oid()) {
            markHasTriggers(ctx, referenced.oid());
        }
    }

    /** Removes the pg_constraint rows {@code which} selects, with a foreign key's internal triggers. */
    static void delete(DdlContext ctx, java.util.function.Predicate<CatalogRow> which) {
        for (CatalogRow k : ctx.tables.rows(PG_CONSTRAINT, which)) {
            if (k.character("contype") == 'f') {
                org.tusk.sql.trigger.ForeignKeyTriggers.drop(ctx.tables, k.oid("oid"));
            }
        }
        ctx.tables.deleteWhere(PG_CONSTRAINT, which);
    }

    /**
     * PostgreSQL enforces a foreign key with internal triggers on both tables and so sets relhastriggers on both
     * (and leaves it set when the key is dropped, until VACUUM notices). Tusk checks foreign keys without calling
     * triggers (their rows only say whether the key is on: trigger.ForeignKeyTriggers) but sets the flag the same
     * way: psql's \d TABLE asks for the "Foreign-key constraints" and "Referenced by"
     * sections only when it is set.
     */
    private static void markHasTriggers(DdlContext ctx, int relation) {
        var row = ctx.cache.classRow(relation);
        if (!row.bool("relhastriggers")) {
            ctx.tables.update(row.set("relhastriggers", true));
        }
    }
}

package org.tusk.sql.dml;

import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.eval.Scope;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.StorageSession;

/**
 * The relation an INSERT, UPDATE or DELETE changes (its result relation), with the row slot its
 * expressions read: column {@code i} of {@code relation.columns()} is index {@code i} of the slot's
 * row. As a {@link Scope} it resolves {@code col} and {@code alias.col} (or {@code table.col} when
 * no alias was given) to Vars of that slot.
 *
 * <p>When the statement names an automatically updatable view ({@link UpdatableView}), {@code relation} is
 * the table underneath and the names the statement sees are the view's columns, each standing for its
 * expression over the table's slot: the statement is rewritten onto the table as PostgreSQL's
 * rewriteTargetView does, without a second plan.
 */
final class TargetTable implements Scope {
    /** The relation written: a table, or a view with an INSTEAD OF trigger for the command. */
    final Relation relation;
    /** The relation as the statement names it: {@code relation}, or the updatable view over it. */
    final Relation named;
    /** The view layer when the statement names an automatically updatable view; else null. */
    final UpdatableView view;
    final RowSlot slot;
    /** The name the statement refers to the table by: its alias, else its name. */
    final String refName;
    final boolean aliased;
    /** The table's row type, for whole-row references; null without one. */
    private final org.tusk.sql.types.RowType rowType;

    private TargetTable(Relation relation, String refName, boolean aliased, org.tusk.sql.types.RowType rowType) {
        this(relation, refName, aliased, rowType, relation, null, new RowSlot(refName));
    }

    private TargetTable(Relation relation, String refName, boolean aliased, org.tusk.sql.types.RowType rowType,
            Relation named, UpdatableView view, RowSlot slot) {
        this.relation = relation;
        this.named = named;
        this.view = view;
        this.rowType = rowType;
        this.refName = refName;
        this.aliased = aliased;
        this.slot = slot;
        for (int i = 0; i < relation.columns().size(); i++) {
            slot.rowType(i, relation.columns().get(i).rowType()); // RETURNING (home).zip
        }
    }

    /** The target named {@code ref} that an updatable view {@code v} over {@code inner}'s table stands for. */
    static TargetTable throughView(TargetTable inner, Relation v, UpdatableView layer, String ref, boolean aliased,
            Catalog catalog) {
        return new TargetTable(inner.relation, ref, aliased, org.tusk.sql.catalog.CompositeTypes.rowType(catalog, v),
                v, layer, inner.slot);
    }

    /** A table reached as the FROM of an updatable view, under the name the view's query gives it. */
    static TargetTable table(Relation r, String ref, boolean aliased, Catalog catalog, StorageSession storage) {
        checkWritable(r);
        storage.lockRelation(catalog.databaseOid(), r.oid(), RelationLockMode.ROW_EXCLUSIVE, false);
        return new TargetTable(r, ref, aliased, org.tusk.sql.catalog.CompositeTypes.rowType(catalog, r));
    }

    /**
     * Finds the table and takes ROW EXCLUSIVE on it, as every DML statement does.
     *
     * @param verb "insert into", "update", "delete from": PostgreSQL's words for a relation that is not a table
     */
    static TargetTable open(Statement.RangeVar rv, DmlEnv env, String verb) {
        Catalog catalog = env.catalog();
        StorageSession storage = env.storage();
        Relation r = find(rv, catalog);
        if (r.kind() == 'v' && InsteadOfRows.hasTrigger(catalog, r, verb)) {
            // A view with an INSTEAD OF trigger for the command takes it: the trigger does the change.
            storage.lockRelation(catalog.databaseOid(), r.oid(), RelationLockMode.ROW_EXCLUSIVE, false);
            return new TargetTable(r, rv.alias() != null ? rv.alias() : r.name(), rv.alias() != null,
                    org.tusk.sql.catalog.CompositeTypes.rowType(catalog, r));
        }
        if (r.kind() == 'v') {
            // Without an INSTEAD OF trigger, the view must be automatically updatable.
            storage.lockRelation(catalog.databaseOid(), r.oid(), RelationLockMode.ROW_EXCLUSIVE, false);
            return UpdatableView.open(r, rv.alias() != null ? rv.alias() : r.name(), rv.alias() != null, env, verb,
                    false);
        }
        checkWritable(r);
        storage.lockRelation(catalog.databaseOid(), r.oid(), RelationLockMode.ROW_EXCLUSIVE, false);
        return new TargetTable(r, rv.alias() != null ? rv.alias() : r.name(), rv.alias() != null,
                org.tusk.sql.catalog.CompositeTypes.rowType(catalog, r));
    }

    private static void checkWritable(Relation r) {
        if (r.kind() == 'S') {
            throw new SqlException("42809", "cannot change sequence \"" + r.name() + "\"");
        }
        if (r.kind() == 'm') {
            throw new SqlException("42809", "cannot change materialized view \"" + r.name() + "\"");
        }
        if (r.kind() != 'r' && r.kind() != 'p') {
            throw new SqlException("42809", "cannot change relation \"" + r.name() + "\"");
        }
    }

    /**
     * Takes ROW EXCLUSIVE again when a plan runs (a prepared statement runs in later transactions than the
     * one that analyzed it), and says whether the relation is still the one the plan was made for.
     */
    boolean lockAndCheck(DmlEnv env) {
        if (view != null && !view.lockAndCheck(env)) {
            return false;
        }
        env.storage().lockRelation(env.catalog().databaseOid(), relation.oid(), RelationLockMode.ROW_EXCLUSIVE,
                false);
        return relation.equals(env.catalog().relation(relation.oid()));
    }

    /** The relation a name in a statement refers to, or 42P01. */
    static Relation find(Statement.RangeVar rv, Catalog catalog) {
        List<String> n = rv.names();
        if (n.size() > 3) {
            throw SqlException.at("42601", "improper qualified name (too many dotted names): " + String.join(".", n),
                    rv.position());
        }
        String schema = n.size() >= 2 ? n.get(n.size() - 2) : null;
        Relation r = catalog.lookup(schema, n.getLast());
        if (r == null) {
            String message = "relation \"" + String.join(".", n) + "\" does not exist";
            // COPY reports it without a position, as PostgreSQL's utility statements do.
            throw rv.position() > 0 ? SqlException.at("42P01", message, rv.position())
                    : new SqlException("42P01", message);
        }
        return r;
    }

    @Override
    public Expression resolve(List<String> names, int position) {
        if (names.size() == 1) {
            int i = index(names.getFirst());
            if (i < 0 && names.getFirst().equals(refName)) {
                return wholeRow();
            }
            return i < 0 ? null : referenced(i);
        }
        String qualifier = names.get(names.size() - 2);
        if (names.size() == 2 && names.getLast().equals("*") && qualifier.equals(refName)) {
            return wholeRow();
        }
        if (qualifier.equals(refName) && (names.size() == 2 || !aliased)) {
            int i = index(names.getLast());
            if (i < 0) {
                throw SqlException.at("42703", "column " + refName + "." + names.getLast() + " does not exist",
                        position);
            }
            return referenced(i);
        }
        if (aliased && qualifier.equals(named.name())) {
            throw new SqlException(ErrorFields.of("ERROR", "42P01", "invalid reference to FROM-clause entry for table \""
                    + qualifier + "\"").hint("Perhaps you meant to reference the table alias \"" + refName + "\".")
                    .position(position).build());
        }
        return null;
    }

    /** The index of column {@code name} among the columns the statement sees, or -1. */
    int index(String name) {
        List<Column> cols = named.columns();
        for (int i = 0; i < width(); i++) {
            if (cols.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** How many columns the statement sees: the table's, or the view's. */
    int width() {
        return view != null ? view.columns.size() : relation.columns().size();
    }

    /** The name of column {@code i} the statement sees. */
    String columnName(int i) {
        return named.columns().get(i).name();
    }

    /** Column {@code i} the statement sees: a Var of the slot, or a view column's expression over it. */
    Expression column(int i) {
        return view != null ? view.columns.get(i) : var(i);
    }

    /**
     * The table column that column {@code i} the statement sees is written to: itself, or through a view
     * the base column it names (0A000 when it is not a plain column of the view's relation).
     */
    int baseColumn(int i) {
        return view != null ? view.baseColumn(i) : i;
    }

    /** The index of a column named in a column list or SET clause, or 42703 as PostgreSQL words it there. */
    int targetColumn(String name, int position) {
        int i = index(name);
        if (i < 0) {
            throw SqlException.at("42703", "column \"" + name + "\" of relation \"" + named.name()
                    + "\" does not exist", position);
        }
        return i;
    }

    /** A reference the statement's text makes to column {@code i}: it counts for column privileges. */
    Expression referenced(int i) {
        if (view == null) {
            slot.noteRead(i); // through a view, privileges are checked on relations (see the plans' runRows)
        }
        return column(i);
    }

    Expression.Var var(int i) {
        Column c = relation.columns().get(i);
        return new Expression.Var(slot, i, c.type(), c.typmod(), c.name());
    }

    /** The target's whole row ({@code t} or {@code t.*} in WHERE, SET or RETURNING), of the table's row type. */
    private Expression wholeRow() {
        List<Expression> vars = new java.util.ArrayList<>();
        for (int i = 0; i < width(); i++) {
            vars.add(referenced(i));
        }
        org.tusk.sql.types.RowType type = rowType != null ? rowType : org.tusk.sql.types.RowType.anonymous(
                vars.stream().map(Expression::type).toList());
        return org.tusk.sql.eval.RowValues.construct(vars, type);
    }
}

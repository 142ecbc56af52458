package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Scope;

/**
 * The names of one query level's FROM clause (PostgreSQL's namespace items): each range-table entry
 * with its reference name and columns, and the merged columns of JOIN USING / NATURAL, which hide the
 * joined columns from unqualified references. Names not found here are looked up in the enclosing
 * query's scope (a correlated reference), which marks this level as correlated.
 */
final class FromScope implements Scope {

    /**
     * One namespace item. {@code name} is null for the merged columns of a join (reachable unqualified
     * only); {@code hidden} are columns unqualified references must not see here (merged elsewhere).
     */
    record Item(String name, String schema, List<String> columnNames, List<Expression> columns, Set<String> hidden,
            String relationName, int rowTypeOid, long relationOid, Expression tableOid) {
        Item(String name, String schema, List<String> columnNames, List<Expression> columns, Set<String> hidden) {
            this(name, schema, columnNames, columns, hidden, null, 0, 0, null);
        }

        Item(String name, String schema, List<String> columnNames, List<Expression> columns, Set<String> hidden,
                String relationName, int rowTypeOid, long relationOid) {
            this(name, schema, columnNames, columns, hidden, relationName, rowTypeOid, relationOid, null);
        }

        Item(String name, String schema, List<String> columnNames, List<Expression> columns, Set<String> hidden,
                String relationName) {
            this(name, schema, columnNames, columns, hidden, relationName, 0, 0);
        }

        Item(String name, String schema, List<String> columnNames, List<Expression> columns, Set<String> hidden,
                String relationName, int rowTypeOid) {
            this(name, schema, columnNames, columns, hidden, relationName, rowTypeOid, 0);
        }

        /**
         * The system column tableoid of a table scanned here (relationOid non-zero): the table's OID, a
         * constant, since a scan reads one table (pg_dump selects it from every catalog it reads).
         */
        Expression systemColumn(String column, int position) {
            if (tableOid != null && column.equals("tableoid")) {
                return tableOid; // a partitioned table's: the partition the row came from
            }
            return relationOid != 0 && column.equals("tableoid")
                    ? new Expression.Const(org.tusk.sql.types.SqlType.OID, -1, relationOid, position) : null;
        }
    }

    /** Where and how a column reference was written, for the GROUP BY check's message. */
    record Reference(String qualifiedName, int position) {
    }

    private final Scope parent;
    private final List<Item> items = new ArrayList<>();
    private final Map<Expression, Reference> references;
    private boolean correlated;

    FromScope(Scope parent, Map<Expression, Reference> references) {
        this.parent = parent;
        this.references = references == null ? new IdentityHashMap<>(4) : references;
    }

    Map<Expression, Reference> references() {
        return references;
    }

    List<Item> items() {
        return items;
    }

    void add(Item item, int position) {
        if (item.name() != null) {
            for (Item i : items) {
                if (item.name().equals(i.name()) && java.util.Objects.equals(item.schema(), i.schema())) {
                    throw new SqlException("42712", "table name \"" + item.name() + "\" specified more than once");
                }
            }
        }
        items.add(item);
    }

    /** Whether a name was resolved in an enclosing query (the query is correlated). */
    boolean correlated() {
        return correlated;
    }

    Scope parent() {
        return parent;
    }

    @Override
    public Expression resolve(List<String> names, int position) {
        String column = names.getLast();
        if (column.equals("*")) {
            // t.* outside a select list: the whole row of t (transformWholeRowRef).
            Item item = names.size() > 1 ? item(names.subList(0, names.size() - 1)) : null;
            if (item != null) {
                return wholeRow(item);
            }
            Expression outer = parent == null || names.size() == 1 ? null : parent.resolve(names, position);
            if (outer != null) {
                correlated = true;
            }
            return outer;
        }
        Expression found = null;
        String foundName = null;
        if (names.size() == 1) {
            for (Item item : items) {
                if (item.hidden().contains(column)) {
                    continue;
                }
                for (int i = 0; i < item.columnNames().size(); i++) {
                    if (item.columnNames().get(i).equals(column)) {
                        if (found != null) {
                            throw SqlException.at("42702", "column reference \"" + column + "\" is ambiguous",
                                    position);
                        }
                        found = item.columns().get(i);
                        foundName = (item.name() == null ? "" : item.name() + ".") + column;
                    }
                }
                Expression system = item.systemColumn(column, position);
                if (system != null) {
                    if (found != null) {
                        throw SqlException.at("42702", "column reference \"" + column + "\" is ambiguous", position);
                    }
                    found = system;
                    foundName = (item.name() == null ? "" : item.name() + ".") + column;
                }
            }
        } else {
            String table = names.get(names.size() - 2);
            String schema = names.size() > 2 ? names.get(names.size() - 3) : null;
            Item match = null;
            for (Item item : items) {
                if (table.equals(item.name()) && (schema == null || schema.equals(item.schema()))) {
                    match = item;
                }
            }
            if (match != null) {
                int i = match.columnNames().indexOf(column);
                Expression system = i < 0 ? match.systemColumn(column, position) : null;
                if (system != null) {
                    references.put(system, new Reference(table + "." + column, position));
                    return system;
                }
                if (i < 0) {
                    throw SqlException.at("42703", "column " + table + "." + column + " does not exist", position);
                }
                found = match.columns().get(i);
                foundName = table + "." + column;
            }
        }
        if (found != null) {
            Expressions.walk(found, x -> {
                if (x instanceof Expression.Var v) {
                    v.slot().noteRead(v.index());
                }
            });
            if (found instanceof Expression.Var v) {
                // A fresh node per reference, so the reference's position can be remembered.
                found = new Expression.Var(v.slot(), v.index(), v.type(), v.typmod(), v.name());
            }
            references.put(found, new Reference(foundName, position));
            return found;
        }
        Expression outer = parent == null ? null : parent.resolve(names, position);
        if (outer != null) {
            correlated = true;
            return outer;
        }
        if (names.size() == 1) {
            // No column of that name anywhere: a relation's name alone is its whole row.
            Item item = item(names);
            if (item != null) {
                return wholeRow(item);
            }
        }
        if (names.size() > 1) {
            // A table referred to by its name while the query gave it an alias (errorMissingRTE).
            String table = names.get(names.size() - 2);
            for (Item item : items) {
                if (table.equals(item.relationName()) && !table.equals(item.name())) {
                    throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42P01",
                            "invalid reference to FROM-clause entry for table \"" + table + "\"")
                            .hint("Perhaps you meant to reference the table alias \"" + item.name() + "\".")
                            .position(position).build());
                }
            }
        }
        return null;
    }

    /** The item a {@code t.*} names, or null. */
    Item item(List<String> qualifier) {
        String table = qualifier.getLast();
        String schema = qualifier.size() > 1 ? qualifier.get(qualifier.size() - 2) : null;
        for (Item item : items) {
            if (table.equals(item.name()) && (schema == null || schema.equals(item.schema()))) {
                return item;
            }
        }
        return null;
    }

    /**
     * The whole row of a namespace item, as a row value of its visible columns: of the relation's
     * composite type when the item is a relation with one ({@code rowTypeOid}), else an anonymous record
     * with the item's column names.
     */
    private static Expression wholeRow(Item item) {
        for (Expression c : item.columns()) {
            Expressions.walk(c, x -> {
                if (x instanceof Expression.Var v) {
                    v.slot().noteRead(v.index());
                }
            });
        }
        List<org.tusk.sql.types.SqlType> types = item.columns().stream().map(Expression::type).toList();
        int oid = item.rowTypeOid();
        org.tusk.sql.types.RowType type = new org.tusk.sql.types.RowType(
                oid == 0 ? org.tusk.sql.types.RowType.RECORD_OID : oid, oid == 0 ? null : item.relationName(),
                item.columnNames(), types);
        return org.tusk.sql.eval.RowValues.construct(item.columns(), type);
    }
}

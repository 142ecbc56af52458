package org.tusk.sql.catalog;

import java.util.List;

import org.tusk.sql.schema.Catalog;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.RowType;
import org.tusk.sql.types.SqlType;

/**
 * Named composite types as the analyzer needs them: every relation with a row type (tables, views,
 * {@code CREATE TYPE ... AS}) is found by its name, as a type of the same name is in PostgreSQL, and
 * described by its columns. The pg_type row itself is the DDL's business (ddl.RowTypeRows).
 */
public final class CompositeTypes {

    private CompositeTypes() {
    }

    /** pg_class.reltype of {@code r}: its row type's OID, 0 if it has none (or there is no catalog). */
    public static int rowTypeOid(Catalog catalog, Relation r) {
        if (catalog instanceof RelationCache cache) {
            CatalogRow row = cache.classRow(r.oid());
            return row == null ? 0 : row.oid("reltype");
        }
        return 0;
    }

    /** The row type of relation {@code r}, null if it has none. */
    public static RowType rowType(Catalog catalog, Relation r) {
        int oid = rowTypeOid(catalog, r);
        if (oid == 0) {
            return null;
        }
        List<String> names = r.columns().stream().map(Column::name).toList();
        List<SqlType> types = r.columns().stream().map(Column::type).toList();
        List<RowType> nested = new java.util.ArrayList<>();
        for (Column c : r.columns()) {
            nested.add(c.rowType()); // a composite column's type, or a composite array's element type
        }
        return new RowType(oid, r.name(), names, types, nested);
    }

    /** The composite type called {@code names} ({@code [schema.]name}), or null if there is none. */
    public static RowType lookup(Catalog catalog, List<String> names) {
        if (catalog == null || names.size() > 2) {
            return null;
        }
        Relation r = catalog.lookup(names.size() == 2 ? names.get(0) : null, names.getLast());
        return r == null ? null : rowType(catalog, r);
    }

    /**
     * The column of a composite type, or of an array of one, that pg_attribute's atttypid {@code typeOid}
     * makes (its values are rows carrying that type), or null if the type is neither.
     */
    public static Column column(Catalog catalog, int typeOid, int number, String name, boolean notNull,
            String defaultSql, char identity) {
        if (!(catalog instanceof RelationCache cache)) {
            return null;
        }
        List<CatalogRow> types = cache.rowsOf(CatalogDefinitions.PG_TYPE, "oid", typeOid);
        if (types.isEmpty()) {
            return null;
        }
        CatalogRow t = types.getFirst();
        boolean array = t.character("typcategory") == 'A';
        if (array) {
            List<CatalogRow> elements = cache.rowsOf(CatalogDefinitions.PG_TYPE, "oid", t.oid("typelem"));
            t = elements.isEmpty() ? null : elements.getFirst();
        }
        // Only a composite type (typtype 'c') makes a row-valued column; its relation is pg_type.typrelid.
        Relation relation = t == null || t.character("typtype") != 'c' ? null : cache.relation(t.oid("typrelid"));
        RowType row = relation == null ? null : rowType(catalog, relation);
        if (row == null) {
            return null;
        }
        return new Column(number, name, array ? SqlType.RECORD_ARRAY : SqlType.RECORD, -1, notNull, defaultSql,
                identity, 0, typeOid, row);
    }

    /** pg_type.typarray of composite type {@code typeOid}: its array type's OID, 0 if none is known. */
    public static int arrayTypeOid(Catalog catalog, int typeOid) {
        if (!(catalog instanceof RelationCache cache)) {
            return 0;
        }
        List<CatalogRow> types = cache.rowsOf(CatalogDefinitions.PG_TYPE, "oid", typeOid);
        return types.isEmpty() ? 0 : types.getFirst().oid("typarray");
    }

    /** The composite type whose pg_type OID is {@code typeOid}, or null. */
    public static RowType byOid(Catalog catalog, int typeOid) {
        if (!(catalog instanceof RelationCache cache)) {
            return null;
        }
        for (CatalogRow c : cache.classRows()) {
            if (c.oid("reltype") == typeOid) {
                Relation r = cache.relation(c.oid("oid"));
                return r == null ? null : rowType(catalog, r);
            }
        }
        return null;
    }
}

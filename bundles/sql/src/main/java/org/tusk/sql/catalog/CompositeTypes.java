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
        return new RowType(oid, r.name(), names, types);
    }

    /** The composite type called {@code names} ({@code [schema.]name}), or null if there is none. */
    public static RowType lookup(Catalog catalog, List<String> names) {
        if (catalog == null || names.size() > 2) {
            return null;
        }
        Relation r = catalog.lookup(names.size() == 2 ? names.get(0) : null, names.getLast());
        return r == null ? null : rowType(catalog, r);
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

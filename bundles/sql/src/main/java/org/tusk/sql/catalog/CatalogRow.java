package org.tusk.sql.catalog;

import java.util.List;

import org.tusk.storage.access.TupleId;

/**
 * One row of a catalog in storage values, read and written by column name (what PostgreSQL's
 * Form_pg_class structs are for). Columns a new row does not set start as the "empty" value of their
 * stored type: false, 0, "" for "char", and null where the column may be null.
 *
 * @param tid where the row is, or null for a row not stored yet
 */
public record CatalogRow(CatalogRelation catalog, Object[] values, TupleId tid) {

    /** A new row with every column at its empty value. */
    public static CatalogRow create(CatalogRelation catalog) {
        Object[] values = new Object[catalog.columns().size()];
        for (CatalogColumn c : catalog.columns()) {
            values[c.attnum() - 1] = c.notNull() ? empty(c.typeOid()) : null;
        }
        return new CatalogRow(catalog, values, null);
    }

    private static Object empty(int typeOid) {
        return switch (CatalogStorage.sqlType(typeOid)) {
            case BOOL -> false;
            case INT2 -> (short) 0;
            case INT4 -> 0;
            case INT8, OID, REGPROC -> 0L;
            case FLOAT4 -> 0.0f;
            case TEXT, NAME -> "";
            default -> null;
        };
    }

    private int index(String column) {
        int i = catalog.columnIndex(column);
        if (i < 0) {
            throw new IllegalArgumentException(catalog.name() + " has no column " + column);
        }
        return i;
    }

    public Object get(String column) {
        return values[index(column)];
    }

    /** Sets a column; an int for an oid column is taken as the unsigned OID. Returns this row. */
    public CatalogRow set(String column, Object value) {
        int i = index(column);
        Object v = value;
        if (value instanceof Integer n && CatalogStorage.holdsOid(catalog.columns().get(i).typeOid())) {
            v = Integer.toUnsignedLong(n);
        } else if (value instanceof Character c) {
            // A "char" of zero is the empty string, as PostgreSQL's charout prints it (attidentity of a plain column).
            v = c == '\0' ? "" : String.valueOf(c);
        }
        values[i] = v;
        return this;
    }

    /** An oid column as the signed int Java code keeps OIDs in (OIDs above 2^31 come out negative). */
    public int oid(String column) {
        Object v = get(column);
        return v == null ? 0 : (int) (long) (Long) v;
    }

    public String text(String column) {
        return (String) get(column);
    }

    /** A "char" column's one character, or '\0' when empty. */
    public char character(String column) {
        String s = text(column);
        return s == null || s.isEmpty() ? '\0' : s.charAt(0);
    }

    public int int4(String column) {
        return (Integer) get(column);
    }

    public short int2(String column) {
        return (Short) get(column);
    }

    public boolean bool(String column) {
        return (Boolean) get(column);
    }

    public List<?> list(String column) {
        return (List<?>) get(column);
    }
}

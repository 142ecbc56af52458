package org.tusk.sql.types;

/**
 * A value of an enum type: the pg_enum row it is (its OID is what a table stores, as in PostgreSQL), with
 * what that row said when the value was read: the type, the sort order that orders it, and the label it
 * prints as. Two values are equal when they are the same pg_enum row, so hashing and grouping need no
 * catalog; ordering compares {@code sortOrder}, so a label added BEFORE another sorts where it belongs.
 *
 * @param typeOid   pg_enum.enumtypid
 * @param oid       the pg_enum row's OID
 * @param sortOrder pg_enum.enumsortorder
 * @param label     pg_enum.enumlabel
 */
public record EnumValue(int typeOid, int oid, float sortOrder, String label) implements Comparable<EnumValue> {

    @Override
    public boolean equals(Object o) {
        return o instanceof EnumValue e && e.oid == oid;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(oid);
    }

    @Override
    public int compareTo(EnumValue o) {
        return Float.compare(sortOrder, o.sortOrder);
    }

    @Override
    public String toString() {
        return label;
    }
}

package org.tusk.storage.heap;

/**
 * One column of a {@link TupleDescriptor}: PostgreSQL's {@code pg_attribute} facts that decide how its
 * values are stored. {@code element} is null for a scalar column; for a one-dimensional array column
 * it is the element type and {@code typeOid} the array type's OID.
 *
 * @param length  attlen: the fixed size in bytes, or -1 for a varlena
 * @param align   attalign: 'c', 's', 'i' or 'd'
 */
public record Attribute(String name, int typeOid, PgType type, PgType element, int length, char align, boolean notNull) {

    public Attribute {
        if (element == null && type == null) {
            throw new IllegalArgumentException("an attribute needs a type or an element type");
        }
        PgType.alignmentOf(align);
    }

    /** A scalar column of {@code type}. */
    public static Attribute of(String name, PgType type, boolean notNull) {
        return new Attribute(name, type.oid(), type, null, type.length(), type.align(), notNull);
    }

    /** A nullable scalar column. */
    public static Attribute of(String name, PgType type) {
        return of(name, type, false);
    }

    /** A column of type {@code element[]} (one dimension; a varlena aligned 'd' or 'i'). */
    public static Attribute arrayOf(String name, PgType element, boolean notNull) {
        return new Attribute(name, element.arrayOid(), null, element, -1, element.arrayAlign(), notNull);
    }

    public boolean isArray() {
        return element != null;
    }

    public boolean isVarlena() {
        return length == -1;
    }

    /** attalign in bytes. */
    public int alignment() {
        return PgType.alignmentOf(align);
    }
}

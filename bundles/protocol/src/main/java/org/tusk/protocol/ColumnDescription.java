package org.tusk.protocol;

/**
 * One field of a RowDescription: name, the table and column it comes from (0 when it is not a
 * column), its type OID, type size (-1 varlena, -2 cstring), type modifier and format (0 text,
 * 1 binary).
 */
public record ColumnDescription(String name, int tableOid, short columnNumber, int typeOid, short typeSize,
        int typeModifier, short format) {

    /** A computed column in text format: no table, no modifier. */
    public static ColumnDescription computed(String name, int typeOid, short typeSize) {
        return new ColumnDescription(name, 0, (short) 0, typeOid, typeSize, -1, (short) 0);
    }
}

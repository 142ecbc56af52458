package org.tusk.client;

/**
 * One column of a result, from the RowDescription: name, type OID (see {@code org.tusk.protocol.TypeOids}),
 * type size and modifier, source table and column (0 when computed), format (0 text, 1 binary).
 */
public record Column(String name, int typeOid, int typeSize, int typeModifier, int tableOid, int columnNumber,
        int format) {
}

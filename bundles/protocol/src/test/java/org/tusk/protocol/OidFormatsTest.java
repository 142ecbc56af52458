package org.tusk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The binary forms of the reg* types and of int2vector and oidvector. Every byte vector is the output of
 * the type's send function on PostgreSQL 15, e.g. {@code select regclasssend('pg_class'::regclass)} is
 * {@code \x000004eb}, {@code select int2vectorsend('1 -2 3'::int2vector)} is
 * {@code \x000000010000000000000015000000030000000000000002000100000002fffe000000020003}.
 */
class OidFormatsTest {

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    private static void roundTrip(int oid, String text, String binaryHex) {
        assertEquals(text, BinaryFormats.toText(oid, hex(binaryHex)), "recv of " + binaryHex);
        assertEquals(binaryHex, HexFormat.of().formatHex(BinaryFormats.fromText(oid, text)), "send of " + text);
    }

    @Test
    void regTypesAreTheirOid() {
        // regclasssend('pg_class'), regprocsend('int4pl'), regproceduresend('int4pl(int4,int4)'),
        // regtypesend('int4'), regnamespacesend('pg_catalog'), regrolesend('postgres'), regclass 4294967295
        roundTrip(TypeOids.REGCLASS, "1259", "000004eb");
        roundTrip(TypeOids.REGPROC, "177", "000000b1");
        roundTrip(TypeOids.REGPROCEDURE, "177", "000000b1");
        roundTrip(TypeOids.REGTYPE, "23", "00000017");
        roundTrip(TypeOids.REGNAMESPACE, "11", "0000000b");
        roundTrip(TypeOids.REGROLE, "10", "0000000a");
        roundTrip(TypeOids.REGCLASS, "4294967295", "ffffffff");
        assertEquals("00000000", HexFormat.of().formatHex(BinaryFormats.fromText(TypeOids.REGCLASS, "-")),
                "'-' is OID 0");
        for (int t : new int[] {TypeOids.REGCLASS, TypeOids.REGPROC, TypeOids.REGPROCEDURE, TypeOids.REGTYPE,
            TypeOids.REGNAMESPACE, TypeOids.REGROLE, TypeOids.INT2VECTOR, TypeOids.OIDVECTOR}) {
            assertTrue(BinaryFormats.supports(t), "binary format of type " + t);
        }
    }

    @Test
    void aNameNeedsTheCatalogs() {
        assertThrows(IllegalArgumentException.class, () -> BinaryFormats.fromText(TypeOids.REGCLASS, "pg_class"));
        assertThrows(IllegalArgumentException.class, () -> BinaryFormats.toText(TypeOids.REGTYPE, hex("0017")));
        assertThrows(IllegalArgumentException.class, () -> BinaryFormats.toText(TypeOids.REGTYPE, hex("0000001700")));
    }

    @Test
    void vectorsAreArraysFromZero() {
        roundTrip(TypeOids.INT2VECTOR, "1 -2 3",
                "000000010000000000000015000000030000000000000002000100000002fffe000000020003");
        roundTrip(TypeOids.INT2VECTOR, "", "0000000100000000000000150000000000000000");
        roundTrip(TypeOids.OIDVECTOR, "23 4294967295",
                "00000001000000000000001a0000000200000000000000040000001700000004ffffffff");
        roundTrip(TypeOids.OIDVECTOR, "", "00000001000000000000001a0000000000000000");
    }

    @Test
    void malformedVectorsAreRefused() {
        // lower bound 1, as an int2[] would be sent
        assertThrows(IllegalArgumentException.class, () -> BinaryFormats.toText(TypeOids.INT2VECTOR,
                hex("0000000100000000000000150000000100000001000000020001")));
        // a NULL element
        assertThrows(IllegalArgumentException.class, () -> BinaryFormats.toText(TypeOids.INT2VECTOR,
                hex("00000001000000010000001500000001000000000000ffff")));
        // the wrong element type (int4)
        assertThrows(IllegalArgumentException.class, () -> BinaryFormats.toText(TypeOids.OIDVECTOR,
                hex("000000010000000000000017000000010000000000000004ffffffff")));
        // two dimensions
        assertThrows(IllegalArgumentException.class, () -> BinaryFormats.toText(TypeOids.OIDVECTOR,
                hex("00000002000000000000001a00000001000000000000000100000000000000040000001a")));
    }
}

package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.TypeOids;
import org.tusk.spi.SqlSession;
import org.tusk.sql.catalog.MemoryStorage;
import org.tusk.sql.engine.TuskSqlEngine;

/**
 * A reg* result in binary is the OID its name stands for in the session's catalogs (the bytes are
 * PostgreSQL 15's: regclasssend('pg_class') is 000004eb, regtypesend('integer') 00000017, ...); other
 * types go through the shared codec.
 */
class RegBinaryTest {

    @Test
    void regValuesAreSentAsTheirOid() {
        Transcript t = new Transcript(new TuskSqlEngine(new MemoryStorage()), "postgres");
        SqlSession s = t.session;
        try {
            // Result rows are encoded while their statement's transaction is open.
            t.run("begin; select count(*) from pg_class");
            assertEquals("000004eb", hex(s.binaryValue(TypeOids.REGCLASS, "pg_class")));
            assertEquals("000004eb", hex(s.binaryValue(TypeOids.REGCLASS, "pg_catalog.pg_class")));
            assertEquals("00000017", hex(s.binaryValue(TypeOids.REGTYPE, "integer")));
            assertEquals("000000b1", hex(s.binaryValue(TypeOids.REGPROCEDURE, "int4pl(integer,integer)")));
            assertEquals("0000000b", hex(s.binaryValue(TypeOids.REGNAMESPACE, "pg_catalog")));
            assertEquals("0000000a", hex(s.binaryValue(TypeOids.REGROLE, "postgres")));
            assertEquals("00000000", hex(s.binaryValue(TypeOids.REGCLASS, "-")));
            assertEquals("00003039", hex(s.binaryValue(TypeOids.REGCLASS, "12345")), "an OID without a name");
            assertEquals("00000007", hex(s.binaryValue(TypeOids.INT4, "7")));
        } finally {
            s.close();
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}

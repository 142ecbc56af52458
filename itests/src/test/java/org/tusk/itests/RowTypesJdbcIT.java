package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PGobject;
import org.tusk.itests.harness.ServerPair;

/**
 * pgjdbc reading row values: an anonymous record column (type record, Types.OTHER, a PGobject whose value
 * is record_out's text), a table's whole row (its composite type's name, which pgjdbc looks up in pg_type),
 * a composite type made by CREATE TYPE, in the simple and the extended protocol (a prepared statement
 * executed past prepareThreshold). Each check runs on PostgreSQL 15 first, then on Tusk.
 */
class RowTypesJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    @Test
    void readsAnonymousRecords() throws SQLException {
        servers.onBoth("", c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select row(1, 'a b', null) as r, (2, 'x\"y') as q")) {
                ResultSetMetaData md = rs.getMetaData();
                assertEquals("record", md.getColumnTypeName(1));
                assertEquals(Types.OTHER, md.getColumnType(1));
                assertTrue(rs.next());
                assertEquals("(1,\"a b\",)", rs.getString("r"));
                assertEquals("(2,\"x\"\"y\")", rs.getString(2));
                Object o = rs.getObject(1);
                assertTrue(o instanceof PGobject, String.valueOf(o));
                assertEquals("record", ((PGobject) o).getType());
                assertEquals("(1,\"a b\",)", ((PGobject) o).getValue());
            }
        });
    }

    @Test
    void readsTableRowsAndCompositeTypes() throws SQLException {
        servers.onBoth("&prepareThreshold=1", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists jdbc_rows");
                s.execute("drop type if exists jdbc_pair");
                s.execute("create table jdbc_rows (id int, name text)");
                s.execute("insert into jdbc_rows values (1, 'one'), (2, null)");
                s.execute("create type jdbc_pair as (x int, y text)");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select r, row(r.id, r.name)::jdbc_pair as p from jdbc_rows r where r.id >= ? order by r.id")) {
                for (int round = 0; round < 3; round++) {
                    ps.setInt(1, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        assertEquals("jdbc_rows", md.getColumnTypeName(1));
                        assertEquals("jdbc_pair", md.getColumnTypeName(2));
                        assertTrue(rs.next());
                        assertEquals("(1,one)", rs.getString(1));
                        assertEquals("(1,one)", rs.getString("p"));
                        assertTrue(rs.next());
                        assertEquals("(2,)", rs.getString(1));
                        assertFalse(rs.next());
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("drop table jdbc_rows");
                s.execute("drop type jdbc_pair");
            }
        });
    }
}

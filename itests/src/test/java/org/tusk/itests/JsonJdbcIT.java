package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PGobject;
import org.tusk.itests.harness.ServerPair;

/**
 * pgjdbc writing and reading json and jsonb: a PGobject of type jsonb, a string parameter cast with
 * {@code ?::jsonb}, a string sent as Types.OTHER; values read back with getString and getObject (a
 * PGobject naming the type, which pgjdbc finds in pg_type), in text, and as raw bytes in binary transfer
 * (jsonb's version byte). Each check runs on PostgreSQL 15 first, then on Tusk, with the same expectations.
 */
class JsonJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    private static PGobject jsonb(String value) throws SQLException {
        PGobject o = new PGobject();
        o.setType("jsonb");
        o.setValue(value);
        return o;
    }

    @Test
    void writesAndReadsJsonbColumns() throws SQLException {
        servers.onBoth("", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists jdbc_docs");
                s.execute("create table jdbc_docs (id int primary key, doc jsonb, raw json)");
            }
            try (PreparedStatement p = c.prepareStatement("insert into jdbc_docs values (?, ?, ?::json)")) {
                p.setInt(1, 1);
                p.setObject(2, jsonb("{\"b\": [1, 2.50], \"a\": \"x\", \"b\": true}"));
                p.setString(3, "{\"b\":1,  \"a\":2}");
                assertEquals(1, p.executeUpdate());
            }
            try (PreparedStatement p = c.prepareStatement("insert into jdbc_docs (id, doc) values (?, ?::jsonb)")) {
                p.setInt(1, 2);
                p.setString(2, "[1, {\"k\": null}]");
                assertEquals(1, p.executeUpdate());
            }
            try (PreparedStatement p = c.prepareStatement("insert into jdbc_docs (id, doc) values (?, ?)")) {
                p.setInt(1, 3);
                p.setObject(2, "\"text\"", Types.OTHER);
                assertEquals(1, p.executeUpdate());
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select id, doc, raw, doc ->> 'a' from jdbc_docs order by id")) {
                assertTrue(rs.next());
                assertEquals("{\"a\": \"x\", \"b\": true}", rs.getString(2));
                PGobject o = (PGobject) rs.getObject(2);
                assertEquals("jsonb", o.getType());
                assertEquals("{\"a\": \"x\", \"b\": true}", o.getValue());
                assertEquals("{\"b\":1,  \"a\":2}", rs.getString(3));
                assertEquals("json", ((PGobject) rs.getObject(3)).getType());
                assertEquals("x", rs.getString(4));
                assertEquals("jsonb", rs.getMetaData().getColumnTypeName(2));
                assertEquals("json", rs.getMetaData().getColumnTypeName(3));
                assertTrue(rs.next());
                assertEquals("[1, {\"k\": null}]", rs.getString(2));
                assertTrue(rs.next());
                assertEquals("\"text\"", rs.getString(2));
                assertFalse(rs.next());
            }
            try (PreparedStatement p = c.prepareStatement("select id from jdbc_docs where doc @> ?::jsonb")) {
                p.setString(1, "{\"b\": true}");
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                    assertFalse(rs.next());
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("drop table jdbc_docs");
            }
        });
    }

    @Test
    void readsJsonbInBinary() throws SQLException {
        // prepareThreshold=-1 makes pgjdbc ask for binary results of the listed types (jsonb, json) from the
        // first execution. pgjdbc has no binary decoder for them, so the raw bytes are read: jsonb_send's
        // version byte 1 and the text, json_send's text alone.
        servers.onBoth("&prepareThreshold=-1&binaryTransferEnable=3802,114", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "select ?::jsonb || '{\"z\": 1}', '{\"y\":  2}'::json, jsonb_build_object('k', ?::int)")) {
                p.setObject(1, jsonb("{\"a\": [1, \"é\"]}"));
                p.setInt(2, 7);
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertArrayEquals(jsonbSend("{\"a\": [1, \"é\"], \"z\": 1}"), rs.getBytes(1));
                    assertArrayEquals("{\"y\":  2}".getBytes(StandardCharsets.UTF_8), rs.getBytes(2));
                    assertArrayEquals(jsonbSend("{\"k\": 7}"), rs.getBytes(3));
                    assertFalse(rs.next());
                }
            }
        });
    }

    /** jsonb_send's bytes: the version number 1, then the text in UTF-8. */
    private static byte[] jsonbSend(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 1];
        out[0] = 1;
        System.arraycopy(utf8, 0, out, 1, utf8.length);
        return out;
    }
}

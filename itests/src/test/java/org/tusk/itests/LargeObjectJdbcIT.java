package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.sql.Blob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;
import org.tusk.itests.harness.ServerPair;

/**
 * pgjdbc's large objects: LargeObjectManager looks lo_open, loread, lowrite, ... up in pg_proc by name and
 * calls them by OID through the fast-path FunctionCall message; setBlob/getBlob on an oid column go through
 * it too. Each check runs on PostgreSQL 15 first, then on Tusk, with the same expectations.
 */
class LargeObjectJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    /** 5000 bytes: three 2 kB pages in pg_largeobject, the last one partial. */
    private static byte[] data() {
        byte[] b = new byte[5000];
        new Random(42).nextBytes(b);
        return b;
    }

    @Test
    void largeObjectManagerWritesSeeksReadsAndTruncates() {
        servers.onBoth("", c -> {
            c.setAutoCommit(false);
            LargeObjectManager lom = c.unwrap(PGConnection.class).getLargeObjectAPI();
            long oid = lom.createLO(LargeObjectManager.READWRITE);
            byte[] data = data();
            try (LargeObject lo = lom.open(oid, LargeObjectManager.WRITE)) {
                lo.write(data);
                assertEquals(5000, lo.tell64());
            }
            c.commit();
            try (LargeObject lo = lom.open(oid, LargeObjectManager.READ)) {
                assertEquals(5000, lo.size64());
                assertArrayEquals(data, lo.read(5000));
                lo.seek(2040);
                byte[] part = lo.read(16);
                assertArrayEquals(java.util.Arrays.copyOfRange(data, 2040, 2056), part);
                lo.seek(-10, LargeObject.SEEK_END);
                assertEquals(4990, lo.tell());
                assertEquals(10, lo.read(100).length);
            }
            try (LargeObject lo = lom.open(oid, LargeObjectManager.READWRITE)) {
                lo.truncate(100);
                assertEquals(100, lo.size());
            }
            c.commit();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT length(lo_get(" + oid
                    + ")), count(*) FROM pg_largeobject WHERE loid = " + oid)) {
                assertTrue(rs.next());
                assertEquals(100, rs.getInt(1));
                assertEquals(1, rs.getInt(2));
            }
            lom.delete(oid);
            c.commit();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM pg_largeobject_metadata WHERE oid = " + oid)) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1));
            }
            c.commit();
        });
    }

    @Test
    void blobColumnsRoundTrip() {
        servers.onBoth("", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS lo_docs");
                s.execute("CREATE TABLE lo_docs (id int PRIMARY KEY, body oid)");
            }
            c.setAutoCommit(false);
            byte[] data = data();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO lo_docs VALUES (?, ?)")) {
                p.setInt(1, 1);
                p.setBlob(2, new ByteArrayInputStream(data));
                assertEquals(1, p.executeUpdate());
            }
            c.commit();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT body FROM lo_docs")) {
                assertTrue(rs.next());
                Blob blob = rs.getBlob(1);
                assertEquals(5000, blob.length());
                assertArrayEquals(data, blob.getBytes(1, 5000));
                assertArrayEquals(java.util.Arrays.copyOfRange(data, 99, 109), blob.getBytes(100, 10));
                blob.free();
            }
            try (Statement s = c.createStatement()) {
                s.execute("SELECT lo_unlink(body) FROM lo_docs");
                s.execute("DROP TABLE lo_docs");
            }
            c.commit();
        });
    }

    @Test
    void descriptorsDoNotOutliveTheirTransaction() {
        servers.onBoth("", c -> {
            c.setAutoCommit(false);
            LargeObjectManager lom = c.unwrap(PGConnection.class).getLargeObjectAPI();
            long oid = lom.createLO();
            LargeObject lo = lom.open(oid, LargeObjectManager.READWRITE);
            lo.write(new byte[] {1, 2, 3});
            c.commit();
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> lo.read(1));
            assertEquals("42704", e.getSQLState());
            c.rollback();
            lom.delete(oid);
            c.commit();
        });
    }
}

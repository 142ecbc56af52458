package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tusk.itests.harness.TuskServer;

/**
 * Values larger than a page through pgjdbc (TOAST): text and bytea of 10 kB, 1 MB and 50 MB, of
 * random (incompressible) content, inserted as parameters and read back byte for byte, in text
 * transfer (simple protocol) and binary transfer (server-prepared statements); the server's md5 of
 * each agrees with the client's; an UPDATE of another column leaves them intact.
 */
class ToastIT {

    private static TuskServer tusk;

    @BeforeAll
    static void start() {
        tusk = TuskServer.start();
    }

    @AfterAll
    static void stop() {
        if (tusk != null) {
            tusk.close();
        }
    }

    private static Connection connect(String options) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + tusk.host() + ":" + tusk.port()
                + "/postgres?user=postgres&sslmode=disable&connectTimeout=10&socketTimeout=120" + options);
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Random printable ASCII with some multi-byte characters, {@code n} bytes in UTF-8 or a few more. */
    private static String text(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n);
        int bytes = 0;
        while (bytes < n) {
            if (r.nextInt(50) == 0) {
                sb.append('€');
                bytes += 3;
            } else {
                sb.append((char) (' ' + 1 + r.nextInt(94)));
                bytes++;
            }
        }
        return sb.toString();
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void wideTextAndByteaRoundTripInTextAndBinaryTransfer() throws SQLException {
        int[] sizes = {10_000, 1_000_000, 50_000_000};
        try (Connection c = connect("")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE wide (id int PRIMARY KEY, t text, b bytea, n int)");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO wide VALUES (?, ?, ?, 0)")) {
                for (int i = 0; i < sizes.length; i++) {
                    p.setInt(1, i);
                    p.setString(2, text(sizes[i], i));
                    p.setBytes(3, bytes(sizes[i], 100 + i));
                    assertEquals(1, p.executeUpdate());
                }
            }
            try (Statement s = c.createStatement()) {
                assertEquals(3, s.executeUpdate("UPDATE wide SET n = n + 1"));
            }
        }
        // Simple protocol: every value in text format (bytea as hex).
        check("&preferQueryMode=simple", sizes);
        // Server-prepared from the first execution: results in binary format where pgjdbc asks for it (bytea).
        check("&prepareThreshold=-1", sizes);
    }

    private static void check(String options, int[] sizes) throws SQLException {
        try (Connection c = connect(options);
                PreparedStatement p = c.prepareStatement("SELECT t, b, n, md5(t), md5(b), octet_length(t), length(b)"
                        + " FROM wide WHERE id = ?")) {
            for (int i = 0; i < sizes.length; i++) {
                p.setInt(1, i);
                try (ResultSet r = p.executeQuery()) {
                    assertTrue(r.next());
                    String expectedText = text(sizes[i], i);
                    byte[] expectedBytes = bytes(sizes[i], 100 + i);
                    String t = r.getString(1);
                    byte[] b = r.getBytes(2);
                    assertEquals(expectedText.length(), t.length(), "text length of row " + i + options);
                    assertTrue(expectedText.equals(t), "text of row " + i + " byte for byte" + options);
                    assertArrayEquals(expectedBytes, b, "bytea of row " + i + options);
                    assertEquals(1, r.getInt(3));
                    assertEquals(md5(expectedText.getBytes(StandardCharsets.UTF_8)), r.getString(4));
                    assertEquals(md5(expectedBytes), r.getString(5));
                    assertEquals(expectedText.getBytes(StandardCharsets.UTF_8).length, r.getInt(6));
                    assertEquals(sizes[i], r.getInt(7));
                }
            }
        }
    }
}

package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.Psql;
import org.tusk.itests.harness.TuskServer;
import org.tusk.itests.harness.Unix;

/** initdb --auth/--pwfile and pg_hba.conf with real clients: SCRAM-SHA-256 from psql and pgjdbc. */
class AuthenticationIT {

    @Test
    void scramPasswordsFromInitdbAreCheckedForPsqlAndPgjdbc() throws Exception {
        Path dir = Unix.createPublicTempDirectory("tusk-itests-pw-");
        Path pwfile = dir.resolve("pw");
        Files.writeString(pwfile, "s3cret\n");
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-r--r--"));
        try (TuskServer tusk = TuskServer.builder().initdb("--auth=scram-sha-256", "--pwfile=" + pwfile).start()) {
            String[] args = {"-h", "127.0.0.1", "-p", Integer.toString(tusk.port()), "-U", "postgres", "-d", "postgres",
                "-c", "select 1 as one"};
            CommandResult ok = Psql.run(Map.of("PGPASSWORD", "s3cret"), args);
            assertEquals(0, ok.exitCode(), ok.describe());
            CommandResult wrong = Psql.run(Map.of("PGPASSWORD", "wrong"), args);
            assertEquals(2, wrong.exitCode(), wrong.describe());
            assertTrue(wrong.stderr().contains("FATAL:  password authentication failed for user \"postgres\""),
                    wrong.describe());
            CommandResult none = Psql.run(Map.of(), "-w", "-h", "127.0.0.1", "-p", Integer.toString(tusk.port()), "-U",
                    "postgres", "-c", "select 1");
            assertEquals(2, none.exitCode(), "no password, no session: " + none.describe());
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + tusk.port()
                    + "/postgres?preferQueryMode=simple&sslmode=disable", "postgres", "s3cret");
                    ResultSet rs = c.createStatement().executeQuery("select 'in' as x")) {
                rs.next();
                assertEquals("in", rs.getString(1));
            }
        } finally {
            Unix.deleteRecursively(dir);
        }
    }
}

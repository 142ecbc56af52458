package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.Psql;
import org.tusk.itests.harness.TuskServer;
import org.tusk.itests.harness.Unix;

/**
 * Roles made with CREATE ROLE log in at once over scram-sha-256 (pg_authid is what authentication reads),
 * with psql and pgjdbc, and find their privileges checked; ALTER ROLE NOLOGIN and DROP ROLE stop them.
 */
class RoleLoginIT {

    @Test
    void createdRoleLogsInWithItsPasswordAndHasOnlyItsPrivileges() throws Exception {
        Path dir = Unix.createPublicTempDirectory("tusk-itests-roles-");
        Path pwfile = dir.resolve("pw");
        Files.writeString(pwfile, "s3cret\n");
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-r--r--"));
        try (TuskServer tusk = TuskServer.builder().initdb("--auth=scram-sha-256", "--pwfile=" + pwfile).start()) {
            String port = Integer.toString(tusk.port());
            CommandResult setup = Psql.run(Map.of("PGPASSWORD", "s3cret"), "-X", "-v", "ON_ERROR_STOP=1", "-h",
                    "127.0.0.1", "-p", port, "-U", "postgres", "-d", "postgres", "-c",
                    "create role app login password 'app pw'; create table t (x int); insert into t values (7);"
                            + " grant select on t to app");
            assertEquals(0, setup.exitCode(), setup.describe());

            String[] asApp = {"-X", "-A", "-t", "-h", "127.0.0.1", "-p", port, "-U", "app", "-d", "postgres", "-c",
                "select current_user, x from t"};
            CommandResult ok = Psql.run(Map.of("PGPASSWORD", "app pw"), asApp);
            assertEquals(0, ok.exitCode(), ok.describe());
            assertEquals("app|7", ok.stdout().strip(), ok.describe());
            CommandResult wrong = Psql.run(Map.of("PGPASSWORD", "s3cret"), asApp);
            assertEquals(2, wrong.exitCode(), wrong.describe());
            assertTrue(wrong.stderr().contains("password authentication failed for user \"app\""), wrong.describe());

            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                    + "/postgres?sslmode=disable", "app", "app pw")) {
                try (ResultSet rs = c.createStatement().executeQuery("select session_user, count(*) from t")) {
                    rs.next();
                    assertEquals("app", rs.getString(1));
                    assertEquals(1, rs.getInt(2));
                }
                SQLException denied = assertThrows(SQLException.class,
                        () -> c.createStatement().executeUpdate("insert into t values (8)"));
                assertEquals("42501", denied.getSQLState());
                assertTrue(denied.getMessage().contains("permission denied for table t"), denied.getMessage());
            }

            CommandResult nologin = Psql.run(Map.of("PGPASSWORD", "s3cret"), "-X", "-h", "127.0.0.1", "-p", port,
                    "-U", "postgres", "-d", "postgres", "-c", "alter role app nologin");
            assertEquals(0, nologin.exitCode(), nologin.describe());
            CommandResult refused = Psql.run(Map.of("PGPASSWORD", "app pw"), asApp);
            assertEquals(2, refused.exitCode(), refused.describe());
            assertTrue(refused.stderr().contains("role \"app\" is not permitted to log in"), refused.describe());
        } finally {
            Unix.deleteRecursively(dir);
        }
    }
}

package org.tusk.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.client.ClientEnvironment;
import org.tusk.client.ConnectionParameters;
import org.tusk.client.PgException;
import org.tusk.client.internal.ResolvedParameters.HostTarget;

class ResolvedParametersTest {

    @TempDir
    Path home;

    private final List<String> warnings = new ArrayList<>();

    private ClientEnvironment env(Map<String, String> vars) {
        return ClientEnvironment.of(vars, home, "osuser", "/run/pg", warnings::add);
    }

    private ResolvedParameters resolve(String conninfo, Map<String, String> vars) throws PgException {
        return ResolvedParameters.resolve(ConnectionParameters.parse(conninfo), env(vars));
    }

    @Test
    void compiledDefaults() throws PgException {
        ResolvedParameters p = resolve("", Map.of());
        assertEquals(List.of(new HostTarget("/run/pg", null, 5432, null)), p.hosts());
        assertTrue(p.hosts().get(0).isUnixSocket());
        assertEquals("osuser", p.user());
        assertEquals("osuser", p.dbname());
        assertEquals("prefer", p.sslmode());
        assertEquals(0, p.connectTimeoutSeconds());
        assertEquals(home.resolve(".postgresql/root.crt").toString(), p.sslrootcert());
        assertNull(p.applicationName());
        assertEquals("UTF8", p.clientEncoding());
    }

    @Test
    void environmentVariables() throws PgException {
        Map<String, String> vars = new HashMap<>();
        vars.put("PGHOST", "db.example.com");
        vars.put("PGPORT", "6543");
        vars.put("PGUSER", "envuser");
        vars.put("PGDATABASE", "envdb");
        vars.put("PGPASSWORD", "envpw");
        vars.put("PGSSLMODE", "require");
        vars.put("PGAPPNAME", "envapp");
        vars.put("PGCONNECT_TIMEOUT", "1");
        vars.put("PGOPTIONS", "-c work_mem=1MB");
        ResolvedParameters p = resolve("", vars);
        assertEquals(List.of(new HostTarget("db.example.com", null, 6543, "envpw")), p.hosts());
        assertEquals("envuser", p.user());
        assertEquals("envdb", p.dbname());
        assertEquals("require", p.sslmode());
        assertEquals("envapp", p.applicationName());
        assertEquals(2, p.connectTimeoutSeconds(), "libpq raises a 1 s timeout to 2 s");
        assertEquals("-c work_mem=1MB", p.options());
        // explicit values win over the environment
        p = resolve("host=h2 user=u2 application_name=a2", vars);
        assertEquals("h2", p.hosts().get(0).host());
        assertEquals("u2", p.user());
        assertEquals("a2", p.applicationName());
    }

    @Test
    void multipleHostsAndPorts() throws PgException {
        ResolvedParameters p = resolve("postgresql://a:1,b,[::1]:3/db?password=x", Map.of());
        assertEquals(List.of(new HostTarget("a", null, 1, "x"), new HostTarget("b", null, 5432, "x"),
                new HostTarget("::1", null, 3, "x")), p.hosts());
        p = resolve("host=a,/tmp port=7", Map.of());
        assertEquals(List.of(new HostTarget("a", null, 7, null), new HostTarget("/tmp", null, 7, null)), p.hosts());
        assertTrue(p.hosts().get(1).isUnixSocket());
        p = resolve("host=a,b hostaddr=10.0.0.1,10.0.0.2", Map.of());
        assertEquals("10.0.0.2", p.hosts().get(1).hostaddr());
        assertEquals("could not match 2 port numbers to 3 hosts",
                assertThrows(PgException.class, () -> resolve("host=a,b,c port=1,2", Map.of())).getMessage());
        assertEquals("could not match 2 host names to 1 hostaddr values",
                assertThrows(PgException.class, () -> resolve("host=a,b hostaddr=1.2.3.4", Map.of())).getMessage());
        assertEquals("invalid port number: \"x\"",
                assertThrows(PgException.class, () -> resolve("port=x", Map.of())).getMessage());
        assertEquals("invalid port number: \"70000\"",
                assertThrows(PgException.class, () -> resolve("port=70000", Map.of())).getMessage());
        assertEquals("invalid sslmode value: \"sometimes\"",
                assertThrows(PgException.class, () -> resolve("sslmode=sometimes", Map.of())).getMessage());
        assertEquals("invalid integer value \"soon\" for connection option \"connect_timeout\"",
                assertThrows(PgException.class, () -> resolve("connect_timeout=soon", Map.of())).getMessage());
    }

    private Path pgpass(String content, String perms) throws IOException {
        Path f = home.resolve(".pgpass");
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    @Test
    void pgpassMatching() throws Exception {
        pgpass("""
                # comment
                otherhost:5432:*:alice:wrong
                dbhost:5432:db1:alice:first
                dbhost:*:*:alice:second
                *:*:*:b\\:ob:es\\:ca\\\\ped:rest
                localhost:5433:*:carol:viasocket
                """, "rw-------");
        assertEquals("first", resolve("host=dbhost dbname=db1 user=alice", Map.of()).hosts().get(0).password());
        assertEquals("second", resolve("host=dbhost port=9 dbname=db2 user=alice", Map.of()).hosts().get(0).password());
        assertEquals("es:ca\\ped", resolve("host=x user=b:ob", Map.of()).hosts().get(0).password());
        assertEquals("viasocket", resolve("host=/tmp port=5433 user=carol", Map.of()).hosts().get(0).password());
        assertNull(resolve("host=x user=nobody", Map.of()).hosts().get(0).password());
        assertEquals("given", resolve("host=dbhost user=alice password=given", Map.of()).hosts().get(0).password());
        // one password per host
        ResolvedParameters p = resolve("host=dbhost,otherhost user=alice dbname=db1", Map.of());
        assertEquals("first", p.hosts().get(0).password());
        assertEquals("wrong", p.hosts().get(1).password());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void pgpassFromPgpassfileAndPassfile() throws Exception {
        Path f = home.resolve("elsewhere");
        Files.writeString(f, "*:*:*:*:fromfile\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--------"));
        assertEquals("fromfile", resolve("host=h", Map.of("PGPASSFILE", f.toString())).hosts().get(0).password());
        assertEquals("fromfile", resolve("host=h passfile=" + f, Map.of()).hosts().get(0).password());
    }

    @Test
    void pgpassWithGroupOrWorldAccessIsIgnored() throws Exception {
        Path f = pgpass("*:*:*:*:secret\n", "rw-r-----");
        assertNull(resolve("host=h", Map.of()).hosts().get(0).password());
        assertEquals(List.of("WARNING: password file \"" + f
                + "\" has group or world access; permissions should be u=rw (0600) or less"), warnings);
        warnings.clear();
        pgpass("*:*:*:*:secret\n", "rw----r--");
        assertNull(resolve("host=h", Map.of()).hosts().get(0).password());
        assertEquals(1, warnings.size());
    }

    @Test
    void pgpassThatIsADirectoryIsIgnored() throws Exception {
        Path d = Files.createDirectory(home.resolve("dir"));
        assertNull(resolve("host=h passfile=" + d, Map.of()).hosts().get(0).password());
        assertEquals(List.of("WARNING: password file \"" + d + "\" is not a plain file"), warnings);
    }
}

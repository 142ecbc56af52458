package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.Commands;
import org.tusk.itests.harness.PostgresReference;
import org.tusk.itests.harness.Psql;
import org.tusk.itests.harness.ServerPair;

/**
 * Debian's maintenance tools of PostgreSQL 15, unmodified, against Tusk and PostgreSQL 15 with the same
 * tables: vacuumdb, reindexdb and clusterdb with their options, and createdb/createuser/dropdb/dropuser.
 * Every run must end with the exit code and say on stderr what it says against PostgreSQL (which runs
 * first, so a difference there is a wrong test); effects are checked by the catalogs (relfilenode after
 * REINDEX, row order and indisclustered after CLUSTER, reltuples after VACUUM).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientToolsIT {

    /** The servers by {@link ServerPair}'s names, PostgreSQL first. */
    enum Target {
        POSTGRESQL("postgres"), TUSK("tusk");

        final String server;

        Target(String server) {
            this.server = server;
        }
    }

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    @BeforeAll
    void createTables() {
        for (Target t : Target.values()) {
            query(t, "create table ct (a int primary key, b text); create index ct_b on ct (b);"
                    + " insert into ct select g, to_char(1000 - g, 'FM0000') from generate_series(1, 300) g;"
                    + " create schema cts; create table cts.u (x int); create table ct_lk (x int)");
        }
    }

    @Test
    void vacuumdbRunsWithItsOptions() {
        same("vacuumdb", "-z", "postgres");
        same("vacuumdb", "--all", "-Z");
        same("vacuumdb", "--analyze-in-stages", "postgres");
        same("vacuumdb", "-f", "-F", "-t", "ct", "postgres");
        same("vacuumdb", "-j", "2", "-z", "postgres");
        same("vacuumdb", "-z", "-t", "ct(a)", "-t", "cts.u", "postgres");
        same("vacuumdb", "-t", "ct(a)", "postgres"); // a column list needs ANALYZE: the server's error
        same("vacuumdb", "-t", "ct_nosuch", "postgres");
        same("vacuumdb", "--skip-locked", "--disable-page-skipping", "--no-index-cleanup", "--no-truncate",
                "--no-process-toast", "-P", "2", "postgres");
        same("vacuumdb", "-f", "--disable-page-skipping", "postgres");
        for (Target t : Target.values()) {
            assertEquals("300", query(t, "select reltuples from pg_class where relname = 'ct'"), t.toString());
            CommandResult verbose = tool(t, "vacuumdb", "-v", "-t", "ct", "postgres");
            assertEquals(0, verbose.exitCode(), verbose.describe());
            assertTrue(verbose.stderr().contains("INFO:  vacuuming \"postgres.public.ct\""), verbose.describe());
        }
    }

    @Test
    void reindexdbRebuildsIntoNewFiles() {
        String before = query(Target.TUSK, "select relfilenode from pg_class where relname = 'ct_pkey'");
        same("reindexdb", "postgres");
        String after = query(Target.TUSK, "select relfilenode from pg_class where relname = 'ct_pkey'");
        assertNotEquals(before, after, "REINDEX DATABASE gives the index a new file");
        same("reindexdb", "-a");
        same("reindexdb", "-t", "ct", "-i", "ct_b", "postgres");
        same("reindexdb", "-t", "ct", "-s", "postgres");
        same("reindexdb", "-S", "cts", "postgres");
        same("reindexdb", "-j", "2", "-S", "public", "postgres");
        same("reindexdb", "--concurrently", "-t", "ct", "postgres");
        same("reindexdb", "--tablespace", "pg_default", "-t", "ct", "postgres");
        same("reindexdb", "--tablespace", "ct_nosuch", "-t", "ct", "postgres");
        same("reindexdb", "-s", "postgres");
        same("reindexdb", "-t", "ct_nosuch", "postgres");
        same("reindexdb", "-i", "ct", "postgres");
        for (Target t : Target.values()) {
            CommandResult verbose = tool(t, "reindexdb", "-v", "-i", "ct_b", "postgres");
            assertEquals(0, verbose.exitCode(), verbose.describe());
            assertTrue(verbose.stderr().contains("INFO:  index \"ct_b\" was reindexed"), verbose.describe());
            assertEquals("0958", query(t, "select b from ct where b = '0958'"));
        }
    }

    @Test
    void clusterdbClustersByTheRememberedIndex() {
        same("clusterdb", "postgres"); // nothing clustered yet: nothing to do
        same("clusterdb", "-t", "ct", "postgres"); // no previously clustered index
        for (Target t : Target.values()) {
            query(t, "alter table ct cluster on ct_b");
        }
        same("clusterdb", "-t", "ct", "postgres");
        same("clusterdb", "-a");
        for (Target t : Target.values()) {
            assertEquals("300|0700\n299|0701", query(t, "select a, b from ct limit 2"), t.toString());
            assertEquals("ct_b", query(t, "select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid"
                    + " where i.indisclustered"), t.toString());
            CommandResult verbose = tool(t, "clusterdb", "-v", "-t", "ct", "postgres");
            assertEquals(0, verbose.exitCode(), verbose.describe());
            assertTrue(verbose.stderr().contains("INFO:  \"public.ct\": found 0 removable, 300 nonremovable row"
                    + " versions in"), verbose.describe());
            query(t, "alter table ct set without cluster");
        }
    }

    @Test
    void createAndDropToolsTakeTheirOptions() {
        same("createdb", "-T", "template0", "-E", "UTF8", "-O", "postgres", "ct_db", "a comment");
        same("createdb", "ct_db");
        same("createuser", "-d", "-r", "-l", "ct_u1");
        same("createuser", "-s", "-c", "5", "--no-login", "ct_u2");
        same("createuser", "ct_u1");
        for (Target t : Target.values()) {
            assertEquals("ct_u1|t|t|t|f|-1\nct_u2|t|t|f|t|5", query(t, "select rolname, rolcreatedb, rolcreaterole,"
                    + " rolcanlogin, rolsuper, rolconnlimit from pg_roles where rolname like 'ct\\_%' order by 1"));
            assertEquals("ct_db|UTF8|a comment", query(t, "select datname, pg_encoding_to_char(encoding),"
                    + " shobj_description(oid, 'pg_database') from pg_database where datname = 'ct_db'"));
        }
        same("dropuser", "ct_u1");
        same("dropuser", "--if-exists", "ct_u2");
        same("dropuser", "ct_nosuch");
        same("dropdb", "ct_db");
        same("dropdb", "--if-exists", "ct_db");
        same("dropdb", "ct_db");
    }

    /** Runs the tool against both servers: the same exit code and the same stderr. */
    private void same(String tool, String... args) {
        CommandResult reference = tool(Target.POSTGRESQL, tool, args);
        CommandResult r = tool(Target.TUSK, tool, args);
        String what = tool + " " + String.join(" ", args);
        assertEquals(reference.exitCode(), r.exitCode(), () -> what + "\nPostgreSQL:\n" + reference.describe()
                + "\nTusk:\n" + r.describe());
        assertEquals(reference.stderr(), r.stderr(), () -> what + "\nPostgreSQL:\n" + reference.describe()
                + "\nTusk:\n" + r.describe());
    }

    private CommandResult tool(Target t, String tool, String... args) {
        List<String> command = new ArrayList<>(List.of(PostgresReference.BIN.resolve(tool).toString(),
                "-h", servers.host(t.server), "-p", Integer.toString(servers.port(t.server)), "-U", "postgres"));
        command.addAll(List.of(args));
        return Commands.run(command, Map.of("PGCONNECT_TIMEOUT", "10"), Duration.ofMinutes(3));
    }

    private String query(Target t, String sql) {
        CommandResult r = Psql.run(Map.of(), "-h", servers.host(t.server), "-p",
                Integer.toString(servers.port(t.server)), "-U", "postgres", "-d", "postgres", "-At", "-c", sql);
        assertEquals(0, r.exitCode(), () -> sql + " on " + t + "\n" + r.describe());
        return r.stdout().strip();
    }
}

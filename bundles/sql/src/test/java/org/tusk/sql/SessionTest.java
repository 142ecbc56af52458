package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.BackendSignals;
import org.tusk.spi.SessionInfo;
import org.tusk.spi.SqlException;
import org.tusk.sql.engine.TuskSqlEngine;

/** Session set-up, settings sources, interrupts and time: what transcripts of one server cannot show. */
class SessionTest {

    private static String value(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("D ")).findFirst().orElseThrow().substring(2);
    }

    @Test
    void reportsPostgres15SettingsInOrderAtStartup() {
        Transcript t = new Transcript();
        assertEquals(List.of(Map.entry("application_name", ""), Map.entry("client_encoding", "UTF8"),
                Map.entry("DateStyle", "ISO, MDY"), Map.entry("default_transaction_read_only", "off"),
                Map.entry("in_hot_standby", "off"), Map.entry("integer_datetimes", "on"),
                Map.entry("IntervalStyle", "postgres"), Map.entry("is_superuser", "on"),
                Map.entry("server_encoding", "UTF8"), Map.entry("server_version", "15.0 (Tusk)"),
                Map.entry("session_authorization", "postgres"), Map.entry("standard_conforming_strings", "on"),
                Map.entry("TimeZone", "GMT")), t.session.reportedSettings());
        assertEquals('I', t.session.transactionStatus());
        assertEquals("150000", value(t.run("show server_version_num")));
    }

    @Test
    void serverSettingsSeedTheSessionAndStartupParametersOverrideThem() {
        Transcript t = new Transcript(
                Map.of("application_name", "psql", "DateStyle", "iso, dmy", "options",
                        "-c extra_float_digits=3 --statement-timeout=5s -cwork_mem=8MB"),
                Map.of("timezone", "Europe/Paris", "port", "5433", "max_connections", "20", "data_directory", "/x",
                        "extra_float_digits", "2", "listen_addresses", "*"));
        assertEquals("psql", t.session.reportedSettings().getFirst().getValue());
        assertEquals("Europe/Paris", value(t.run("show timezone")));
        assertEquals("5433", value(t.run("show port")));
        assertEquals("20", value(t.run("show max_connections")));
        assertEquals("*", value(t.run("show listen_addresses")));
        assertEquals("ISO, DMY", value(t.run("show datestyle")));
        assertEquals("3", value(t.run("show extra_float_digits")));
        assertEquals("5s", value(t.run("show statement_timeout")));
        assertEquals("8MB", value(t.run("show work_mem")));
        // RESET goes back to the session's starting value, not the built-in default.
        t.run("set extra_float_digits = 0; set application_name = 'x'");
        t.run("reset all");
        assertEquals("3", value(t.run("show extra_float_digits")));
        assertEquals("psql", value(t.run("show application_name")));
        assertEquals(List.of("T ?column?:1184:8:-1", "D 2020-06-01 14:00:00+02", "C SELECT 1", "Z I"),
                t.run("select timestamptz '2020-06-01 12:00:00Z' as \"?column?\""));
    }

    @Test
    void badStartupParametersAreFatal() {
        record Case(Map<String, String> startup, String sqlState, String message) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("foo", "1"), "42704", "unrecognized configuration parameter \"foo\""),
                new Case(Map.of("server_version", "1"), "55P02", "parameter \"server_version\" cannot be changed"),
                new Case(Map.of("port", "1"), "55P02",
                        "parameter \"port\" cannot be changed without restarting the server"),
                new Case(Map.of("datestyle", "xyz"), "22023", "invalid value for parameter \"DateStyle\": \"xyz\""),
                new Case(Map.of("options", "-c foo=1"), "42704", "unrecognized configuration parameter \"foo\""),
                new Case(Map.of("options", "-B 10"), "42601",
                        "invalid command-line argument for server process: -B"));
        for (Case c : cases) {
            SqlException e = assertThrows(SqlException.class, () -> new Transcript(c.startup(), Map.of()),
                    c.startup().toString());
            assertEquals("FATAL", e.fields().severity(), c.message());
            assertEquals(c.sqlState(), e.sqlState(), c.message());
            assertEquals(c.message(), e.getMessage());
        }
    }

    @Test
    void startupIgnoresConnectionKeysAndAcceptsCustomNames() {
        Transcript t = new Transcript(Map.of("user", "alice", "database", "db", "replication", "false",
                "my.flag", "on"), Map.of());
        assertEquals("on", value(t.run("show my.flag")));
    }

    @Test
    void pgSleepIsCanceledByACancelRequest() throws Exception {
        Transcript t = new Transcript();
        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(t.signals::requestCancel);
        long start = System.nanoTime();
        List<String> lines = t.run("select pg_sleep(10)");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        // As in PostgreSQL, RowDescription has gone out before the sleep starts.
        assertEquals(List.of("T pg_sleep:2278:4:-1", "E ERROR 57014 canceling statement due to user request @-",
                "Z I"), lines);
        // The session goes on.
        assertEquals("1", value(t.run("select 1")));
    }

    @Test
    void aCancelThatArrivesWhileIdleDoesNotCancelTheNextQuery() {
        Transcript t = new Transcript();
        t.signals.requestCancel();
        assertEquals(List.of("T pg_sleep:2278:4:-1", "D", "C SELECT 1", "Z I"), t.run("select pg_sleep(0.01)"));
    }

    @Test
    void pgSleepEndsTheSessionOnTerminate() {
        BackendSignals signals = new BackendSignals();
        var session = new TuskSqlEngine().openSession(new SessionInfo("u", "d", Map.of(), Map.of(), signals));
        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(signals::requestTerminate);
        SqlException e = assertThrows(SqlException.class, () -> session.executeSimpleQuery("select pg_sleep(10)",
                new Transcript()));
        assertEquals("FATAL", e.fields().severity());
        assertEquals("57P01", e.sqlState());
        assertEquals("terminating connection due to administrator command", e.getMessage());
    }

    @Test
    void statementTimeoutCancelsPgSleep() {
        Transcript t = new Transcript();
        assertEquals(List.of("C SET", "T pg_sleep:2278:4:-1",
                "E ERROR 57014 canceling statement due to statement timeout @-", "Z I"),
                t.run("set statement_timeout = 50; select pg_sleep(5)"));
        // The SET was part of the failed implicit transaction, so it was undone.
        assertEquals("0", value(t.run("show statement_timeout")));
    }

    @Test
    void transactionTimestampIsFixedWithinATransaction() throws Exception {
        Transcript t = new Transcript();
        t.run("begin");
        String first = value(t.run("select now()"));
        Thread.sleep(5);
        assertEquals(first, value(t.run("select current_timestamp")));
        assertEquals(first, value(t.run("select transaction_timestamp()")));
        assertNotEquals(first, value(t.run("select clock_timestamp()")));
        t.run("commit");
        Thread.sleep(5);
        assertNotEquals(first, value(t.run("select now()")));
        String[] two = value(t.run("select now(), now()")).split("\\|");
        assertEquals(two[0], two[1]);
        assertTrue(first.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?\\+00"), first);
    }

    @Test
    void versionIsHonest() {
        List<String> lines = new Transcript().run("select version()");
        assertEquals("T version:25:-1:-1", lines.getFirst());
        assertTrue(value(lines).matches("PostgreSQL 15\\.0 \\(Tusk 0\\.1\\.0\\) on .+, compiled by Java "
                + Runtime.version().feature() + ", 64-bit"), value(lines));
    }

    @Test
    void showAllListsEverySettingWithDescriptions() {
        List<String> lines = new Transcript().run("show all");
        assertEquals("T name:25:-1:-1,setting:25:-1:-1,description:25:-1:-1", lines.getFirst());
        assertTrue(lines.contains("D DateStyle|ISO, MDY|Sets the display format for date and time values."));
        assertTrue(lines.contains("D server_version|15.0 (Tusk)|Shows the server version."));
        assertEquals("C SHOW", lines.get(lines.size() - 2));
        List<String> names = lines.stream().filter(l -> l.startsWith("D ")).map(l -> l.split("\\|")[0]).toList();
        assertEquals(names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), names);
    }

    @Test
    void unsupportedStatementsNameThemselvesAndTheSessionGoesOn() {
        String[][] cases = {
            {"create table t (a int)", "CREATE TABLE"},
            {"CREATE UNIQUE INDEX i ON t (a)", "CREATE INDEX"},
            {"create or replace function f() returns int as $$ select 1; $$ language sql", "CREATE FUNCTION"},
            {"create temp table t2 (a int)", "CREATE TABLE"},
            {"create materialized view v as select 1", "CREATE MATERIALIZED VIEW"},
            {"create foreign data wrapper w", "CREATE FOREIGN DATA WRAPPER"},
            {"drop table t", "DROP TABLE"},
            {"drop index if exists i", "DROP INDEX"},
            {"alter table t add column b int", "ALTER TABLE"},
            {"prepare transaction 'x'", "PREPARE TRANSACTION"},
            {"truncate t", "TRUNCATE TABLE"},
            {"grant select on t to public", "GRANT"},
            {"vacuum", "VACUUM"},
            {"cluster t", "CLUSTER"},
            {"reindex table t", "REINDEX"},
        };
        for (String[] c : cases) {
            Transcript t = new Transcript();
            assertEquals(List.of("E ERROR 0A000 " + c[1] + " is not supported yet @1", "Z I"), t.run(c[0]), c[0]);
            assertEquals("1", value(t.run("select 1")));
        }
        // Refused when it would run, like any execution error: what comes before has run, nothing after.
        Transcript t = new Transcript();
        assertEquals(List.of("T ?column?:23:4:-1", "D 1", "C SELECT 1",
                "E ERROR 0A000 CREATE TABLE is not supported yet @11", "Z I"),
                t.run("select 1; create table t (a int); select 2"));
        t.run("begin");
        assertEquals(List.of("E ERROR 0A000 TRUNCATE TABLE is not supported yet @1", "Z E"), t.run("truncate t"));
        assertEquals(List.of("C ROLLBACK", "Z I"), t.run("commit"));
    }

    @Test
    void otherUnsupportedSyntaxIsReportedAsSuch() {
        String[][] cases = {
            {"set datestyle = 'ISO, German'", "E ERROR 22023 invalid value for parameter \"DateStyle\": "
                    + "\"ISO, German\" @- D Conflicting \"datestyle\" specifications."},
            {"set client_encoding = 'latin1'", "E ERROR 22023 invalid value for parameter \"client_encoding\": "
                    + "\"latin1\" @-"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], new Transcript().run(c[0]).getFirst(), c[0]);
        }
    }

    @Test
    void noticesCarryWarningSeverity() {
        Transcript t = new Transcript();
        List<ErrorFields> notices = new java.util.ArrayList<>();
        t.session.executeSimpleQuery("commit", new Transcript() {
            @Override
            public void notice(ErrorFields notice) {
                notices.add(notice);
            }
        });
        assertEquals(1, notices.size());
        assertEquals("WARNING", notices.getFirst().get(ErrorFields.SEVERITY_NONLOCALIZED));
    }

    @Test
    void crashInjectionIsRefusedUnlessEnabledAndThenEscapesEveryLayer() {
        List<String> refused = new Transcript().run("select tusk_debug_crash_backend()");
        assertTrue(refused.stream().anyMatch(l -> l.contains("55000") && l.contains("fault injection is not enabled")),
                refused.toString());
        Transcript enabled = new Transcript(Map.of(), Map.of("tusk.debug_fault_injection", "on"));
        InternalError e = assertThrows(InternalError.class, () -> enabled.run("select tusk_debug_crash_backend()"));
        assertEquals("backend crash injected by tusk_debug_crash_backend()", e.getMessage());
    }

    @Test
    void pgBackendPidIsTheAnnouncedProcessId() {
        var session = new TuskSqlEngine().openSession(new SessionInfo("u", "d", Map.of(), Map.of(), null, 4242));
        List<String> lines = new java.util.ArrayList<>();
        session.executeSimpleQuery("select pg_backend_pid()", new org.tusk.spi.ResultSink() {
            @Override
            public void rowDescription(List<org.tusk.protocol.ColumnDescription> columns) {
                lines.add("T " + columns.get(0).name() + ":" + columns.get(0).typeOid());
            }

            @Override
            public void dataRow(byte[][] values) {
                lines.add("D " + new String(values[0], java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public void commandComplete(String tag) {
                lines.add("C " + tag);
            }

            @Override
            public void emptyQuery() {
            }

            @Override
            public void notice(ErrorFields notice) {
            }

            @Override
            public void parameterStatus(String name, String value) {
            }
        });
        assertEquals(List.of("T pg_backend_pid:23", "D 4242", "C SELECT 1"), lines);
    }

    @Test
    void withoutStorageDmlFindsNoTable() {
        Transcript t = new Transcript();
        assertEquals(List.of("E ERROR 42P01 relation \"t\" does not exist @13", "Z I"), t.run("insert into t values (1)"));
        assertEquals(List.of("E ERROR 42P01 relation \"s.t\" does not exist @8", "Z I"), t.run("update s.t set a = 1"));
        assertEquals(List.of("E ERROR 42P01 relation \"t\" does not exist @13", "Z I"), t.run("delete from t x where a = 1"));
        assertEquals(List.of("E ERROR 42601 syntax error at or near \"where\" @14", "Z I"), t.run("update t set where"));
    }
}

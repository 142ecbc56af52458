package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ALTER ROLE/DATABASE ... SET on the real storage engine: the settings are rows of pg_db_role_setting, changed
 * transactionally, and a new session starts with them (database, then role, then role in database, and the
 * startup packet over all), while the session that ran the ALTER keeps its values.
 */
class RoleSettingsOnStorageTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void newSessionStartsWithTheSettingsInPostgresOrder() {
        Transcript a = cluster.transcript();
        a.run("create role rs1 login");
        a.run("create database rsdb");
        assertEquals(List.of("C ALTER DATABASE", "Z I"), a.run("alter database rsdb set work_mem = '1MB'"));
        a.run("alter database rsdb set statement_timeout = '10s'");
        assertEquals(List.of("C ALTER ROLE", "Z I"), a.run("alter role rs1 set statement_timeout = '20s'"));
        a.run("alter user rs1 set search_path = a, \"B\"");
        a.run("alter role rs1 in database rsdb set search_path to c");
        a.run("alter role rs1 set lock_timeout = 5");
        assertEquals("4MB", a.rowsOf("show work_mem"));
        Transcript b = new Transcript(cluster.engine(), "rsdb", "rs1");
        assertEquals("1MB|database;20s|user;c|database user;5ms|user",
                b.rowsOf("select setting || case when unit is null then '' else unit end, source from pg_settings"
                        + " where name in ('work_mem', 'statement_timeout', 'search_path', 'lock_timeout')"
                        + " order by name = 'lock_timeout', name desc").replace("1024kB", "1MB")
                        .replace("20000ms", "20s"));
        b.run("set work_mem = '2MB'");
        b.run("reset work_mem");
        assertEquals("1MB", b.rowsOf("show work_mem"));
        // the startup packet's options win over every stored setting
        Transcript c = new Transcript(cluster.engine(), "rsdb", "rs1", Map.of("options", "-c search_path=d"));
        assertEquals("d|client", c.rowsOf("select setting, source from pg_settings where name = 'search_path'"));
        Transcript d = new Transcript(cluster.engine(), "postgres", "rs1");
        assertEquals("a, \"B\"", d.rowsOf("show search_path"));
        assertEquals("default", d.rowsOf("select source from pg_settings where name = 'work_mem'"));
    }

    @Test
    void settingsAreStoredTransactionallyAndResetRemovesThem() {
        Transcript a = cluster.transcript();
        a.run("create role rs2");
        a.run("begin");
        a.run("alter role rs2 set work_mem = '3MB'");
        a.run("rollback");
        assertEquals("0", a.rowsOf("select count(*) from pg_db_role_setting"));
        a.run("alter role rs2 set work_mem = '3MB'; alter role rs2 set enable_seqscan = off");
        a.run("alter role rs2 set work_mem = '4MB'");
        assertEquals("{work_mem=4MB,enable_seqscan=off}",
                a.rowsOf("select setconfig from pg_db_role_setting where setdatabase = 0"));
        a.run("alter role rs2 reset work_mem");
        assertEquals("{enable_seqscan=off}", a.rowsOf("select setconfig from pg_db_role_setting"));
        a.run("alter role rs2 reset all");
        assertEquals("0", a.rowsOf("select count(*) from pg_db_role_setting"));
        a.run("alter role rs2 set work_mem = '3MB'");
        a.run("drop role rs2");
        assertEquals("0", a.rowsOf("select count(*) from pg_db_role_setting"));
    }

    @Test
    void valuesAndPrivilegesAreCheckedAsPostgresChecksThem() {
        Transcript a = cluster.transcript();
        a.run("create role rs3; create role rs4");
        assertEquals("E ERROR 42704 unrecognized configuration parameter \"nosuch\" @-",
                a.rowsOf("alter role rs3 set nosuch = 1"));
        assertEquals("E ERROR 42704 role \"nosuch\" does not exist @-",
                a.rowsOf("alter role nosuch set work_mem = '1MB'"));
        assertEquals("E ERROR 3D000 database \"nosuch\" does not exist @-",
                a.rowsOf("alter database nosuch set work_mem = '1MB'"));
        a.run("set role rs3");
        assertEquals(List.of("C ALTER ROLE", "Z I"), a.run("alter role rs3 set work_mem = '1MB'"));
        assertEquals("E ERROR 42501 permission denied @-", a.rowsOf("alter role rs4 set work_mem = '1MB'"));
        assertEquals("E ERROR 42501 permission denied to set parameter \"session_replication_role\" @-",
                a.rowsOf("alter role rs3 set session_replication_role = replica"));
        assertEquals("E ERROR 42501 must be superuser to alter settings globally @-",
                a.rowsOf("alter role all set work_mem = '1MB'"));
        assertEquals("E ERROR 42501 must be owner of database postgres @-",
                a.rowsOf("alter database postgres set work_mem = '1MB'"));
    }
}

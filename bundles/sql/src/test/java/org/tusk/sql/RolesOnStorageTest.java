package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.spi.Role;
import org.tusk.spi.SqlException;
import org.tusk.sql.roles.CatalogRoleDirectory;

/** Roles, memberships, ACLs and privilege checks on the real storage engine, across sessions. */
class RolesOnStorageTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();


    private static String rows(List<String> lines) {
        return String.join(";", lines.stream().filter(l -> l.startsWith("D ") || l.startsWith("E ")).toList());
    }

    @Test
    void createdRoleIsStoredWithScramPasswordAndSeenByOtherSessionsAfterCommit() {
        Transcript a = cluster.transcript();
        Transcript b = cluster.transcript();
        a.run("begin");
        assertEquals(List.of("C CREATE ROLE", "Z T"), a.run("create user u1 password 'pw' connection limit 2"));
        assertEquals("", rows(b.run("select rolname from pg_authid where rolname = 'u1'")));
        a.run("commit");
        assertEquals("D u1|t|f|2|t", rows(b.run("select rolname, rolcanlogin, rolsuper, rolconnlimit,"
                + " rolpassword like 'SCRAM-SHA-256$4096:%' from pg_authid where rolname = 'u1'")));
        // a rolled-back CREATE ROLE leaves nothing
        a.run("begin");
        a.run("create role u2");
        a.run("rollback");
        assertEquals("D 0", rows(b.run("select count(*) from pg_authid where rolname = 'u2'")));
        assertEquals(List.of("E ERROR 42710 role \"u1\" already exists @-", "Z I"), b.run("create role u1"));
    }

    @Test
    void privilegesAreCheckedForTheCurrentRoleEvenWithCachedPlans() {
        Transcript a = cluster.transcript();
        a.run("create role r1; create table t (x int); insert into t values (1)");
        a.run("prepare q as select x from t");
        assertEquals("D 1", rows(a.run("execute q")));
        a.run("set role r1");
        assertEquals("E ERROR 42501 permission denied for table t @-", rows(a.run("execute q")));
        assertEquals("E ERROR 42501 permission denied for table t @-", rows(a.run("insert into t values (2)")));
        a.run("reset role");
        a.run("grant select, insert on t to r1");
        a.run("set role r1");
        assertEquals("D 1", rows(a.run("execute q")));
        assertEquals(List.of("C INSERT 0 1", "Z I"), a.run("insert into t values (2)"));
        assertEquals("E ERROR 42501 permission denied for table t @-", rows(a.run("delete from t")));
        a.run("reset role");
        a.run("revoke insert on t from r1");
        assertEquals("D {postgres=arwdDxt/postgres,r1=r/postgres}",
                rows(a.run("select relacl from pg_class where relname = 't'")));
        assertEquals("D t|f", rows(a.run("select has_table_privilege('r1', 't', 'select'),"
                + " has_table_privilege('r1', 't', 'insert')")));
    }

    @Test
    void membershipGivesPrivilegesOnlyThroughInheritingRoles() {
        Transcript a = cluster.transcript();
        a.run("create role grp; create role inh in role grp; create role noinh noinherit in role grp");
        a.run("create table t (x int); grant select on t to grp");
        a.run("set role inh");
        assertEquals(List.of("T x:23:4:-1", "C SELECT 0", "Z I"), a.run("select * from t"));
        a.run("reset role");
        a.run("set role noinh");
        assertEquals("E ERROR 42501 permission denied for table t @-", rows(a.run("select * from t")));
        // but it may become the group, which has the privilege
        a.run("set role grp");
        assertEquals(List.of("T x:23:4:-1", "C SELECT 0", "Z I"), a.run("select * from t"));
        a.run("reset role");
        // SET ROLE asks whether the session user is a member: inh is not a member of noinh
        a.run("set session authorization inh");
        assertEquals("E ERROR 42501 permission denied to set role \"noinh\" @-", rows(a.run("set role noinh")));
        assertEquals("", rows(a.run("set role grp")));
        assertEquals("D grp|inh", rows(a.run("select current_user, session_user")));
    }

    @Test
    void ownersAndObjectsKeepARoleFromBeingDropped() {
        Transcript a = cluster.transcript();
        a.run("create role o; create table t (x int); grant all on t to o");
        assertEquals("E ERROR 2BP01 role \"o\" cannot be dropped because some objects depend on it @-"
                + " D privileges for table t", rows(a.run("drop role o")));
        a.run("revoke all on t from o");
        assertEquals(List.of("C DROP ROLE", "Z I"), a.run("drop role o"));
    }

    @Test
    void ddlNeedsOwnershipAndLoginNeedsConnect() {
        Transcript a = cluster.transcript();
        a.run("create role c login; create table t (x int); grant all on t to c");
        Transcript c = new Transcript(cluster.engine(), "postgres", "c");
        assertEquals("E ERROR 42501 must be owner of table t @-", rows(c.run("drop table t")));
        assertEquals("E ERROR 42501 must be owner of table t @-", rows(c.run("alter table t add column y int")));
        assertEquals("E ERROR 42501 permission denied for schema public @14", rows(c.run("create table u (x int)")));
        a.run("create schema s; grant create, usage on schema s to c");
        assertEquals("", rows(c.run("create table s.u (x int)")));
        assertEquals("", rows(c.run("drop table s.u")));
        a.run("revoke connect on database postgres from public");
        SqlException refused = assertThrows(SqlException.class, () -> new Transcript(cluster.engine(), "postgres", "c"));
        assertEquals("FATAL", refused.fields().severity());
        assertEquals("permission denied for database \"postgres\"", refused.fields().message());
        a.run("grant connect on database postgres to c");
        assertEquals("D c", rows(new Transcript(cluster.engine(), "postgres", "c").run("select current_user")));
    }

    @Test
    void joinedRelationsNeedSelectSchemasTheirOwnerAndLoginSetsIsSuperuser() {
        Transcript a = cluster.transcript();
        a.run("create role j login; create table mine (x int); create table secret (x int); create schema s2");
        a.run("insert into mine values (1); insert into secret values (1); grant all on mine to j");
        Transcript j = new Transcript(cluster.engine(), "postgres", "j");
        assertEquals("D off", rows(j.run("show is_superuser")));
        assertEquals("D on", rows(a.run("show is_superuser")));
        assertEquals("E ERROR 42501 permission denied for table secret @-",
                rows(j.run("update mine set x = secret.x from secret where mine.x = secret.x")));
        assertEquals("E ERROR 42501 permission denied for table secret @-",
                rows(j.run("delete from mine using secret where mine.x = secret.x")));
        assertEquals("E ERROR 42501 must be owner of table mine @-", rows(j.run("comment on table mine is 'm'")));
        assertEquals("E ERROR 42501 must be owner of schema s2 @-", rows(j.run("comment on schema s2 is 's'")));
        assertEquals("E ERROR 42501 must be owner of schema s2 @-", rows(j.run("drop schema s2")));
        a.run("grant select on secret to j");
        assertEquals(List.of("C UPDATE 1", "Z I"), j.run("update mine set x = secret.x from secret where mine.x = secret.x"));
        assertEquals(List.of("C DROP SCHEMA", "Z I"), a.run("drop schema s2"));
    }

    @Test
    void sequenceGrantsAreCheckedByNextvalCurrvalAndSetval() {
        Transcript a = cluster.transcript();
        a.run("create role q; create table s (id serial, v int); grant insert, select on s to q");
        a.run("set role q");
        assertEquals("E ERROR 42501 permission denied for sequence s_id_seq @-",
                rows(a.run("insert into s (v) values (1)")));
        a.run("reset role");
        a.run("grant usage on sequence s_id_seq to q");
        assertEquals("D {postgres=rwU/postgres,q=U/postgres}",
                rows(a.run("select relacl from pg_class where relname = 's_id_seq'")));
        a.run("set role q");
        assertEquals("D 1", rows(a.run("insert into s (v) values (1) returning id")));
        assertEquals("D 1", rows(a.run("select currval('s_id_seq')")));
        assertEquals("E ERROR 42501 permission denied for sequence s_id_seq @-",
                rows(a.run("select setval('s_id_seq', 5)")));
        a.run("reset role");
        assertEquals("D t|f", rows(a.run("select has_sequence_privilege('q', 's_id_seq', 'usage'),"
                + " has_sequence_privilege('q', 's_id_seq', 'update')")));
        a.run("revoke all on sequence s_id_seq from q");
        assertEquals("D {postgres=rwU/postgres}", rows(a.run("select relacl from pg_class where relname = 's_id_seq'")));
    }

    @Test
    void connectionLimitCountsTheRolesOtherSessions() {
        Transcript a = cluster.transcript();
        a.run("create role lim login connection limit 1");
        Transcript first = new Transcript(cluster.engine(), "postgres", "lim", 4001);
        SqlException refused = assertThrows(SqlException.class, () -> new Transcript(cluster.engine(), "postgres", "lim", 4002));
        assertEquals("FATAL", refused.fields().severity());
        assertEquals("53300", refused.fields().sqlState());
        assertEquals("too many connections for role \"lim\"", refused.fields().message());
        first.session.close();
        Transcript second = new Transcript(cluster.engine(), "postgres", "lim", 4003);
        assertEquals("D lim", rows(second.run("select current_user")));
        a.run("alter role lim connection limit -1");
        assertEquals("D lim", rows(new Transcript(cluster.engine(), "postgres", "lim", 4004).run("select current_user")));
    }

    @Test
    void directoryReadsPgAuthidAndBootstrapsFromInitdbsFile(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("global"));
        Files.writeString(data.resolve("global/tusk_authid"), "# comment\nboss\tt\tt\tSCRAM-SHA-256$4096:"
                + "eeUCsvmeG6/B2hV6nK0F2w==$I3VoUyKYf+rG+HhY3XR77hRIc5yyDS6OND0Wi1p9Tgg="
                + ":Z6AHSXySZcla26WvqTsYAZD91AA8tbrcTL4+DXdd48s=\n");
        CatalogRoleDirectory roles = new CatalogRoleDirectory(cluster.storage(), data);
        Optional<Role> boss = roles.find("boss");
        assertTrue(boss.isPresent());
        assertTrue(boss.get().superuser());
        assertTrue(boss.get().passwordVerifier().orElseThrow().startsWith("SCRAM-SHA-256$4096:eeUC"));
        assertFalse(roles.find("nobody").isPresent());
        Transcript a = new Transcript(cluster.engine(), "postgres", "boss");
        assertEquals("D boss", rows(a.run("select rolname from pg_authid where oid = 10")));
        a.run("create role app login password 'x' valid until 'infinity'; create role gone login password 'x'"
                + " valid until '2000-01-01'");
        Role app = roles.find("app").orElseThrow();
        assertTrue(app.canLogin());
        assertFalse(app.superuser());
        assertTrue(app.passwordVerifier().isPresent());
        // an expired password is not offered to the password methods
        assertEquals(Optional.empty(), roles.find("gone").orElseThrow().passwordVerifier());
        a.run("alter role app nologin");
        assertFalse(roles.find("app").orElseThrow().canLogin());
        a.run("drop role app");
        assertFalse(roles.find("app").isPresent());
    }
}

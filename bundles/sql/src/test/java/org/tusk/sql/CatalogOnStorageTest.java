package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.spi.SessionInfo;
import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.BootstrapData;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.catalog.SystemViews;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.StorageAccess;
import org.tusk.storage.access.StorageSession;
import org.tusk.storage.access.Table;

/**
 * The catalogs and DDL on the real storage engine (in a temporary directory, without OSGi): bootstrap,
 * transactional DDL, cache invalidation between backends, index builds over stored rows, sequences
 * that survive a rollback.
 */
class CatalogOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster(Map.of("max_connections", "20"));

    static int pids = 100;

    /** The sessions a test opened, closed after it (each holds a backend slot of the storage). */
    private final List<Transcript> open = new java.util.ArrayList<>();

    private Transcript session() {
        Transcript t = cluster.transcript();
        open.add(t);
        return t;
    }

    @org.junit.jupiter.api.AfterEach
    void closeSessions() throws Exception {
        for (Transcript t : open) {
            t.session.close();
        }
    }

    /** Runs {@code work} in a transaction of a fresh backend of database postgres. */
    private static <T> T inTransaction(java.util.function.Function<BackendDatabase, T> work) {
        StorageSession s = ((StorageAccess) cluster.storage()).openSession(pids++);
        try {
            BackendDatabase db = BackendDatabase.connect(s, "postgres", "postgres", () -> "\"$user\", public");
            s.begin(Isolation.READ_COMMITTED);
            s.startStatement();
            db.statementStarted();
            T result = work.apply(db);
            s.commit();
            return result;
        } finally {
            s.close();
        }
    }

    private static Relation lookup(String name) {
        return inTransaction(db -> db.catalog().lookup(null, name));
    }

    @Test
    void bootstrapRows() {
        BootstrapData data = new BootstrapData("postgres");
        inTransaction(db -> {
            CatalogTables local = db.catalog().tables();
            assertEquals(java.util.stream.Stream.concat(data.namespaces().stream().map(r -> r[1]),
                    java.util.stream.Stream.of("information_schema")).toList(),
                    local.rows(CatalogDefinitions.PG_NAMESPACE, r -> true).stream().map(r -> r.text("nspname"))
                            .toList());
            assertEquals(data.relations().size() + SystemViews.ALL.size()
                    + org.tusk.sql.catalog.InformationSchema.VIEWS.size(), local.rows(CatalogDefinitions.PG_CLASS,
                    r -> Integer.compareUnsigned(r.oid("oid"), 16384) < 0).size());
            assertEquals(BootstrapData.functions().size(), local.rows(CatalogDefinitions.PG_PROC, r -> true).size());
            List<CatalogRow> databases = new CatalogTables(db.storage(), 0).rows(CatalogDefinitions.PG_DATABASE,
                    r -> true);
            assertEquals(List.of("template1", "template0", "postgres"), databases.stream()
                    .map(r -> r.text("datname")).toList());
            assertEquals(List.of(true, false, true), databases.stream().map(r -> r.bool("datallowconn")).toList());
            return null;
        });
    }

    @Test
    void unknownDatabaseIsFatal() {
        SqlException e = assertThrows(SqlException.class, () -> cluster.engine().openSession(new SessionInfo("postgres",
                "nosuch", Map.of(), Map.of(), null, pids++)));
        assertEquals("FATAL", e.fields().severity());
        assertEquals("3D000", e.sqlState());
    }

    @Test
    void ddlIsTransactional() {
        Transcript t = session();
        t.run("begin; create table tx_a (a int not null)");
        assertNull(lookup("tx_a"), "not committed: invisible to others");
        t.run("rollback");
        assertNull(lookup("tx_a"));
        assertEquals(List.of("E ERROR 42P01 table \"tx_a\" does not exist @-", "Z I"), t.run("drop table tx_a"));
        t.run("create table tx_a (a int not null)");
        t.run("begin; drop table tx_a");
        assertEquals(List.of("E ERROR 42P01 table \"tx_a\" does not exist @-", "Z E"), t.run("drop table tx_a"));
        t.run("rollback");
        Relation a = lookup("tx_a");
        assertNotNull(a);
        // TRUNCATE rolled back keeps the rows.
        inTransaction(db -> {
            Table table = db.storage().openTable(a.storage(), a.shape());
            table.insert(new Object[] {1});
            table.insert(new Object[] {2});
            return null;
        });
        t.run("begin; truncate tx_a; rollback");
        assertEquals(2, rows(lookup("tx_a")));
        t.run("truncate tx_a");
        assertEquals(0, rows(lookup("tx_a")));
        t.run("drop table tx_a");
    }

    private static int rows(Relation r) {
        return inTransaction(db -> {
            int n = 0;
            try (var scan = db.storage().openTable(r.storage(), r.shape()).scan()) {
                while (scan.next() != null) {
                    n++;
                }
            }
            return n;
        });
    }

    @Test
    void anotherBackendSeesCommittedDdl() {
        Transcript a = session();
        Transcript b = session();
        assertEquals(List.of("E ERROR 42P01 table \"seen\" does not exist @-", "Z I"), a.run("drop table seen"));
        b.run("create table seen (x int)");
        assertEquals(List.of("C DROP TABLE", "Z I"), a.run("drop table seen"));
        assertEquals(List.of("E ERROR 42P01 table \"seen\" does not exist @-", "Z I"), b.run("drop table seen"));
    }

    @Test
    void uniqueIndexBuildFindsDuplicates() {
        Transcript t = session();
        t.run("create table dup (a int not null, b text)");
        Relation dup = lookup("dup");
        inTransaction(db -> {
            Table table = db.storage().openTable(dup.storage(), dup.shape());
            table.insert(new Object[] {1, "x"});
            table.insert(new Object[] {2, "y"});
            table.insert(new Object[] {1, "z"});
            return null;
        });
        assertEquals(List.of("E ERROR 23505 could not create unique index \"dup_pkey\" @- D Key (a)=(1) is duplicated.",
                "Z I"), t.run("alter table dup add primary key (a)"));
        assertNull(lookup("dup").primaryKey());
        assertEquals(List.of("C CREATE INDEX", "Z I"), t.run("create index on dup (b)"));
        assertEquals(List.of("C ALTER TABLE", "Z I"), t.run("alter table dup add column c int default 5"));
        assertEquals(3, rows(lookup("dup")));
        t.run("drop table dup");
    }

    @Test
    void sequencesSurviveRollback() {
        Transcript t = session();
        t.run("create sequence sq");
        assertEquals("D 1", t.run("select nextval('sq')").get(1));
        t.run("begin");
        assertEquals("D 2", t.run("select nextval('sq')").get(1));
        t.run("rollback");
        assertEquals("D 3", session().run("select nextval('sq')").get(1));
        // A sequence created in the same transaction is advanced in it.
        t.run("begin; create sequence sq2");
        assertEquals("D 1", t.run("select nextval('sq2')").get(1));
        assertEquals("D 2|3", t.run("select nextval('sq2'), nextval('sq2')").get(1));
        t.run("commit");
        assertEquals("D 4", t.run("select nextval('sq2')").get(1));
        t.run("drop sequence sq, sq2");
    }

    @Test
    void constraintsAddedToRowsAreValidated() {
        Transcript t = session();
        t.run("create table v_a (id int primary key); create table v_b (x int, y int)");
        Relation a = lookup("v_a");
        Relation b = lookup("v_b");
        inTransaction(db -> {
            db.storage().openTable(a.storage(), a.shape()).insert(new Object[] {1});
            Table tb = db.storage().openTable(b.storage(), b.shape());
            tb.insert(new Object[] {1, 5});
            tb.insert(new Object[] {null, -1});
            tb.insert(new Object[] {2, 3});
            return null;
        });
        assertEquals(List.of("E ERROR 23503 insert or update on table \"v_b\" violates foreign key constraint "
                + "\"v_b_x_fkey\" @- D Key (x)=(2) is not present in table \"v_a\".", "Z I"),
                t.run("alter table v_b add foreign key (x) references v_a"));
        assertEquals(List.of("E ERROR 23514 check constraint \"v_b_y_check\" of relation \"v_b\" is violated by some row "
                + "@-", "Z I"), t.run("alter table v_b add check (y > 0)"));
        assertEquals(List.of("C ALTER TABLE", "Z I"), t.run("alter table v_b add check (y > -5)"));
        t.run("drop table v_a, v_b");
    }

    @Test
    void concurrentCreatesOfOneNameTakeTurns() throws Exception {
        Transcript a = session();
        Transcript b = session();
        a.run("begin; create table race (x int)");
        java.util.concurrent.CompletableFuture<List<String>> second = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> b.run("create table race (y int)"));
        Thread.sleep(200);
        a.run("commit");
        assertEquals(List.of("E ERROR 42P07 relation \"race\" already exists @-", "Z I"),
                second.get(30, java.util.concurrent.TimeUnit.SECONDS));
        a.run("drop table race");
    }

    @Test
    void createDatabaseCopiesTheTemplate() throws Exception {
        Transcript t = session();
        assertEquals(List.of("C CREATE DATABASE", "Z I"), t.run("create database copied"));
        Transcript other = new Transcript(cluster.engine(), "copied");
        assertEquals(List.of("C CREATE TABLE", "Z I"), other.run("create table only_here (a int)"));
        assertEquals(List.of("E ERROR 42P01 table \"only_here\" does not exist @-", "Z I"),
                t.run("drop table only_here"));
        other.session.close();
        assertEquals(List.of("C DROP DATABASE", "Z I"), t.run("drop database copied"));
        SqlException e = assertThrows(SqlException.class, () -> cluster.engine().openSession(new SessionInfo("postgres",
                "copied", Map.of(), Map.of(), null, pids++)));
        assertEquals("3D000", e.sqlState());
    }
}

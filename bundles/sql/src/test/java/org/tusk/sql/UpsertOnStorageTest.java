package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.sql.engine.TuskSqlEngine;
import org.tusk.storage.cluster.SharedStorageService;

/**
 * INSERT ... ON CONFLICT on the real storage engine: the results one session sees, and two sessions
 * upserting the same new key, where the second waits for the first (the B-tree's unique check) and
 * then updates or skips, or under REPEATABLE READ fails with 40001, as in PostgreSQL 15.
 */
class UpsertOnStorageTest {
    @TempDir
    Path dir;
    private SharedStorageService storage;
    private TuskSqlEngine engine;

    @BeforeEach
    void start() {
        storage = new SharedStorageService();
        storage.start(dir, Map.of("shared_buffers", "16MB", "max_connections", "10"));
        engine = new TuskSqlEngine(storage);
    }

    @AfterEach
    void stop() {
        storage.stop();
    }

    private Transcript session() {
        return new Transcript(engine, "postgres");
    }

    @Test
    void doNothingDoUpdateReturningAndTag() {
        Transcript t = session();
        t.run("create table kv (k int primary key, v text, n int default 0)");
        assertEquals(List.of("C INSERT 0 2", "Z I"), t.run("insert into kv values (1, 'a', 1), (2, 'b', 2)"));
        assertEquals(List.of("C INSERT 0 1", "Z I"),
                t.run("insert into kv values (1, 'x'), (3, 'c') on conflict do nothing"));
        assertEquals(List.of("T k:23:4:-1,n:23:4:-1", "D 1|11", "D 4|0", "C INSERT 0 2", "Z I"),
                t.run("insert into kv as x values (1, 'y', 10), (4, 'd') on conflict (k) do update "
                        + "set n = x.n + excluded.n returning k, n"));
        assertEquals(List.of("C INSERT 0 0", "Z I"),
                t.run("insert into kv values (2, 'z') on conflict on constraint kv_pkey do update set v = 'no' "
                        + "where kv.n > 100"));
        assertEquals(List.of("E ERROR 21000 ON CONFLICT DO UPDATE command cannot affect row a second time @- "
                + "H Ensure that no rows proposed for insertion within the same command have duplicate constrained "
                + "values.", "Z I"), t.run("insert into kv values (5, 'e'), (5, 'f') on conflict (k) do update set n = 1"));
        assertEquals(List.of("E ERROR 42P10 there is no unique or exclusion constraint matching the ON CONFLICT "
                + "specification @-", "Z I"), t.run("insert into kv values (5) on conflict (v) do nothing"));
    }

    /** Runs {@code sql} in {@code t} on a thread of its own. */
    private static CompletableFuture<List<String>> async(Transcript t, String sql, Thread[] thread) {
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        thread[0] = Thread.ofPlatform().start(() -> {
            try {
                result.complete(t.run(sql));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Returns once {@code thread} waits for another transaction to end (a lock wait; no sleeping). */
    private static void awaitLockWait(Thread thread, CompletableFuture<?> result) {
        while (!result.isDone() && Arrays.stream(thread.getStackTrace())
                .noneMatch(f -> f.getMethodName().equals("waitForTransaction"))) {
            Thread.onSpinWait();
        }
        assertTrue(!result.isDone(), "the second upserter waits for the first");
    }

    @Test
    void secondUpserterOfANewKeyWaitsThenUpdatesOrSkips() throws Exception {
        Transcript a = session();
        Transcript b = session();
        a.run("create table cnt (k int primary key, n int)");
        Thread[] thread = new Thread[1];

        // DO UPDATE: B waits for A's uncommitted row, then updates it instead of failing with 23505.
        a.run("begin");
        assertEquals(List.of("C INSERT 0 1", "Z T"),
                a.run("insert into cnt values (1, 1) on conflict (k) do update set n = cnt.n + 1"));
        CompletableFuture<List<String>> upd = async(b,
                "insert into cnt values (1, 10) on conflict (k) do update set n = cnt.n + excluded.n returning n", thread);
        awaitLockWait(thread[0], upd);
        a.run("commit");
        assertEquals(List.of("T n:23:4:-1", "D 11", "C INSERT 0 1", "Z I"), upd.get(30, TimeUnit.SECONDS));

        // DO NOTHING: B waits, then skips the row.
        a.run("begin");
        a.run("insert into cnt values (2, 1) on conflict do nothing");
        CompletableFuture<List<String>> skip = async(b, "insert into cnt values (2, 5) on conflict do nothing", thread);
        awaitLockWait(thread[0], skip);
        a.run("commit");
        assertEquals(List.of("C INSERT 0 0", "Z I"), skip.get(30, TimeUnit.SECONDS));

        // A rolls back: B's row goes in.
        a.run("begin");
        a.run("insert into cnt values (3, 1) on conflict do nothing");
        CompletableFuture<List<String>> ins = async(b,
                "insert into cnt values (3, 7) on conflict (k) do update set n = 0", thread);
        awaitLockWait(thread[0], ins);
        a.run("rollback");
        assertEquals(List.of("C INSERT 0 1", "Z I"), ins.get(30, TimeUnit.SECONDS));
        assertEquals(List.of("T k:23:4:-1,n:23:4:-1", "D 1|11", "D 2|1", "D 3|7", "C SELECT 3", "Z I"),
                a.run("select * from cnt order by k"));
    }

    @Test
    void repeatableReadConflictWithAnInvisibleRowIsASerializationFailure() throws Exception {
        Transcript a = session();
        Transcript b = session();
        a.run("create table cnt (k int primary key, n int)");
        Thread[] thread = new Thread[1];
        b.run("begin isolation level repeatable read");
        b.run("select count(*) from cnt"); // takes the snapshot
        a.run("begin");
        a.run("insert into cnt values (1, 1)");
        CompletableFuture<List<String>> upd = async(b,
                "insert into cnt values (1, 10) on conflict (k) do update set n = 0", thread);
        awaitLockWait(thread[0], upd);
        a.run("commit");
        assertEquals(List.of("E ERROR 40001 could not serialize access due to concurrent update @-", "Z E"),
                upd.get(30, TimeUnit.SECONDS));
        b.run("rollback");
        // DO NOTHING too (ExecCheckTIDVisible), without waiting: the row is committed.
        b.run("begin isolation level repeatable read");
        b.run("select count(*) from cnt where k = 0");
        a.run("insert into cnt values (2, 2)");
        assertEquals(List.of("E ERROR 40001 could not serialize access due to concurrent update @-", "Z E"),
                b.run("insert into cnt values (2, 5) on conflict do nothing"));
        b.run("rollback");
    }

    /**
     * The window between the conflict check and the insertion: B finds no holder of b = 20, inserts its
     * row and waits in the index of a (A holds a = 1); A then commits a row with b = 20. B's entry in
     * the arbiter index finds it, so B takes its row back (nobody ever sees it) and looks again, as
     * PostgreSQL's speculative insertion does, instead of failing with 23505.
     */
    private CompletableFuture<List<String>> raceIntoTheWindow(Transcript a, Transcript b, String upsert) {
        a.run("begin");
        a.run("insert into w values (1, 10)");
        Thread[] thread = new Thread[1];
        CompletableFuture<List<String>> result = async(b, upsert, thread);
        awaitLockWait(thread[0], result);
        assertEquals(List.of("C UPDATE 1", "Z T"), a.run("update w set a = 2, b = 20 where a = 1"));
        a.run("commit");
        return result;
    }

    private static void createTwoUniqueIndexes(Transcript t) {
        t.run("create table w (a int, b int)");
        t.run("create unique index w_a on w (a)"); // checked first: B waits here
        t.run("create unique index w_b on w (b)"); // the arbiter
    }

    @Test
    void aKeyCommittedAfterTheConflictCheckIsUpdatedOrSkipped() throws Exception {
        Transcript a = session();
        Transcript b = session();
        createTwoUniqueIndexes(a);
        assertEquals(List.of("T a:23:4:-1,b:23:4:-1", "D 102|20", "C INSERT 0 1", "Z I"),
                raceIntoTheWindow(a, b, "insert into w values (1, 20) on conflict (b) do update set a = w.a + 100 "
                        + "returning a, b").get(30, TimeUnit.SECONDS));
        assertEquals(List.of("T a:23:4:-1,b:23:4:-1", "D 102|20", "C SELECT 1", "Z I"), b.run("select * from w"));
        a.run("truncate w");
        assertEquals(List.of("C INSERT 0 0", "Z I"),
                raceIntoTheWindow(a, b, "insert into w values (1, 20) on conflict do nothing").get(30, TimeUnit.SECONDS));
        // The row taken back is seen by no scan, sequential or through either index.
        b.run("set enable_seqscan = off");
        assertEquals(List.of("T a:23:4:-1,b:23:4:-1", "D 2|20", "C SELECT 1", "Z I"),
                b.run("select * from w where b = 20"));
        assertEquals(List.of("T a:23:4:-1,b:23:4:-1", "C SELECT 0", "Z I"), b.run("select * from w where a = 1"));
        b.run("reset enable_seqscan");
        assertEquals(List.of("T a:23:4:-1,b:23:4:-1", "D 2|20", "C SELECT 1", "Z I"), a.run("select * from w"));
        // A plain insert of the key now fails as ever (the dead entry does not count, the live one does).
        assertEquals("E ERROR 23505 duplicate key value violates unique constraint \"w_b\" @- D Key (b)=(20) "
                + "already exists.", b.run("insert into w values (3, 20)").getFirst());
    }

    @Test
    void aKeyCommittedAfterTheConflictCheckIsASerializationFailureUnderRepeatableRead() throws Exception {
        Transcript a = session();
        Transcript b = session();
        createTwoUniqueIndexes(a);
        for (String upsert : List.of("insert into w values (1, 20) on conflict (b) do update set a = 0",
                "insert into w values (1, 20) on conflict do nothing")) {
            a.run("truncate w");
            b.run("begin isolation level repeatable read");
            b.run("select count(*) from w"); // takes the snapshot
            assertEquals(List.of("E ERROR 40001 could not serialize access due to concurrent update @-", "Z E"),
                    raceIntoTheWindow(a, b, upsert).get(30, TimeUnit.SECONDS), upsert);
            b.run("rollback");
        }
        assertEquals(List.of("T a:23:4:-1,b:23:4:-1", "D 2|20", "C SELECT 1", "Z I"), a.run("select * from w"));
    }

    @Test
    void aFirstInserterThatRollsBackAfterTheConflictCheckLetsTheRowIn() throws Exception {
        Transcript a = session();
        Transcript b = session();
        createTwoUniqueIndexes(a);
        a.run("begin");
        a.run("insert into w values (1, 20)");
        Thread[] thread = new Thread[1];
        CompletableFuture<List<String>> result = async(b,
                "insert into w values (1, 20) on conflict (b) do update set a = 0", thread);
        awaitLockWait(thread[0], result);
        a.run("rollback");
        assertEquals(List.of("C INSERT 0 1", "Z I"), result.get(30, TimeUnit.SECONDS));
        assertEquals(List.of("T a:23:4:-1,b:23:4:-1", "D 1|20", "C SELECT 1", "Z I"), a.run("select * from w"));
    }
}

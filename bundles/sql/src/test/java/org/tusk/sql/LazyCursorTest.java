package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cursors and suspended portals run their query lazily, as in PostgreSQL 15: proved by side effects
 * (nextval's count after a FETCH), by what a cursor sees (its DECLARE's snapshot, never later changes),
 * by where errors come (at the FETCH that reaches the row), and by WITH HOLD cursors, which read the
 * whole query again at COMMIT into a store.
 */
class LazyCursorTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    private static void ok(Transcript t, String sql) {
        List<String> out = t.run(sql);
        assertFalse(out.stream().anyMatch(l -> l.startsWith("E ")), sql + " -> " + out);
    }

    @Test
    void aFetchRunsOnlyAsFarAsItReads() {
        Transcript t = cluster.transcript();
        ok(t, "create sequence lz_s");
        for (String scroll : List.of("", "no scroll", "scroll")) {
            ok(t, "begin");
            long start = System.nanoTime();
            ok(t, "declare c " + scroll + " cursor for select nextval('lz_s') from generate_series(1, 10000000)");
            String first = t.rowsOf("fetch 3 from c");
            assertTrue(System.nanoTime() - start < 20_000_000_000L, "10M rows were not computed");
            String current = t.rowsOf("select currval('lz_s')");
            assertEquals(first.substring(first.lastIndexOf(';') + 1), current, scroll + ": nextval ran 3 times");
            assertEquals(Long.parseLong(current) + 2, Long.parseLong(t.rowsOf("fetch forward 2 from c")
                    .split(";")[1]));
            ok(t, "commit");
        }
        assertEquals("15", t.rowsOf("select currval('lz_s')"), "three cursors read five rows each");
        t.session.close();
    }

    @Test
    void aNoScrollCursorReadsToTheEndBeforeRefusingFetchLast() {
        Transcript t = cluster.transcript();
        ok(t, "create sequence lz_last");
        ok(t, "begin");
        ok(t, "declare c no scroll cursor for select nextval('lz_last') from generate_series(1, 10)");
        assertEquals("1", t.rowsOf("fetch from c"));
        assertEquals("E ERROR 55000 cursor can only scan forward @- H Declare it with SCROLL option to enable backward"
                + " scan.", t.rowsOf("fetch last from c"));
        ok(t, "rollback");
        assertEquals("10", t.rowsOf("select currval('lz_last')"), "the whole result was read first");
        t.session.close();
    }

    @Test
    void aCursorSeesItsDeclaresSnapshot() {
        Transcript t = cluster.transcript();
        ok(t, "create table lz_snap (a int)");
        ok(t, "insert into lz_snap select g from generate_series(1, 5) g");
        ok(t, "begin");
        ok(t, "declare c cursor for select a from lz_snap order by a");
        ok(t, "declare d no scroll cursor for select a from lz_snap");
        assertEquals("1", t.rowsOf("fetch from c"));
        ok(t, "insert into lz_snap values (6)");
        ok(t, "update lz_snap set a = a * 10 where a = 4");
        ok(t, "delete from lz_snap where a = 5");
        assertEquals("2;3;4;5", t.rowsOf("fetch all from c"));
        assertEquals("1;2;3;4;5", t.rowsOf("fetch all from d"));
        assertEquals("1;2;3;6;40", t.rowsOf("select a from lz_snap order by a"));
        ok(t, "commit");
        t.session.close();
    }

    @Test
    void anErrorComesAtTheFetchThatReachesItsRow() {
        Transcript t = cluster.transcript();
        ok(t, "begin");
        ok(t, "declare c cursor for select 1 / (1000 - g) from generate_series(1, 2000) g");
        List<String> first = t.run("fetch 999 from c");
        assertTrue(first.contains("C FETCH 999"), first.getLast());
        List<String> failed = t.run("fetch from c");
        assertEquals("E ERROR 22012 division by zero", failed.get(failed.size() - 2).replace(" @-", ""));
        assertEquals("Z E", failed.getLast());
        assertTrue(t.run("fetch from c").get(0).startsWith("E ERROR 25P02"));
        ok(t, "rollback");
        assertEquals("1", t.rowsOf("select 1"));
        assertTrue(t.run("fetch from c").get(0).startsWith("E ERROR 34000"), "the abort closed the cursor");
        t.session.close();
    }

    @Test
    void aHeldCursorReadsTheRestAtCommitInItsSnapshot() {
        Transcript t = cluster.transcript();
        ok(t, "create table lz_hold (a int)");
        ok(t, "create sequence lz_hs");
        ok(t, "insert into lz_hold select g from generate_series(1, 5) g");
        ok(t, "begin");
        ok(t, "declare h cursor with hold for select a, nextval('lz_hs') from lz_hold");
        assertEquals("1|1;2|2", t.rowsOf("fetch 2 from h"));
        assertEquals("2", t.rowsOf("select currval('lz_hs')"), "only two rows read before COMMIT");
        ok(t, "insert into lz_hold values (6)");
        ok(t, "commit");
        // PersistHoldablePortal runs the query again from the start, in the DECLARE's snapshot (5 rows).
        assertEquals("7", t.rowsOf("select currval('lz_hs')"), "COMMIT ran the query again");
        ok(t, "insert into lz_hold values (7)");
        assertEquals("3|5;4|6;5|7", t.rowsOf("fetch all from h"));
        assertEquals("1|3", t.rowsOf("fetch first from h"));
        assertEquals("7", t.rowsOf("select currval('lz_hs')"), "a held cursor runs no query after COMMIT");
        ok(t, "close h");

        // The ROLLBACK of the declaring transaction drops a held cursor; a held one from before stays.
        ok(t, "declare kept cursor with hold for select 1");
        ok(t, "begin");
        ok(t, "declare gone cursor with hold for select 2");
        ok(t, "rollback");
        assertTrue(t.run("fetch gone").get(0).startsWith("E ERROR 34000"));
        assertEquals("1", t.rowsOf("fetch kept"));
        t.session.close();
    }

    @Test
    void aHeldCursorsErrorAtCommitFailsTheCommit() {
        Transcript t = cluster.transcript();
        ok(t, "begin");
        ok(t, "declare h cursor with hold for select 1 / (3 - g) from generate_series(1, 5) g");
        assertEquals("0", t.rowsOf("fetch h"));
        List<String> commit = t.run("commit");
        assertTrue(commit.get(0).startsWith("E ERROR 22012"), commit.toString());
        assertEquals("Z I", commit.getLast());
        assertTrue(t.run("fetch h").get(0).startsWith("E ERROR 34000"));
        t.session.close();
    }

    @Test
    void aSuspendedPortalComputesOneBatchAtATime() {
        Transcript t = cluster.transcript();
        ok(t, "create sequence lz_ps");
        ok(t, "begin");
        t.session.prepare("q", "select nextval('lz_ps') from generate_series(1, 10000000)", new int[0]);
        t.session.bind("p", "q", List.of());
        t.lines.clear();
        assertTrue(t.session.execute("p", 50, t), "suspended");
        assertEquals(50, t.lines.stream().filter(l -> l.startsWith("D ")).count());
        assertEquals("50", t.rowsOf("select currval('lz_ps')"), "only the first batch ran");
        t.lines.clear();
        assertTrue(t.session.execute("p", 50, t));
        assertEquals("D 100", t.lines.getLast());
        t.session.closePortal("p");
        ok(t, "commit");
        t.session.close();
    }

    @Test
    void twoOpenPortalsOfOneStatementKeepTheirOwnValues() {
        Transcript t = cluster.transcript();
        ok(t, "begin");
        t.session.prepare("r", "select g from generate_series($1::int, $1::int + 10) g", new int[0]);
        t.session.bind("a", "r", List.of("100"));
        t.lines.clear();
        assertTrue(t.session.execute("a", 2, t));
        t.session.bind("b", "r", List.of("200"));
        assertTrue(t.session.execute("b", 2, t));
        assertTrue(t.session.execute("a", 2, t));
        assertTrue(t.session.execute("b", 2, t));
        assertEquals(List.of("D 100", "D 101", "D 200", "D 201", "D 102", "D 103", "D 202", "D 203"), t.lines);
        ok(t, "commit");
        t.session.close();
    }

    @Test
    void statementTimeoutCountsPerFetch() {
        Transcript t = cluster.transcript();
        ok(t, "set statement_timeout = '1s'");
        ok(t, "begin");
        ok(t, "declare c cursor for select pg_sleep(0.3) from generate_series(1, 100)");
        // Each FETCH of two rows takes 0.6 s: far more than a second in all, yet each is in time.
        for (int i = 0; i < 3; i++) {
            assertTrue(t.run("fetch 2 from c").contains("C FETCH 2"));
        }
        List<String> late = t.run("fetch 5 from c");
        assertTrue(late.get(late.size() - 2).startsWith("E ERROR 57014 canceling statement due to statement timeout"),
                late.toString());
        ok(t, "rollback");
        t.session.close();
    }
}

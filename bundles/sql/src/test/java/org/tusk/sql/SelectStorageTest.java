package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.protocol.TypeOids;

/**
 * SELECT on the real storage engine: tables made and filled by SQL, read by sequential and index
 * scans, joined, grouped, and a pgbench-style prepared lookup by primary key.
 */
class SelectStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();


    @BeforeAll
    static void start() {
        Transcript t = cluster.transcript();
        try {
            setUp(t);
        } finally {
            t.session.close();
        }
    }

    private static void setUp(Transcript t) {
        for (String sql : List.of(
                "create table branches (bid int, bbalance int, filler char(88))",
                "create table accounts (aid int primary key, bid int, abalance int, filler char(84))",
                "insert into branches values (1, 0, ''), (2, 10, '')",
                "insert into accounts values " + java.util.stream.IntStream.rangeClosed(1, 500)
                        .mapToObj(g -> "(" + g + ", " + (1 + g % 2) + ", " + g * 10 + ", '')")
                        .collect(Collectors.joining(", ")),
                "create index accounts_bid on accounts (bid)")) {
            List<String> out = t.run(sql);
            assertFalse(out.stream().anyMatch(l -> l.startsWith("E ")), sql + " -> " + out);
        }
    }

    private static String rows(String sql) {
        Transcript t = cluster.transcript();
        List<String> lines;
        try {
            lines = t.run(sql);
        } finally {
            t.session.close();
        }
        for (String l : lines) {
            if (l.startsWith("E ")) {
                return l;
            }
        }
        return lines.stream().filter(l -> l.startsWith("D")).map(l -> l.length() > 2 ? l.substring(2) : "")
                .collect(Collectors.joining(";"));
    }

    @Test
    void scansJoinsAndAggregates() {
        assertEquals("2", rows("select count(*) from branches"));
        assertEquals("500|1252500", rows("select count(*), sum(abalance) from accounts"));
        assertEquals("1|250|627500;2|250|625000",
                rows("select b.bid, count(*), sum(a.abalance) from branches b join accounts a on a.bid = b.bid "
                        + "group by b.bid order by b.bid"));
        assertEquals("7|70", rows("select aid, abalance from accounts where aid = 7"));
        assertEquals("498;499;500", rows("select aid from accounts where aid > 497 order by aid"));
        assertEquals("2|10", rows("select bid, bbalance from branches where bbalance > (select min(bbalance) "
                + "from branches)"));
    }

    @Test
    void primaryKeyLookupsUseTheIndex() {
        String plan = rows("explain (costs off) select abalance from accounts where aid = 42");
        assertEquals("Index Scan using accounts_pkey on accounts;  Index Cond: (aid = 42)", plan);
        assertTrue(rows("explain (costs off) select * from accounts where abalance = 42").startsWith("Seq Scan"));
        // Without hash and merge joins, the outer side looks its partners up in the inner table's index,
        // once per outer row, rather than reading the whole inner table for each (plans are chosen by cost).
        assertEquals("Nested Loop;  ->  Seq Scan on branches b;  ->  Index Scan using accounts_pkey on accounts a;"
                + "        Index Cond: (aid = b.bid)", rows("set enable_hashjoin = off; set enable_mergejoin = off; "
                        + "explain (costs off) select b.bid, a.abalance "
                        + "from branches b join accounts a on a.aid = b.bid"));
        assertEquals("1|10;2|20", rows("select b.bid, a.abalance from branches b join accounts a on a.aid = b.bid "
                + "order by 1"));
        assertEquals("1|10;2|\\N", rows("select b.bid, a.abalance from branches b left join accounts a "
                + "on a.aid = b.bid and a.abalance < 15 order by 1"));
    }

    @Test
    void preparedLookupIsPlannedOnce() {
        Transcript t = cluster.transcript();
        t.session.prepare("q", "SELECT abalance FROM accounts WHERE aid = $1", new int[] {TypeOids.INT4});
        for (int aid : new int[] {1, 250, 500, 501}) {
            t.session.bind("", "q", List.of(Integer.toString(aid)));
            t.lines.clear();
            t.session.execute("", 0, t);
            assertEquals(aid <= 500 ? List.of("D " + aid * 10, "C SELECT 1") : List.of("C SELECT 0"), t.lines);
        }
        t.session.sync(t);
        t.session.close();
    }

    @Test
    void forUpdateLocksTheRowsReturned() {
        Transcript a = cluster.transcript();
        Transcript b = cluster.transcript();
        a.run("begin");
        assertEquals(List.of("D 3|30", "C SELECT 1", "Z T"),
                a.run("select aid, abalance from accounts where aid = 3 for update").subList(1, 4));
        assertEquals("E ERROR 55P03 could not obtain lock on row in relation \"accounts\" @-",
                b.run("select aid from accounts where aid = 3 for update nowait").get(1));
        assertEquals("4", rows("select aid from accounts where aid = 4 for update nowait"));
        a.run("commit");
        assertEquals("3", rows("select aid from accounts where aid = 3 for share nowait"));
        assertTrue(rows("select count(*) from accounts for update").startsWith("E ERROR 0A000 FOR UPDATE is not "
                + "allowed with aggregate functions"));
        a.session.close();
        b.session.close();
    }

    @Test
    void skipLockedPassesOverRowsAnotherTransactionHolds() {
        Transcript a = cluster.transcript();
        Transcript b = cluster.transcript();
        a.run("begin");
        // a job queue's worker takes the first two rows nobody holds
        assertEquals("1;2", a.rowsOf("select aid from accounts where aid <= 6 limit 2 for update skip locked"));
        b.run("begin");
        assertEquals("3;4", b.rowsOf("select aid from accounts where aid <= 6 limit 2 for update skip locked"));
        assertEquals("5;6", rows("select aid from accounts where aid <= 6 for share skip locked"));
        assertEquals("", rows("select aid from accounts where aid = 1 for update skip locked"));
        // skipping is no error: the transaction goes on, and its locks stay
        assertEquals("Z T", b.run("select 1").getLast());
        b.run("commit");
        assertEquals("3;4;5;6", rows("select aid from accounts where aid <= 6 for update skip locked"));
        a.run("commit");
        assertEquals("1;2", rows("select aid from accounts where aid <= 2 for update skip locked"));
        assertTrue(rows("select aid from accounts for update skip").startsWith("E ERROR 42601 syntax error"));
        a.session.close();
        b.session.close();
    }

    @Test
    void lockTimeoutEndsARowLockWait() {
        Transcript a = cluster.transcript();
        Transcript b = cluster.transcript();
        a.run("begin");
        a.run("select aid from accounts where aid = 7 for update");
        b.run("set lock_timeout = '50ms'");
        assertEquals("E ERROR 55P03 canceling statement due to lock timeout @-",
                b.rowsOf("select aid from accounts where aid = 7 for update"));
        assertEquals("E ERROR 55P03 canceling statement due to lock timeout @-",
                b.rowsOf("update accounts set abalance = 0 where aid = 7"));
        a.run("commit");
        assertEquals("7", b.rowsOf("select aid from accounts where aid = 7 for update"));
        a.session.close();
        b.session.close();
    }
}

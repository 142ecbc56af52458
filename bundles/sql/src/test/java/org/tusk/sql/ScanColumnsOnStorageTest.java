package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;


import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scans that decode only the columns a query reads (sequential, index, bitmap heap) give the same rows
 * as before on real storage, for the statements around them that need whole rows: UPDATE and DELETE with
 * RETURNING, FROM and USING, triggers (which see the whole row), FOR UPDATE, INSERT ... SELECT, PL/pgSQL,
 * prepared statements, and sorts and hashes that spill the scanned rows to disk. With assertions on (the
 * tests), a column a scan left undecoded is a marker that breaks any expression reading it.
 */
class ScanColumnsOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();


    private static String rows(String sql) {
        return cluster.rows(sql);
    }

    @BeforeAll
    static void tables() {
        // pgbench_accounts' shape: the filler nobody reads comes last
        cluster.ok("create table acc (aid int primary key, bid int, abalance int, filler char(84))");
        cluster.ok("insert into acc select i, (i - 1) / 100 + 1, i * 10, 'f' || i from generate_series(1, 1000) i");
        cluster.ok("create index acc_bid on acc (bid)");
        cluster.ok("create table br (bid int primary key, bbalance int, note text)");
        cluster.ok("insert into br select i, 0, 'branch ' || i from generate_series(1, 10) i");
        cluster.ok("analyze acc");
        cluster.ok("analyze br");
    }

    @Test
    void indexSeqAndBitmapScansReturnTheColumnsRead() {
        assertEquals("50", rows("select abalance from acc where aid = 5"));
        assertEquals("50|f5", rows("select abalance, trim(filler) from acc where aid = 5"));
        assertEquals("5|1|50|f5", rows("select aid, bid, abalance, trim(filler) from acc where aid = 5"));
        assertEquals("f5", rows("select trim(filler) from acc where aid = 5"));
        assertEquals("5", rows("select aid from acc where aid = 5"));
        assertEquals("1000|500500", rows("select count(*), sum(abalance) / 10 from acc"));
        assertEquals("f999", rows("select trim(filler) from acc where abalance = 9990"));
        assertEquals("100|50500", rows("set enable_indexscan = off; select count(*), sum(abalance) from acc "
                + "where bid = 1"));
        assertEquals("1|(1,1,10,\"f1" + " ".repeat(82) + "\")", rows("select aid, acc from acc where aid = 1"));
        assertEquals("3", rows("select aid from acc where aid in (1, 3) and trim(filler) = 'f3'"));
        assertEquals("1|branch 1;2|branch 2;3|branch 3", rows("select bid, note from (select aid as bid from acc "
                + "where aid < 4) s join br using (bid) order by 1"));
    }

    @Test
    void usingColumnsAreReadAndNeedSelectPrivilege() {
        cluster.ok("create table pa (x int, y int)");
        cluster.ok("create table pb (x int, z int)");
        cluster.ok("insert into pa values (1, 2), (3, 4)");
        cluster.ok("insert into pb values (1, 5), (7, 8)");
        assertEquals("1|2|5", rows("select x, y, z from pa join pb using (x)"));
        assertEquals("2|5", rows("select y, z from pa natural join pb"));
        assertEquals("2|5;4|\\N", rows("select y, z from pa left join pb using (x) order by y"));
        cluster.ok("create role scan_u");
        cluster.ok("grant select (y) on pa to scan_u");
        cluster.ok("grant select on pb to scan_u");
        assertEquals("E ERROR 42501 permission denied for table pa @-",
                rows("set role scan_u; select y from pa join pb using (x)"));
    }

    @Test
    void preparedSelectsSeeEachBindsRow() {
        cluster.ok("prepare sel(int) as select abalance from acc where aid = $1");
        assertEquals("70", rows("prepare s2(int) as select abalance from acc where aid = $1; execute s2(7)"));
        assertEquals("80|f8", rows("prepare s3(int) as select abalance, trim(filler) from acc where aid = $1; "
                + "execute s3(8); execute s3(8)").substring(0, 5));
    }

    @Test
    void updateDeleteAndReturningKeepWholeRows() {
        cluster.ok("create table u1 (id int primary key, a int, b text, c text)");
        cluster.ok("insert into u1 select i, i, 'b' || i, 'c' || i from generate_series(1, 20) i");
        assertEquals("c3|4", rows("update u1 set a = a + 1 where id = 3 returning c, a"));
        assertEquals("3|4|b3|c3", rows("select * from u1 where id = 3"));
        assertEquals("(4,4,b4,c4)", rows("delete from u1 where id = 4 returning u1"));
        assertEquals("c5", rows("delete from u1 where id in (select id from u1 where b = 'b5') returning c"));
        assertEquals("branch 2|2|12", rows("update u1 set a = u1.a + 10 from br where br.bid = u1.id and br.bid = 2 "
                + "returning br.note, u1.id, u1.a"));
        assertEquals("1", rows("delete from u1 using br where br.bid = u1.id and br.note = 'branch 1' "
                + "returning u1.id"));
        assertEquals("17|2|b2|c2", rows("select (select count(*) from u1), id, b, c from u1 where id = 2"));
        cluster.ok("create table u2 (id int, c text)");
        assertEquals("INSERT 0 5", String.join(";", cluster.run("insert into u2 select id, c from u1 where a > 15")
                .stream().filter(l -> l.startsWith("C ")).map(l -> l.substring(2)).toList()));
        assertEquals("16|c16;17|c17;18|c18", rows("select id, c from u2 where id < 19 order by id"));
    }

    @Test
    void triggersSeeWholeRows() {
        cluster.ok("create table t1 (id int primary key, a int, b text)");
        cluster.ok("create table t1_log (op text, old_row text, new_row text)");
        cluster.ok("create function t1_log() returns trigger language plpgsql as $$ begin "
                + "insert into t1_log values (tg_op, old::text, new::text); "
                + "if tg_op = 'DELETE' then return old; end if; return new; end $$");
        cluster.ok("create trigger t1_rows before update or delete on t1 for each row execute function t1_log()");
        cluster.ok("insert into t1 values (1, 10, 'one'), (2, 20, 'two')");
        cluster.ok("update t1 set a = a + 1 where id = 1");
        cluster.ok("delete from t1 where a = 20");
        assertEquals("UPDATE|(1,10,one)|(1,11,one);DELETE|(2,20,two)|null",
                rows("select op, old_row, coalesce(new_row, 'null') from t1_log order by op desc"));
    }

    @Test
    void rowLocksAndPlpgsqlQueries() {
        assertEquals("20|f2", rows("select abalance, trim(filler) from acc where aid = 2 for update"));
        assertEquals("20", rows("select abalance from acc where aid = 2 for share"));
        cluster.ok("create function acc_bal(k int) returns int language plpgsql as $$ declare r record; begin "
                + "select * into r from acc where aid = k; return r.abalance; end $$");
        assertEquals("90", rows("select acc_bal(9)"));
        cluster.ok("create function acc_fill(k int) returns text language plpgsql as $$ declare f text; begin "
                + "select trim(filler) into f from acc where aid = k; return f; end $$");
        assertEquals("f11", rows("select acc_fill(11)"));
    }

    @Test
    void spilledSortsAndHashesOfPartlyDecodedRows() {
        assertEquals("1000|f1000", rows("set work_mem = '64kB'; select aid, trim(filler) from acc "
                + "order by abalance desc limit 1"));
        assertEquals("999", rows("set work_mem = '64kB'; select aid from (select aid, abalance from acc "
                + "order by filler desc) s limit 1"));
        assertEquals("1000", rows("set work_mem = '64kB'; set enable_nestloop = off; set enable_mergejoin = off; "
                + "select count(*) from acc a join acc b on a.aid = b.aid where b.abalance > 0"));
    }
}

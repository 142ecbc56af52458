package org.tusk.sql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.exec.Explain;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.types.SqlType;

/** Queries over tables (in memory behind the storage seam): scans, joins, views, plans. */
class TableQueryTest {
    private MemoryDatabase db;

    @BeforeEach
    void tables() {
        db = new MemoryDatabase();
        db.table("emp", "id", SqlType.INT4, "name", SqlType.TEXT, "dept", SqlType.INT4, "salary", SqlType.NUMERIC);
        db.table("dept", "id", SqlType.INT8, "title", SqlType.TEXT);
        db.insert("emp", 1, "ann", 10, new java.math.BigDecimal("100"));
        db.insert("emp", 2, "bob", 10, new java.math.BigDecimal("200"));
        db.insert("emp", 3, "cid", 20, new java.math.BigDecimal("50"));
        db.insert("emp", 4, "dan", null, null);
        db.insert("dept", 10L, "sales");
        db.insert("dept", 20L, "dev");
        db.insert("dept", 30L, "ops");
    }

    private Planner.Planned plan(String sql) {
        Statement.Select s = (Statement.Select) Parser.parse(sql, true).getFirst();
        return new Planner(db, Parameters.none(), db, db.storage()).plan(s.query());
    }

    private String run(String sql) {
        Planner.Planned p = plan(sql);
        List<Object[]> rows = Planner.collect(p, new ExecContext(db, db.storage(), 4 << 20));
        return rows.stream().map(r -> Arrays.stream(r).map(v -> v == null ? "null" : v.toString())
                .collect(Collectors.joining("|"))).collect(Collectors.joining(";"));
    }

    private String explain(String sql) {
        return String.join("\n", Explain.lines(plan(sql).node(), false, false, false));
    }

    @Test
    void scansAndStar() {
        assertEquals("1|ann|10|100;2|bob|10|200;3|cid|20|50;4|dan|null|null", run("select * from emp"));
        assertEquals("bob;ann", run("select e.name from public.emp e where salary >= 100 order by salary desc"));
        assertEquals("3|cid", run("select e.id, e.name from emp as e(id, name) where id = 3"));
        assertEquals("4", run("select count(*) from emp"));
        SqlException e = assertThrows(SqlException.class, () -> plan("select * from nosuch"));
        assertEquals("relation \"nosuch\" does not exist", e.getMessage());
    }

    @Test
    void joinsUseHashJoinsForEquality() {
        assertEquals("ann|sales;bob|sales;cid|dev",
                run("select name, title from emp join dept on emp.dept = dept.id order by name"));
        assertEquals("ann|sales;bob|sales;cid|dev;dan|null",
                run("select name, title from emp left join dept on emp.dept = dept.id order by name"));
        assertEquals("sales|2;dev|1;ops|0", run("select title, count(emp.id) from dept left join emp "
                + "on emp.dept = dept.id group by title, dept.id order by dept.id"));
        String plan = explain("select name, title from emp, dept where emp.dept = dept.id and salary > 60");
        assertTrue(plan.startsWith("Hash Join"), plan);
        assertTrue(plan.contains("Hash Cond: "), plan);
        assertTrue(plan.contains("Seq Scan on emp"), plan);
        assertTrue(plan.contains("Filter: (salary > '60'::numeric)"), plan);
        String nl = explain("select name, title from emp, dept where emp.dept < dept.id");
        assertTrue(nl.startsWith("Nested Loop"), nl);
    }

    @Test
    void subqueriesOverTables() {
        assertEquals("ann;bob", run("select name from emp where dept in (select id from dept where title = 'sales') "
                + "order by 1"));
        assertEquals("dan", run("select name from emp e where not exists (select 1 from dept d where d.id = e.dept)"));
        assertEquals("bob", run("select name from emp where salary = (select max(salary) from emp)"));
        assertEquals("ops", run("select title from dept where id not in (select dept from emp where dept is not null)"));
        assertEquals("", run("select title from dept where id not in (select dept from emp)"));
        assertEquals("10|2;20|1", run("select dept, (select count(*) from emp e2 where e2.dept = e.dept) from emp e "
                + "where dept is not null group by dept order by dept"));
        assertEquals("sales|300;dev|50;ops|null", run("select title, (select sum(salary) from emp where dept = d.id) "
                + "from dept d order by d.id"));
    }

    @Test
    void viewsAreExpanded() {
        db.view("rich", "select name, salary from emp where salary > 60");
        assertEquals("ann|100;bob|200", run("select * from rich order by name"));
        assertEquals("1", run("select count(*) from rich r where r.salary > 150"));
    }

    @Test
    void uncorrelatedSubqueryRunsOncePerExecution() {
        Planner.Planned p = plan("select name from emp where salary > (select avg(salary) from emp)");
        db.scansOpened = 0;
        List<Object[]> rows = Planner.collect(p, new ExecContext(db, db.storage(), 4 << 20));
        assertEquals(1, rows.size());
        assertEquals(2, db.scansOpened);
        Planner.collect(p, new ExecContext(db, db.storage(), 4 << 20));
        assertEquals(4, db.scansOpened);
    }

    @Test
    void pgbenchPartitionCheck() {
        db.table("pg_class", "oid", SqlType.OID, "relname", SqlType.NAME, "relnamespace", SqlType.OID);
        db.table("pg_namespace", "oid", SqlType.OID, "nspname", SqlType.NAME);
        db.table("pg_partitioned_table", "partrelid", SqlType.OID, "partstrat", SqlType.BPCHAR);
        db.table("pg_inherits", "inhrelid", SqlType.OID, "inhparent", SqlType.OID, "inhseqno", SqlType.INT4);
        db.insert("pg_namespace", 11L, "pg_catalog");
        db.insert("pg_namespace", 2200L, "public");
        db.insert("pg_class", 1259L, "pg_class", 11L);
        db.insert("pg_class", 16400L, "pgbench_accounts", 2200L);
        String sql = "select o.n, p.partstrat, pg_catalog.count(i.inhparent) from pg_catalog.pg_class as c "
                + "join pg_catalog.pg_namespace as n on (n.oid = c.relnamespace) cross join lateral (select "
                + "pg_catalog.array_position(pg_catalog.current_schemas(true), n.nspname)) as o(n) left join "
                + "pg_catalog.pg_partitioned_table as p on (p.partrelid = c.oid) left join pg_catalog.pg_inherits as i "
                + "on (c.oid = i.inhparent) where c.relname = 'pgbench_accounts' and o.n is not null group by 1, 2 "
                + "order by 1 asc limit 1";
        assertEquals("2|null|0", run(sql.replace("pg_catalog.pg_", "pg_")));
        assertEquals(List.of("n", "partstrat", "count"), plan(sql.replace("pg_catalog.pg_", "pg_")).columns().stream()
                .map(Planner.Column::name).toList());
    }
}

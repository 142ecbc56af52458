package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Table columns of composite types (CREATE TYPE ... AS, a table's row type) and arrays of them, on storage:
 * what is stored reads back as the same row, assignment converts to the column's type, ALTER TYPE and DROP TYPE
 * see the columns. Expected answers are PostgreSQL 15's.
 */
class CompositeColumnsOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    @Test
    void valuesOfEveryKindOfFieldReadBackUnchanged() {
        cluster.ok("create type ccs_all as (t timestamptz, n numeric, f float8, b bytea, a int[], j jsonb, i interval)");
        cluster.ok("create table ccs_t (id int, v ccs_all)");
        cluster.ok("set timezone = 'America/New_York'");
        cluster.ok("insert into ccs_t values (1, row('2024-02-29 12:34:56.789+05', 1.50, 0.1, '\\x00ff', '{1,NULL,3}',"
                + " '{\"k\": [1, 2]}', '1 mon 2 days 00:00:01'))");
        assertEquals("(\"2024-02-29 07:34:56.789+00\",1.50,0.1,\"\\\\x00ff\",\"{1,NULL,3}\",\"{\"\"k\"\": [1, 2]}\","
                + "\"1 mon 2 days 00:00:01\")", cluster.rows("set timezone = 'UTC'; select v from ccs_t"));
        assertEquals("1.50|0.1|{1,NULL,3}", cluster.rows("select (v).n, (v).f, (v).a from ccs_t"));
    }

    @Test
    void rowDescriptionNamesTheCompositeType() {
        cluster.ok("create type ccs_rd as (x int, y text)");
        cluster.ok("create table ccs_rdt (v ccs_rd, w ccs_rd[])");
        cluster.ok("insert into ccs_rdt values ('(1,a)', '{\"(2,b)\"}')");
        List<String> out = cluster.run("select v, w, (v).y from ccs_rdt");
        String oid = cluster.rows("select 'ccs_rd'::regtype::oid");
        assertEquals("T v:" + oid + ":-1:-1,w:2287:-1:-1,y:25:-1:-1", out.getFirst());
        assertEquals("D (1,a)|{\"(2,b)\"}|a", out.get(1));
        assertEquals("ccs_rd;ccs_rd[]", cluster.rows("select format_type(atttypid, atttypmod) from pg_attribute"
                + " where attrelid = 'ccs_rdt'::regclass and attnum > 0 order by attnum"));
    }

    @Test
    void fieldAssignmentAndNestedRows() {
        cluster.ok("create type ccs_in as (a int, b text)");
        cluster.ok("create table ccs_out (id int, inner_v ccs_in)");
        cluster.ok("create table ccs_nest (o ccs_out)");
        cluster.ok("insert into ccs_nest values (row(1, row(2, 'x')))");
        assertEquals("(1,\"(2,x)\")|2", cluster.rows("select o, ((o).inner_v).a from ccs_nest"));
        cluster.ok("update ccs_nest set o.id = 7");
        assertEquals("(7,\"(2,x)\")", cluster.rows("select o from ccs_nest"));
        assertEquals("E ERROR 42703 cannot assign to field \"zz\" of column \"o\" because there is no such column"
                + " in data type ccs_out @21", cluster.rows("update ccs_nest set o.zz = 1"));
    }

    @Test
    void alterTypeRestoresTheRowsOfItsColumns() {
        cluster.ok("create type ccs_alt as (a int, b text)");
        cluster.ok("create table ccs_altt (v ccs_alt)");
        cluster.ok("insert into ccs_altt values (row(1, 'one'))");
        cluster.ok("alter type ccs_alt add attribute c int");
        assertEquals("(1,one,)", cluster.rows("select v from ccs_altt"));
        cluster.ok("alter type ccs_alt drop attribute a");
        cluster.ok("alter type ccs_alt add attribute d int");
        // The dropped attribute's value does not come back in the new one of the same type.
        assertEquals("(one,,)", cluster.rows("select v from ccs_altt"));
        cluster.ok("alter type ccs_alt rename attribute b to bb");
        assertEquals("one", cluster.rows("select (v).bb from ccs_altt"));
        assertEquals("E ERROR 0A000 cannot alter type \"ccs_alt\" because column \"ccs_altt.v\" uses it @-",
                cluster.rows("alter type ccs_alt alter attribute c type bigint"));
    }

    @Test
    void dropTypeNamesAndDropsTheColumns() {
        cluster.ok("create type ccs_dt as (a int)");
        cluster.ok("create table ccs_dtt (id int, v ccs_dt)");
        assertEquals("E ERROR 2BP01 cannot drop type ccs_dt because other objects depend on it @-"
                + " H Use DROP ... CASCADE to drop the dependent objects too."
                + " D column v of table ccs_dtt depends on type ccs_dt", cluster.rows("drop type ccs_dt"));
        cluster.ok("drop type ccs_dt cascade");
        assertEquals("id", cluster.rows("select string_agg(attname, ',') from pg_attribute where attrelid = 'ccs_dtt'::regclass"
                + " and attnum > 0 and not attisdropped"));
    }
}

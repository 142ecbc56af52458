package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.sql.catalog.InformationSchema;

/**
 * information_schema on storage: the schema and its views exist in a new cluster, every view runs, and
 * tables, columns, constraints and key columns answer as PostgreSQL 15 does for the same objects (the
 * values were taken from a real PostgreSQL 15), including what a role without ownership sees.
 */
class InformationSchemaTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private Transcript t;

    @BeforeEach
    void session() {
        t = cluster.transcript();
    }

    @Test
    void everyViewRunsAndIsListed() {
        assertEquals("information_schema|postgres", t.rowsOf("select n.nspname, pg_get_userbyid(n.nspowner)"
                + " from pg_namespace n where n.nspname = 'information_schema'"));
        for (var v : InformationSchema.VIEWS) {
            String r = t.rowsOf("select count(*) from information_schema." + v.name());
            assertTrue(!r.startsWith("E "), v.name() + ": " + r);
            assertEquals("VIEW", t.rowsOf("select table_type from information_schema.tables"
                    + " where table_schema = 'information_schema' and table_name = '" + v.name() + "'"));
            assertEquals(String.valueOf(v.columnNames().size()), t.rowsOf("select count(*) from information_schema.columns"
                    + " where table_schema = 'information_schema' and table_name = '" + v.name() + "'"));
        }
        assertEquals("postgres", t.rowsOf("select catalog_name from information_schema.information_schema_catalog_name"));
    }

    @Test
    void tablesColumnsAndConstraints() {
        t.run("create schema ist");
        t.run("create table ist.p (x int, y int, name varchar(20) not null default 'x', price numeric(10,2),"
                + " span interval hour to minute, primary key (x, y), check (x > 0))");
        t.run("create table ist.c (a int, b int, foreign key (b, a) references ist.p (x, y))");
        t.run("create view ist.v as select x, name from ist.p");
        assertEquals("c|BASE TABLE|YES;p|BASE TABLE|YES;v|VIEW|YES", t.rowsOf("select table_name, table_type,"
                + " is_insertable_into from information_schema.tables where table_schema = 'ist' order by 1"));
        assertEquals("NONE|YES|YES", t.rowsOf("select check_option, is_updatable, is_insertable_into"
                + " from information_schema.views where table_schema = 'ist'"));
        assertEquals("x|1|NO|integer|\\N|32|2|0|\\N|\\N;"
                + "y|2|NO|integer|\\N|32|2|0|\\N|\\N;"
                + "name|3|NO|character varying|20|\\N|\\N|\\N|\\N|\\N;"
                + "price|4|YES|numeric|\\N|10|10|2|\\N|\\N;"
                + "span|5|YES|interval|\\N|\\N|\\N|\\N|6|HOUR TO MINUTE",
                t.rowsOf("select column_name, ordinal_position, is_nullable, data_type, character_maximum_length,"
                        + " numeric_precision, numeric_precision_radix, numeric_scale, datetime_precision,"
                        + " interval_type from information_schema.columns where table_name = 'p'"
                        + " and table_schema = 'ist' order by ordinal_position"));
        assertEquals("'x'::character varying|80|varchar",
                t.rowsOf("select column_default, character_octet_length, udt_name from information_schema.columns"
                        + " where table_schema = 'ist' and table_name = 'p' and column_name = 'name'"));
        assertEquals("c|FOREIGN KEY;p|CHECK;p|CHECK;p|CHECK;p|CHECK;p|PRIMARY KEY",
                t.rowsOf("select table_name, constraint_type from information_schema.table_constraints"
                        + " where table_schema = 'ist' order by 1, 2"));
        assertEquals("c_b_a_fkey|b|1|1;c_b_a_fkey|a|2|2;p_pkey|x|1|\\N;p_pkey|y|2|\\N",
                t.rowsOf("select constraint_name, column_name, ordinal_position, position_in_unique_constraint"
                        + " from information_schema.key_column_usage where table_schema = 'ist'"
                        + " order by 1, ordinal_position"));
        assertEquals("p_x_check|((x > 0))", t.rowsOf("select constraint_name, check_clause"
                + " from information_schema.check_constraints where constraint_schema = 'ist'"
                + " and constraint_name not like '%not_null'"));
    }

    @Test
    void aRoleSeesWhatItHasPrivilegesOn() {
        t.run("create schema isv");
        t.run("create table isv.seen (a int primary key)");
        t.run("create table isv.unseen (a int primary key)");
        t.run("create role isv_r");
        t.run("grant usage on schema isv to isv_r");
        t.run("grant insert on isv.seen to isv_r");
        t.run("set role isv_r");
        assertEquals("isv", t.rowsOf("select schema_name from information_schema.schemata where schema_name = 'isv'"));
        assertEquals("seen", t.rowsOf("select table_name from information_schema.tables where table_schema = 'isv'"));
        assertEquals("seen|a", t.rowsOf("select table_name, column_name from information_schema.columns"
                + " where table_schema = 'isv'"));
        assertEquals("seen_pkey", t.rowsOf("select constraint_name from information_schema.table_constraints"
                + " where table_schema = 'isv' and constraint_type = 'PRIMARY KEY'"));
        t.run("reset role");
    }

    @Test
    void parametersAndTheColumnsOfTableChecks() {
        t.run("create schema isp");
        t.run("create function isp.f(a integer, out b text, variadic c int[]) language sql as 'select a::text'");
        assertEquals("1|IN|a|integer;2|OUT|b|text;3|IN|c|ARRAY", t.rowsOf("select ordinal_position, parameter_mode,"
                + " parameter_name, data_type from information_schema.parameters where specific_schema = 'isp'"
                + " order by 1"));
        // conkey holds the columns a table's CHECK reads, in order of first mention (PostgreSQL's values)
        t.run("create table isp.t (lo int, hi int, check (hi > lo), constraint c2 check (lo >= 0))");
        assertEquals("c2|{1};t_check|{2,1}", t.rowsOf("select conname, conkey from pg_constraint"
                + " where conrelid = 'isp.t'::regclass order by 1"));
        assertEquals("c2|lo;t_check|hi;t_check|lo", t.rowsOf("select constraint_name, column_name from"
                + " information_schema.constraint_column_usage where table_schema = 'isp' order by 1, 2"));
        t.run("drop schema isp cascade");
    }
}

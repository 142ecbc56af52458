package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The system information functions, regular-expression operators, OPERATOR(schema.op), COLLATE and system
 * views that psql's meta-commands use, on the real storage engine. Every expected value was printed by
 * PostgreSQL 15.20 for the same statement (psql -At) on a database set up as here.
 */
class CatalogInfoFunctionsTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();


    @BeforeAll
    static void start() {
        for (String sql : List.of("create table t1 (a int)", "create schema s1", "create table s1.t1 (b int)",
                "create table s1.only_here (c int)", "create table br (bid int primary key)",
                "create table od (id int primary key, bid int not null references br (bid), qty int check (qty > 0), "
                        + "code varchar(10) unique)",
                "create index od_bid_idx on od (bid)")) {
            String out = rows(sql);
            assertFalse(out.startsWith("E "), sql + " -> " + out);
        }
    }

    /** The data rows, joined by ';', or the error line. */
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
    void ownerAndEncodingNames() {
        assertEquals("postgres|unknown (OID=12345)|UTF8|SQL_ASCII|t",
                rows("select pg_catalog.pg_get_userbyid(10), pg_get_userbyid(12345), pg_encoding_to_char(6), "
                        + "pg_encoding_to_char(0), pg_encoding_to_char(99) = ''"));
    }

    @Test
    void formatTypeWithAndWithoutModifiers() {
        assertEquals("integer|character varying(10)|character|bpchar|numeric(10,2)|integer[]|???"
                + "|timestamp(3) with time zone|name",
                rows("select format_type(23, -1), format_type(1043, 14), format_type(1042, null), "
                        + "format_type(1042, -1), format_type(1700, 655366), format_type(1007, -1), "
                        + "format_type(9999999, -1), format_type(1184, 3), format_type(19, null)"));
        assertEquals("\\N", rows("select format_type(null, 1)"));
    }

    @Test
    void functionResultAndArguments() {
        assertEquals("bigint|bigint|t;integer|integer|t;text|text, integer|t",
                rows("select pg_get_function_result(p.oid), pg_get_function_arguments(p.oid), "
                        + "pg_function_is_visible(p.oid) from pg_proc p where p.oid in (1397, 1396, 883) order by 1"));
    }

    @Test
    void tableVisibilityFollowsTheSearchPath() {
        assertEquals("t1|public|t;only_here|s1|f;t1|s1|f",
                rows("select c.relname, n.nspname, pg_table_is_visible(c.oid) from pg_class c "
                        + "join pg_namespace n on n.oid = c.relnamespace where c.relname in ('t1', 'only_here') "
                        + "order by 3 desc, 2 desc, 1"));
        assertEquals("\\N", rows("select pg_table_is_visible(999999)"));
        assertEquals("t|t", rows("select pg_type_is_visible(23), pg_table_is_visible(1259)"));
    }

    @Test
    void regularExpressionMatches() {
        assertEquals("t|f|t|t|t|f|t", rows("select 'abc' ~ '^a', 'abc' !~ 'b', 'ABC' ~* 'b', 'ABC' !~* 'd', "
                + "'x1' ~ '[[:digit:]]', 'pg_toast'::name !~ '^pg_', 'a.b' ~ '^a\\.b$'"));
        // PostgreSQL's message after the prefix comes from its regex compiler ("parentheses () not balanced").
        assertTrue(rows("select 'a' ~ '('").startsWith("E ERROR 2201B invalid regular expression: "));
    }

    @Test
    void qualifiedOperatorAndCollate() {
        assertEquals("pg_am", rows("select c.relname from pg_catalog.pg_class c where c.relname "
                + "OPERATOR(pg_catalog.~) '^(pg_am)$' COLLATE pg_catalog.default"));
        assertEquals("t|t", rows("select 'b' > 'a' collate \"C\", 'x' OPERATOR(pg_catalog.=) 'x'"));
        assertEquals("E ERROR 42704 collation \"nosuch\" for encoding \"UTF8\" does not exist",
                rows("select 'a' collate nosuch").replaceAll(" @12$", ""));
    }

    @Test
    void systemViews() {
        assertEquals("postgres|t|t|-1|********", rows("select rolname, rolsuper, rolcanlogin, rolconnlimit, "
                + "rolpassword from pg_roles where rolname !~ '^pg_'"));
        assertEquals("postgres|10|t|********", rows("select usename, usesysid, usesuper, passwd from pg_user"));
        assertEquals("s1|only_here|postgres|\\N|f;s1|t1|postgres|\\N|f;public|od|postgres|\\N|t;"
                + "public|t1|postgres|\\N|f", rows("select schemaname, tablename, tableowner, tablespace, hasindexes "
                        + "from pg_tables where tablename in ('t1', 'only_here', 'od') order by 1 desc, 2"));
        assertEquals("public|br|br_pkey|\\N|CREATE UNIQUE INDEX br_pkey ON public.br USING btree (bid);"
                + "public|od|od_bid_idx|\\N|CREATE INDEX od_bid_idx ON public.od USING btree (bid);"
                + "public|od|od_code_key|\\N|CREATE UNIQUE INDEX od_code_key ON public.od USING btree (code);"
                + "public|od|od_pkey|\\N|CREATE UNIQUE INDEX od_pkey ON public.od USING btree (id)",
                rows("select * from pg_indexes where schemaname = 'public' order by indexname"));
        assertEquals("CREATE UNIQUE INDEX pg_class_oid_index ON pg_catalog.pg_class USING btree (oid)",
                rows("select indexdef from pg_indexes where indexname = 'pg_class_oid_index'"));
    }

    @Test
    void regCasts() {
        assertEquals("1259|pg_class|integer|pg_catalog|postgres|-|character varying",
                rows("select 'pg_class'::regclass::oid, 1259::regclass::text, 23::regtype::text, "
                        + "11::regnamespace::text, 10::regrole::text, 0::regtype::text, 1043::regtype::text"));
        assertEquals("t", rows("select 's1.t1'::regclass = (select c.oid from pg_class c join pg_namespace n "
                + "on n.oid = c.relnamespace where n.nspname = 's1' and relname = 't1')"));
        assertEquals("s1.only_here|t1", rows("select (select oid from pg_class where relname = 'only_here')"
                + "::regclass::text, (select oid from pg_class where relname = 't1' and relnamespace = 2200)"
                + "::regclass::text"));
        assertEquals("23|2200", rows("select 'pg_catalog.int4'::regtype::oid, 'public'::pg_catalog.regnamespace::oid"));
        assertTrue(rows("select 'nosuch'::regclass").startsWith("E ERROR 42P01 relation \"nosuch\" does not exist"));
        // quote_identifier quotes a reserved word, a capital and a digit start, as PostgreSQL prints them.
        assertEquals("", rows("create table s1.\"select\" (a int)"));
        assertEquals("s1.\"select\"|\"Abc\"|\"1a\"|abc_1|user_x", rows("select 's1.\"select\"'::regclass::text, "
                + "quote_ident('Abc'), quote_ident('1a'), quote_ident('abc_1'), quote_ident('user_x')"));
    }

    @Test
    void constraintAndIndexDefinitions() {
        assertEquals("od_bid_fkey|FOREIGN KEY (bid) REFERENCES br(bid)|\\N;od_code_key|UNIQUE (code)|\\N;"
                + "od_pkey|PRIMARY KEY (id)|\\N;od_qty_check|CHECK (qty > 0)|CHECK ((qty > 0))",
                rows("select conname, pg_get_constraintdef(oid, true), case contype when 'c' then "
                        + "pg_get_constraintdef(oid) end from pg_constraint "
                        + "where conrelid = (select oid from pg_class where relname = 'od') order by 1"));
        assertEquals("CREATE INDEX od_bid_idx ON od USING btree (bid)|CREATE INDEX od_bid_idx ON public.od USING btree "
                + "(bid)|bid", rows("select pg_get_indexdef(i.indexrelid, 0, true), pg_get_indexdef(i.indexrelid), "
                        + "pg_get_indexdef(i.indexrelid, 1, true) from pg_index i join pg_class c "
                        + "on c.oid = i.indexrelid where c.relname = 'od_bid_idx'"));
        // An index's own columns, as psql's \d INDEX reads them.
        assertEquals("code|character varying(10)", rows("select a.attname, format_type(a.atttypid, a.atttypmod) "
                + "from pg_attribute a join pg_class c on c.oid = a.attrelid where c.relname = 'od_code_key'"));
    }

    @Test
    void tablespacesAndPublications() {
        assertEquals("||", rows("select pg_tablespace_location(0), pg_tablespace_location(1663), "
                + "pg_tablespace_location(1664)"));
        assertTrue(rows("select pg_tablespace_location(12345)").startsWith(
                "E ERROR 58P01 could not stat file \"pg_tblspc/12345\": No such file or directory"));
        assertEquals("0|0", rows("select (select count(*) from pg_publication p join pg_publication_namespace pn "
                + "on p.oid = pn.pnpubid), (select count(*) from pg_publication where puballtables)"));
    }

    @Test
    void defaultsAndChecksAsRuleutilsPrintsThem() {
        assertFalse(rows("create table dflt (id serial, n text default 'x', v varchar(5) default 'ab', "
                + "num numeric default 0, b bigint default 1+2, ts timestamptz default now(), f float8 default 1.5, "
                + "neg int default -1, c int check (c > 0 and c < 10 or c is null), "
                + "d int default (2*(3+4)) check (d - (1 - 2) > 0), e bool default true, "
                + "n2 numeric(5,2) default 1.5)").startsWith("E "));
        assertEquals("1|nextval('dflt_id_seq'::regclass)|nextval('dflt_id_seq'::regclass);2|'x'::text|'x'::text;"
                + "3|'ab'::character varying|'ab'::character varying;4|0|0;5|(1 + 2)|(1 + 2);6|now()|now();"
                + "7|1.5|1.5;8|'-1'::integer|'-1'::integer;10|(2 * (3 + 4))|2 * (3 + 4);11|true|true;12|1.5|1.5",
                rows("select adnum, pg_get_expr(adbin, adrelid), pg_get_expr(adbin, adrelid, true) from pg_attrdef "
                        + "where adrelid = 'dflt'::regclass order by 1"));
        assertEquals("dflt_c_check|CHECK ((((c > 0) AND (c < 10)) OR (c IS NULL)))|CHECK (c > 0 AND c < 10 OR c IS NULL);"
                + "dflt_d_check|CHECK (((d - (1 - 2)) > 0))|CHECK ((d - (1 - 2)) > 0)",
                rows("select conname, pg_get_constraintdef(oid), pg_get_constraintdef(oid, true) from pg_constraint "
                        + "where conrelid = 'dflt'::regclass order by 1"));
    }

    @Test
    void whatDescribeAsksAboutTriggersPartitionsPublications() {
        // A foreign key marks both tables as having triggers (PostgreSQL's RI triggers), so \d asks for FKs.
        assertEquals("br|t;od|t;t1|f", rows("select relname, relhastriggers from pg_class "
                + "where relname in ('od', 'br', 't1') and relnamespace = 2200 order by 1"));
        assertEquals("t|f|\\N|f", rows("select pg_relation_is_publishable('od'), pg_relation_is_publishable('pg_class'), "
                + "pg_relation_is_publishable(0), pg_relation_is_publishable('od_bid_idx')"));
        assertEquals("", rows("select * from pg_partition_ancestors('od') with ordinality"));
        assertEquals("\\N|\\N|\\N", rows("select pg_get_triggerdef(0), pg_get_triggerdef(0, true), "
                + "pg_get_statisticsobjdef_columns(0)"));
        assertEquals("0|0|0", rows("select (select count(*) from pg_policy), (select count(*) from pg_statistic_ext), "
                + "(select count(*) from pg_publication_rel)"));
        assertTrue(rows("select * from pg_partition_ancestors('nosuch')").startsWith(
                "E ERROR 42P01 relation \"nosuch\" does not exist"));
    }

    @Test
    void regTypesReadAndPrintNames() {
        assertEquals("integer|character varying|integer[]|99999|now|abs(integer)|public|postgres|-",
                rows("select 'integer'::regtype, 'character varying'::regtype, 'int[]'::regtype, 99999::regtype, "
                        + "'pg_catalog.now'::regproc, 'abs(integer)'::regprocedure, 'public'::regnamespace, "
                        + "'postgres'::regrole, 0::regrole"));
        assertEquals("integer|unknown|unknown|character varying|integer[]|regtype|23|t",
                rows("select pg_typeof(1), pg_typeof('a'), pg_typeof(null), pg_typeof('a'::varchar(3)), "
                        + "pg_typeof(array[1]), pg_typeof(pg_typeof(1)), 'int4'::regtype::oid, 'int4'::regtype = 23"));
        assertTrue(rows("select 'abs'::regproc").startsWith("E ERROR 42725 more than one function named \"abs\""));
        assertTrue(rows("select 'nosuch'::regrole").startsWith("E ERROR 42704 role \"nosuch\" does not exist"));
        assertTrue(rows("select 'nosuch'::regtype").startsWith("E ERROR 42704 type \"nosuch\" does not exist"));
        assertTrue(rows("select 'nosuch'::regnamespace").startsWith(
                "E ERROR 3F000 schema \"nosuch\" does not exist"));
        assertTrue(rows("select 'nosuchfn'::regproc").startsWith(
                "E ERROR 42883 function \"nosuchfn\" does not exist"));
    }

    @Test
    void serialSequenceOfAColumn() {
        assertFalse(rows("create schema s2; create table s2.\"Mixed\" (id serial, \"Col\" serial, n int)")
                .startsWith("E "));
        assertEquals("s2.\"Mixed_Col_seq\"|s2.\"Mixed_id_seq\"|\\N",
                rows("select pg_get_serial_sequence('s2.\"Mixed\"', 'Col'), pg_get_serial_sequence('s2.\"Mixed\"', "
                        + "'id'), pg_get_serial_sequence('s2.\"Mixed\"', 'n')"));
        assertTrue(rows("select pg_get_serial_sequence('s2.\"Mixed\"', 'ID')").startsWith(
                "E ERROR 42703 column \"ID\" of relation \"Mixed\" does not exist"));
        assertTrue(rows("select pg_get_serial_sequence('nosuch', 'id')").startsWith(
                "E ERROR 42P01 relation \"nosuch\" does not exist"));
    }

    @Test
    void preparedStatementsOfTheSession() {
        // Five custom plans for a statement with parameters, then generic ones; none without parameters.
        // (The rows of the EXECUTEs come first: 1 to 6, then 1.)
        assertEquals("1;2;3;4;5;6;1;a|prepare a(int) as select $1; prepare b as select 1; execute a(1); execute a(2); execute a(3); "
                + "execute a(4); execute a(5); execute a(6); execute b; select name, statement, parameter_types, "
                + "from_sql, generic_plans, custom_plans from pg_prepared_statements order by 1|{integer}|t|1|5;"
                + "b|prepare a(int) as select $1; prepare b as select 1; execute a(1); execute a(2); execute a(3); "
                + "execute a(4); execute a(5); execute a(6); execute b; select name, statement, parameter_types, "
                + "from_sql, generic_plans, custom_plans from pg_prepared_statements order by 1|{}|t|1|0",
                rows("prepare a(int) as select $1; prepare b as select 1; execute a(1); execute a(2); execute a(3); "
                        + "execute a(4); execute a(5); execute a(6); execute b; select name, statement, "
                        + "parameter_types, from_sql, generic_plans, custom_plans from pg_prepared_statements "
                        + "order by 1"));
    }

    @Test
    void viewDefinitionsAsGetQueryDefPrintsThem() {
        assertFalse(rows("create table vt (id int, qty int, note text); create view vv as select o.id as ident, "
                + "o.qty * 2 as dbl, note from vt o where o.qty > 1 and note is not null order by o.id desc limit 5")
                .startsWith("E "));
        assertEquals(" SELECT o.id AS ident,/    o.qty * 2 AS dbl,/    o.note/   FROM vt o/  WHERE o.qty > 1 AND "
                + "o.note IS NOT NULL/  ORDER BY o.id DESC/ LIMIT 5;| SELECT o.id AS ident,/    (o.qty * 2) AS dbl,/"
                + "    o.note/   FROM vt o/  WHERE ((o.qty > 1) AND (o.note IS NOT NULL))/  ORDER BY o.id DESC/ LIMIT 5;"
                + "|\\N", rows("select replace(pg_get_viewdef('vv'::regclass, true), chr(10), '/'), "
                        + "replace(pg_get_viewdef('vv'::regclass), chr(10), '/'), pg_get_viewdef(0)"));
    }

    /** CASE on lines of its own (appendContextKeyword), plain DISTINCT; the texts are PostgreSQL 15's. */
    @Test
    void viewDefinitionsWithCaseAndDistinct() {
        assertFalse(rows("create table vct (id int, qty int, note text); create view vc as select distinct case when "
                + "qty > 1 then 'big' when qty is null then 'none' else 'small' end as size, case id when 1 then 'one' "
                + "else note end, (case when qty = 1 then 2 else 3 end) + 1 as z from vct where case when id > 0 then "
                + "true end").startsWith("E "));
        assertEquals(" SELECT DISTINCT/        CASE/            WHEN vct.qty > 1 THEN 'big'::text/            WHEN "
                + "vct.qty IS NULL THEN 'none'::text/            ELSE 'small'::text/        END AS size,/        CASE "
                + "vct.id/            WHEN 1 THEN 'one'::text/            ELSE vct.note/        END AS note,/        CASE/"
                + "            WHEN vct.qty = 1 THEN 2/            ELSE 3/        END + 1 AS z/   FROM vct/  WHERE/"
                + "        CASE/            WHEN vct.id > 0 THEN true/            ELSE NULL::boolean/        END;",
                rows("select replace(pg_get_viewdef('vc'::regclass, true), chr(10), '/')"));
        assertEquals(" SELECT DISTINCT/        CASE/            WHEN (vct.qty > 1) THEN 'big'::text/            WHEN "
                + "(vct.qty IS NULL) THEN 'none'::text/            ELSE 'small'::text/        END AS size,/        CASE "
                + "vct.id/            WHEN 1 THEN 'one'::text/            ELSE vct.note/        END AS note,/    (/"
                + "        CASE/            WHEN (vct.qty = 1) THEN 2/            ELSE 3/        END + 1) AS z/   FROM vct/"
                + "  WHERE/        CASE/            WHEN (vct.id > 0) THEN true/            ELSE NULL::boolean/        END;",
                rows("select replace(pg_get_viewdef('vc'::regclass), chr(10), '/')"));
    }

    /** pg_get_constraintdef and pg_get_expr print a CASE from indentation level 0, as PostgreSQL 15 does. */
    @Test
    void storedExpressionsWithCase() {
        assertFalse(rows("create table cct (a int check (case when a > 0 then a < 10 else true end), b int default "
                + "case when true then 1 end)").startsWith("E "));
        assertEquals("CHECK (/CASE/    WHEN (a > 0) THEN (a < 10)/    ELSE true/END)", rows("select "
                + "replace(pg_get_constraintdef(oid), chr(10), '/') from pg_constraint where conrelid = 'cct'::regclass"));
        assertEquals("/CASE/    WHEN true THEN 1/    ELSE NULL::integer/END|/CASE/    WHEN true THEN 1/    ELSE "
                + "NULL::integer/END", rows("select replace(pg_get_expr(adbin, adrelid), chr(10), '/'), "
                + "replace(pg_get_expr(adbin, adrelid, true), chr(10), '/') from pg_attrdef where adrelid = "
                + "'cct'::regclass"));
    }

    /** JOIN syntax in a view, each join on its own line; the texts are PostgreSQL 15's. */
    @Test
    void viewDefinitionsWithJoins() {
        assertFalse(rows("create table j1 (a int, b text); create table j2 (a int, d date); create view vj as "
                + "select j1.a, j2.d from j1 join j2 on j1.a = j2.a left join j2 x on x.a = j1.a where j1.b = 'x'; "
                + "create view vu as select j1.a, j2.d from j1 left outer join j2 using (a)").startsWith("E "));
        assertEquals(" SELECT j1.a,/    j2.d/   FROM ((j1/     JOIN j2 ON ((j1.a = j2.a)))/     LEFT JOIN j2 x ON "
                + "((x.a = j1.a)))/  WHERE (j1.b = 'x'::text);| SELECT j1.a,/    j2.d/   FROM j1/     JOIN j2 ON j1.a = "
                + "j2.a/     LEFT JOIN j2 x ON x.a = j1.a/  WHERE j1.b = 'x'::text;",
                rows("select replace(pg_get_viewdef('vj'::regclass), chr(10), '/'), "
                        + "replace(pg_get_viewdef('vj'::regclass, true), chr(10), '/')"));
        assertEquals(" SELECT j1.a,/    j2.d/   FROM (j1/     LEFT JOIN j2 USING (a));| SELECT j1.a,/    j2.d/   FROM j1/"
                + "     LEFT JOIN j2 USING (a);", rows("select replace(pg_get_viewdef('vu'::regclass), chr(10), '/'), "
                        + "replace(pg_get_viewdef('vu'::regclass, true), chr(10), '/')"));
    }

    /** GROUP BY and HAVING with aggregates in a view; the texts are PostgreSQL 15's. */
    @Test
    void viewDefinitionsWithGrouping() {
        assertFalse(rows("create table gt (a int, b text, c numeric); create view vg as select b, count(*) as n, "
                + "sum(c), max(a) + 1 as m from gt where a > 0 group by b having count(*) > 1 and avg(a) < 2.5 "
                + "order by b limit 5").startsWith("E "));
        assertEquals(" SELECT gt.b,/    count(*) AS n,/    sum(gt.c) AS sum,/    (max(gt.a) + 1) AS m/   FROM gt/  WHERE "
                + "(gt.a > 0)/  GROUP BY gt.b/ HAVING ((count(*) > 1) AND (avg(gt.a) < 2.5))/  ORDER BY gt.b/ LIMIT 5;| "
                + "SELECT gt.b,/    count(*) AS n,/    sum(gt.c) AS sum,/    max(gt.a) + 1 AS m/   FROM gt/  WHERE gt.a > 0/"
                + "  GROUP BY gt.b/ HAVING count(*) > 1 AND avg(gt.a) < 2.5/  ORDER BY gt.b/ LIMIT 5;",
                rows("select replace(pg_get_viewdef('vg'::regclass), chr(10), '/'), "
                        + "replace(pg_get_viewdef('vg'::regclass, true), chr(10), '/')"));
    }

    /** A chain of UNION ALL / EXCEPT in a view; the texts are PostgreSQL 15's. */
    @Test
    void viewDefinitionsWithSetOperations() {
        assertFalse(rows("create table u1 (a int, b text); create table u2 (a int, c text); create view vun as "
                + "select a, b from u1 where a > 1 union all select a, c from u2 union all select a + 1, b from u1; "
                + "create view vx as select a from u1 except select a from u2").startsWith("E "));
        assertEquals(" SELECT u1.a,/    u1.b/   FROM u1/  WHERE (u1.a > 1)/UNION ALL/ SELECT u2.a,/    u2.c AS b/   FROM u2/"
                + "UNION ALL/ SELECT (u1.a + 1) AS a,/    u1.b/   FROM u1;| SELECT u1.a,/    u1.b/   FROM u1/  WHERE u1.a > 1/"
                + "UNION ALL/ SELECT u2.a,/    u2.c AS b/   FROM u2/UNION ALL/ SELECT u1.a + 1 AS a,/    u1.b/   FROM u1;",
                rows("select replace(pg_get_viewdef('vun'::regclass), chr(10), '/'), "
                        + "replace(pg_get_viewdef('vun'::regclass, true), chr(10), '/')"));
        assertEquals(" SELECT u1.a/   FROM u1/EXCEPT/ SELECT u2.a/   FROM u2;",
                rows("select replace(pg_get_viewdef('vx'::regclass), chr(10), '/')"));
    }
}

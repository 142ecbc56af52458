package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ALTER TABLE ... ALTER COLUMN TYPE, SET STATISTICS, SET STORAGE, RENAME CONSTRAINT, several actions in one
 * statement, and TRUNCATE ... CASCADE, on storage; messages as PostgreSQL 15's (regress/alter_column_type).
 */
class AlterColumnTypeTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    private static String rows(String sql) {
        return cluster.rows(sql);
    }


    @Test
    void typeChangeRewritesRowsAndRebuildsIndexes() {
        cluster.ok("create table act_m (id int primary key, code varchar(10) unique, qty int default 0 not null)");
        cluster.ok("insert into act_m select g, 'c' || g, g * 2 from generate_series(1, 300) g");
        // all-or-nothing: the third action fails on a row, the first two are undone with it
        assertEquals("E ERROR 22001 value too long for type character varying(3) @-", rows("alter table act_m "
                + "alter column id type bigint, alter qty type numeric(8,2), alter code type varchar(3)"));
        assertEquals("id|integer;code|character varying(10);qty|integer", rows("select attname, "
                + "format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'act_m'::regclass "
                + "and attnum > 0 order by attnum"));
        cluster.ok("alter table act_m alter column id type bigint, alter qty set data type numeric(8,2), "
                + "alter code type varchar(5)");
        assertEquals("id|bigint;code|character varying(5);qty|numeric(8,2)", rows("select attname, "
                + "format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'act_m'::regclass "
                + "and attnum > 0 order by attnum"));
        // the indexes' own columns and operator classes follow (bigint's int8_ops)
        assertEquals("id|bigint", rows("select attname, format_type(atttypid, atttypmod) from pg_attribute "
                + "where attrelid = 'act_m_pkey'::regclass"));
        assertEquals("3124", rows("select indclass::text from pg_index where indexrelid = 'act_m_pkey'::regclass"));
        assertEquals("250|c250|500.00", rows("set enable_seqscan = off; select * from act_m where id = 250"));
        assertEquals("42|c42|84.00", rows("set enable_seqscan = off; select * from act_m where code = 'c42'"));
        assertEquals("E ERROR 23505 duplicate key value violates unique constraint \"act_m_pkey\" @- "
                + "D Key (id)=(1) already exists.", rows("insert into act_m values (1, 'zz', 1)"));
        cluster.ok("alter table act_m alter qty type int using qty::int * 10");
        assertEquals("903000", rows("select sum(qty) from act_m"));
    }

    @Test
    void conversionsNeedACastOrUsing() {
        cluster.ok("create table act_c (a int, b text default '5', c text)");
        cluster.ok("insert into act_c values (1, '10', 'x')");
        assertEquals("E ERROR 42804 column \"b\" cannot be cast automatically to type integer @- "
                + "H You might need to specify \"USING b::integer\".", rows("alter table act_c alter b type int"));
        assertEquals("E ERROR 42804 column \"b\" cannot be cast automatically to type numeric @- "
                + "H You might need to specify \"USING b::numeric(5,1)\".",
                rows("alter table act_c alter b type numeric(5,1)"));
        assertEquals("E ERROR 42804 default for column \"b\" cannot be cast automatically to type integer @-",
                rows("alter table act_c alter b type int using b::int"));
        assertEquals("E ERROR 42804 result of USING clause for column \"c\" cannot be cast automatically to "
                + "type integer @- H You might need to add an explicit cast.",
                rows("alter table act_c alter c type int using c || 'x'"));
        assertEquals("E ERROR 22P02 invalid input syntax for type integer: \"x\" @-",
                rows("alter table act_c alter c type int using c::int"));
        assertEquals("E ERROR 42703 column \"zz\" of relation \"act_c\" does not exist @-",
                rows("alter table act_c alter zz type int"));
        assertEquals("E ERROR 42704 type \"nosuch\" does not exist @-", rows("alter table act_c alter a type nosuch"));
        assertEquals("E ERROR 42P16 column \"a\" has pseudo-type record @-", rows("alter table act_c alter a type record"));
        assertEquals("E ERROR 0A000 cannot use subquery in transform expression @42",
                rows("alter table act_c alter c type int using (select 1)"));
        assertEquals("E ERROR 42803 aggregate functions are not allowed in transform expressions @42",
                rows("alter table act_c alter c type int using max(c)"));
        cluster.ok("alter table act_c alter c type int using 7.5");
        assertEquals("1|10|8", rows("select * from act_c"));
        cluster.ok("alter table act_c alter b drop default, alter b type int using b::int");
        assertEquals("11", rows("select a + b from act_c"));
        cluster.ok("alter table act_c alter c type text collate \"C\"");
        assertEquals("C", rows("select collname from pg_attribute join pg_collation on attcollation = "
                + "pg_collation.oid where attrelid = 'act_c'::regclass and attname = 'c'"));
    }

    @Test
    void viewsAndChecksHoldTheColumn() {
        cluster.ok("create table act_v (a int primary key, b int check (b > 0), c text)");
        cluster.ok("insert into act_v values (1, 5, 'x')");
        cluster.ok("create view act_vv as select b from act_v");
        assertEquals("E ERROR 0A000 cannot alter type of a column used by a view or rule @- "
                + "D rule _RETURN on view act_vv depends on column \"b\"", rows("alter table act_v alter b type bigint"));
        cluster.ok("alter table act_v alter c type varchar(5)");
        assertEquals("E ERROR 23514 check constraint \"act_v_b_check\" of relation \"act_v\" is violated by "
                + "some row @-", rows("drop view act_vv; alter table act_v alter b type int using b - 10"));
        assertEquals("1|5|x", rows("select * from act_v"));
    }

    @Test
    void statisticsStorageAndConstraintRenames() {
        cluster.ok("create table act_s (a int, b text, constraint act_s_a_key unique (a), constraint ck check (a > 0))");
        assertEquals(List.of("N WARNING 22023 lowering statistics target to 10000", "C ALTER TABLE", "Z I"),
                cluster.run("alter table act_s alter a set statistics 20000"));
        assertEquals("E ERROR 22023 statistics target -5 is too low @-",
                rows("alter table act_s alter a set statistics -5"));
        assertEquals("E ERROR 0A000 column data type integer can only have storage PLAIN @-",
                rows("alter table act_s alter a set storage external"));
        assertEquals("E ERROR 22023 invalid storage type \"nosuch\" @-",
                rows("alter table act_s alter b set storage nosuch"));
        cluster.ok("alter table act_s alter b set storage external, alter column b set statistics 50");
        assertEquals("a|10000|p;b|50|e", rows("select attname, attstattarget, attstorage from pg_attribute "
                + "where attrelid = 'act_s'::regclass and attnum > 0 order by attnum"));
        assertEquals("E ERROR 42704 constraint \"x\" for table \"act_s\" does not exist @-",
                rows("alter table act_s rename constraint x to y"));
        assertEquals("E ERROR 42710 constraint \"act_s_a_key\" for relation \"act_s\" already exists @-",
                rows("alter table act_s rename constraint ck to act_s_a_key"));
        cluster.ok("alter table act_s rename constraint act_s_a_key to act_s_akey");
        cluster.ok("alter table act_s rename constraint ck to act_s_positive");
        assertEquals("act_s_akey;act_s_positive", rows("select conname from pg_constraint "
                + "where conrelid = 'act_s'::regclass order by 1"));
        // the index of a UNIQUE constraint shares its name
        assertEquals("act_s_akey", rows("select indexrelid::regclass::text from pg_index "
                + "where indrelid = 'act_s'::regclass"));
        assertEquals("E ERROR 42601 syntax error at or near \"rename\" @37",
                rows("alter table act_s add column c int, rename constraint ck to z"));
    }

    @Test
    void truncateCascadesToReferencingTables() {
        cluster.ok("create table act_p (id int primary key)");
        cluster.ok("create table act_c1 (id int primary key, p int references act_p)");
        cluster.ok("create table act_c2 (x int references act_c1)");
        cluster.ok("create table act_c3 (y int references act_p)");
        cluster.ok("insert into act_p values (1); insert into act_c1 values (1, 1); insert into act_c2 values (1); "
                + "insert into act_c3 values (1)");
        assertEquals("E ERROR 0A000 cannot truncate a table referenced in a foreign key constraint @- "
                + "H Truncate table \"act_c1\" at the same time, or use TRUNCATE ... CASCADE. "
                + "D Table \"act_c1\" references \"act_p\".", rows("truncate act_p"));
        assertEquals(List.of("N NOTICE 00000 truncate cascades to table \"act_c1\"",
                "N NOTICE 00000 truncate cascades to table \"act_c3\"",
                "N NOTICE 00000 truncate cascades to table \"act_c2\"", "C TRUNCATE TABLE", "Z I"),
                cluster.run("truncate act_p cascade"));
        assertEquals("0|0|0|0", rows("select (select count(*) from act_p), (select count(*) from act_c1), "
                + "(select count(*) from act_c2), (select count(*) from act_c3)"));
    }

    @Test
    void createTableLikeCopiesWhatItsOptionsSay() {
        cluster.ok("create table ctl_src (id serial primary key, code varchar(10) not null unique, n int default 7 "
                + "check (n > 0), b text)");
        cluster.ok("create index ctl_src_b on ctl_src (b desc)");
        cluster.ok("comment on column ctl_src.code is 'the code'");
        cluster.ok("create table ctl_1 (x int, like ctl_src, y text)");
        assertEquals("x|integer|f|f;id|integer|t|f;code|character varying(10)|t|f;n|integer|f|f;b|text|f|f;"
                + "y|text|f|f", rows("select attname, format_type(atttypid, atttypmod), attnotnull, atthasdef "
                        + "from pg_attribute where attrelid = 'ctl_1'::regclass and attnum > 0 order by attnum"));
        assertEquals("", rows("select conname from pg_constraint where conrelid = 'ctl_1'::regclass"));
        cluster.ok("create table ctl_2 (like ctl_src including all)");
        assertEquals("ctl_2_b_idx;ctl_2_code_key;ctl_2_pkey", rows("select indexrelid::regclass::text "
                + "from pg_index where indrelid = 'ctl_2'::regclass order by 1"));
        assertEquals("ctl_2_code_key|u;ctl_2_pkey|p;ctl_src_n_check|c", rows("select conname, contype "
                + "from pg_constraint where conrelid = 'ctl_2'::regclass order by 1"));
        assertEquals("the code", rows("select col_description('ctl_2'::regclass, 2)"));
        assertEquals("1|a|7", rows("insert into ctl_2 (code) values ('a') returning id, code, n"));
        assertEquals("E ERROR 23514 new row for relation \"ctl_2\" violates check constraint \"ctl_src_n_check\" "
                + "@- D Failing row contains (2, b, 0, null).", rows("insert into ctl_2 (code, n) values ('b', 0)"));
        cluster.ok("create sequence ctl_seq");
        assertEquals("E ERROR 42809 relation \"ctl_seq\" is invalid in LIKE clause @26 D This operation is not "
                + "supported for sequences.", rows("create table ctl_9 (like ctl_seq)"));
        assertEquals("E ERROR 42P01 relation \"nosuch\" does not exist @26", rows("create table ctl_9 (like nosuch)"));
        assertEquals("E ERROR 42701 column \"id\" specified more than once @-",
                rows("create table ctl_9 (id int, like ctl_src)"));
    }

    @Test
    void actionsRunPassByPass() {
        cluster.ok("create table aps (a int, c int)");
        cluster.ok("insert into aps values (1, 2)");
        // the constraint is added after the column it reads, the drop comes first
        cluster.ok("alter table aps add constraint dpos check (d > 0), add column d int default 5, drop column c");
        assertEquals("1|5", rows("select * from aps"));
        cluster.ok("alter table aps drop column d, add column g text");
        assertEquals("a|1|f;........pg.dropped.2........|2|t;........pg.dropped.3........|3|t;g|4|f",
                rows("select attname, attnum, attisdropped from pg_attribute where attrelid = 'aps'::regclass "
                        + "and attnum > 0 order by attnum"));
        assertEquals("", rows("select conname from pg_constraint where conrelid = 'aps'::regclass"));
        assertEquals("E ERROR 42703 column \"zz\" of relation \"aps\" does not exist @-",
                rows("alter table aps drop column nosuch, alter column zz type int"));
    }

    @Test
    void identitySequencesFollowTheColumnsType() {
        cluster.ok("create table act_id (c int generated always as identity, s serial)");
        cluster.ok("alter table act_id alter c type bigint, alter s type bigint");
        // the identity's sequence becomes bigint with bigint's limit; a serial's stays as it was
        assertEquals("act_id_c_seq|bigint|9223372036854775807;act_id_s_seq|integer|2147483647", rows("select "
                + "seqrelid::regclass::text, seqtypid::regtype, seqmax from pg_sequence where seqrelid in "
                + "('act_id_c_seq'::regclass, 'act_id_s_seq'::regclass) order by 1"));
        assertEquals("1|1", rows("insert into act_id default values returning c, s"));
    }
}

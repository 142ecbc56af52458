package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.MemoryStorage;
import org.tusk.sql.engine.TuskSqlEngine;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;
import org.tusk.storage.access.Isolation;

/**
 * DDL statements as a client sees them (tags, NOTICEs, errors as PostgreSQL 15's) and what they leave
 * in the catalogs, as another backend's relation cache reads them. Storage is in memory here;
 * transactional DDL is tested on the real storage engine.
 */
class DdlTest {
    private final MemoryStorage memory = new MemoryStorage();
    private final Transcript t = new Transcript(new TuskSqlEngine(memory), "postgres");

    /** The relation as a fresh backend finds it. */
    private Relation lookup(String schema, String name) {
        BackendDatabase db = BackendDatabase.connect(memory.openSession(2), "postgres", "postgres",
                () -> "\"$user\", public");
        db.storage().begin(Isolation.READ_COMMITTED);
        db.storage().startStatement();
        db.statementStarted();
        try {
            return db.catalog().lookup(schema, name);
        } finally {
            db.storage().commit();
        }
    }

    @Test
    void createTableDescribesItsColumns() {
        assertEquals(List.of("C CREATE TABLE", "Z I"), t.run("create table pgbench_tellers(tid int not null,bid int,"
                + "tbalance int,filler char(84)) with (fillfactor=100)"));
        Relation r = lookup(null, "pgbench_tellers");
        assertNotNull(r);
        assertEquals("public", r.schema());
        assertEquals('r', r.kind());
        assertEquals(List.of(new Column(1, "tid", SqlType.INT4, -1, true, null, '\0'),
                new Column(2, "bid", SqlType.INT4, -1, false, null, '\0'),
                new Column(3, "tbalance", SqlType.INT4, -1, false, null, '\0'),
                new Column(4, "filler", SqlType.BPCHAR, 88, false, null, '\0')), r.columns());
        assertEquals(r.oid(), r.storage().fileNumber());
        assertTrue(r.oid() >= 16384);
    }

    @Test
    void typesDefaultsAndTypmods() {
        t.run("create table t (a numeric(10,2) default 0, b varchar(5) default 'x' not null, c timestamptz, "
                + "d text[], e bigint default 1 + 2, f double precision, g uuid, h bytea, i interval, j date)");
        Relation r = lookup("public", "t");
        assertEquals(SqlType.NUMERIC, r.column("a").type());
        assertEquals((10 << 16 | 2) + 4, r.column("a").typmod());
        assertEquals("0", r.column("a").defaultSql());
        assertEquals(9, r.column("b").typmod());
        assertTrue(r.column("b").notNull());
        assertEquals("'x'", r.column("b").defaultSql());
        assertEquals(SqlType.TEXT_ARRAY, r.column("d").type());
        assertEquals("1 + 2", r.column("e").defaultSql());
        assertEquals(SqlType.FLOAT8, r.column("f").type());
    }

    @Test
    void createErrors() {
        t.run("create table t (a int)");
        assertEquals(List.of("E ERROR 42P07 relation \"t\" already exists @-", "Z I"), t.run("create table t (b int)"));
        assertEquals(List.of("N NOTICE 42P07 relation \"t\" already exists, skipping", "C CREATE TABLE", "Z I"),
                t.run("create table if not exists t (b int)"));
        assertEquals(List.of("E ERROR 42701 column \"a\" specified more than once @-", "Z I"),
                t.run("create table u (a int, a text)"));
        assertEquals(List.of("E ERROR 42704 type \"nosuch\" does not exist @19", "Z I"),
                t.run("create table u (a nosuch)"));
        assertEquals(List.of("E ERROR 3F000 schema \"nosuch\" does not exist @14", "Z I"),
                t.run("create table nosuch.u (a int)"));
        assertEquals(List.of("E ERROR 22P02 invalid input syntax for type integer: \"abc\" @31", "Z I"),
                t.run("create table u (a int default 'abc')"));
        assertNull(lookup(null, "u"));
    }

    @Test
    void dropTable() {
        assertEquals(List.of("N NOTICE 00000 table \"a\" does not exist, skipping",
                "N NOTICE 00000 table \"b\" does not exist, skipping", "C DROP TABLE", "Z I"),
                t.run("drop table if exists a, b"));
        assertEquals(List.of("E ERROR 42P01 table \"a\" does not exist @-", "Z I"), t.run("drop table a"));
        t.run("create table a (x int); create table b (y int)");
        assertEquals(List.of("C DROP TABLE", "Z I"), t.run("drop table a, b"));
        assertNull(lookup(null, "a"));
        assertNull(lookup(null, "b"));
        assertEquals(List.of("E ERROR 42501 permission denied: \"pg_class\" is a system catalog @-", "Z I"),
                t.run("drop table pg_class"));
    }

    @Test
    void primaryKeysUniqueAndIndexes() {
        t.run("create table a (id int primary key, code text unique, n int)");
        Relation r = lookup(null, "a");
        assertEquals(List.of("a_code_key", "a_pkey"), r.indexes().stream().map(IndexDef::name).toList());
        IndexDef pk = r.primaryKey();
        assertEquals(List.of(1), pk.columns());
        assertTrue(pk.unique());
        assertTrue(r.column("id").notNull());
        assertEquals(List.of("C CREATE INDEX", "Z I"), t.run("create index on a (n desc, code)"));
        assertEquals(List.of("C CREATE INDEX", "Z I"), t.run("create unique index a_n on a (n)"));
        r = lookup(null, "a");
        IndexDef i = r.indexes().stream().filter(x -> x.name().equals("a_n_code_idx")).findFirst().orElseThrow();
        assertEquals(List.of(3, 2), i.columns());
        assertTrue(i.shape().keys().getFirst().descending());
        assertTrue(i.shape().keys().getFirst().nullsFirst());
        assertEquals(List.of("E ERROR 42P07 relation \"a_n\" already exists @-", "Z I"),
                t.run("create index a_n on a (n)"));
        assertEquals(List.of("E ERROR 42703 column \"zz\" does not exist @-", "Z I"), t.run("create index on a (zz)"));
        assertEquals(List.of("E ERROR 2BP01 cannot drop index a_pkey because constraint a_pkey on table a requires it "
                + "@- H You can drop constraint a_pkey on table a instead.", "Z I"), t.run("drop index a_pkey"));
        assertEquals(List.of("C DROP INDEX", "Z I"), t.run("drop index a_n"));
        assertEquals(3, lookup(null, "a").indexes().size());
        assertEquals(List.of("E ERROR 42P16 multiple primary keys for table \"a\" are not allowed @-", "Z I"),
                t.run("alter table a add primary key (n)"));
    }

    @Test
    void alterTableAddPrimaryKeyAsPgbench() {
        t.run("create table pgbench_branches(bid int not null,bbalance int,filler char(88)) with (fillfactor=100)");
        assertEquals(List.of("C VACUUM", "Z I"), t.run("vacuum analyze pgbench_branches"));
        assertEquals(List.of("C ALTER TABLE", "Z I"), t.run("alter table pgbench_branches add primary key (bid)"));
        IndexDef pk = lookup(null, "pgbench_branches").primaryKey();
        assertEquals("pgbench_branches_pkey", pk.name());
        assertEquals(List.of("C BEGIN", "C TRUNCATE TABLE", "Z T"), t.run("begin; truncate table pgbench_branches"));
        t.run("commit");
        Relation after = lookup(null, "pgbench_branches");
        assertTrue(after.storage().fileNumber() != after.oid(), "TRUNCATE gives the table a new file");
        assertTrue(after.primaryKey().storage().fileNumber() != pk.storage().fileNumber());
        assertEquals(List.of("C BEGIN", "E ERROR 25001 VACUUM cannot run inside a transaction block @-", "Z E"),
                t.run("begin; vacuum"));
        t.run("rollback");
        assertEquals(List.of("C BEGIN", "C ANALYZE", "Z T"), t.run("begin; analyze"));
        t.run("commit");
    }

    @Test
    void foreignKeysAndDependencies() {
        t.run("create table a (id int primary key); create table b (x int references a on delete cascade)");
        Relation b = lookup(null, "b");
        assertEquals(1, b.foreignKeys().size());
        assertEquals("b_x_fkey", b.foreignKeys().getFirst().name());
        assertEquals('c', b.foreignKeys().getFirst().onDelete());
        assertEquals(List.of(1), b.foreignKeys().getFirst().referencedColumns());
        assertEquals(1, lookup(null, "a").referencedBy().size());
        assertEquals(List.of("E ERROR 2BP01 cannot drop table a because other objects depend on it @- "
                + "H Use DROP ... CASCADE to drop the dependent objects too. D constraint b_x_fkey on table b "
                + "depends on table a", "Z I"), t.run("drop table a"));
        assertEquals(List.of("E ERROR 0A000 cannot truncate a table referenced in a foreign key constraint @- "
                + "H Truncate table \"b\" at the same time, or use TRUNCATE ... CASCADE. D Table \"b\" references "
                + "\"a\".", "Z I"), t.run("truncate a"));
        assertEquals(List.of("C TRUNCATE TABLE", "Z I"), t.run("truncate a, b"));
        assertEquals(List.of("N NOTICE 00000 drop cascades to constraint b_x_fkey on table b", "C DROP TABLE", "Z I"),
                t.run("drop table a cascade"));
        assertEquals(0, lookup(null, "b").foreignKeys().size());
        assertEquals(List.of("E ERROR 42830 there is no primary key for referenced table \"b\" @-", "Z I"),
                t.run("create table c (y int references b)"));
    }

    @Test
    void alterTable() {
        t.run("create table a (x int, y text)");
        assertEquals(List.of("C ALTER TABLE", "Z I"), t.run("alter table a add column z int default 7 not null"));
        assertEquals(List.of("E ERROR 42701 column \"z\" of relation \"a\" already exists @-", "Z I"),
                t.run("alter table a add z int"));
        t.run("alter table a rename column y to w");
        t.run("alter table a alter column x set not null, alter column w set default 'q'");
        Relation r = lookup(null, "a");
        assertEquals(List.of("x", "w", "z"), r.columns().stream().map(Column::name).toList());
        assertTrue(r.column("x").notNull());
        assertEquals("'q'", r.column("w").defaultSql());
        assertEquals("7", r.column("z").defaultSql());
        t.run("alter table a alter w drop default, alter x drop not null, drop column z");
        r = lookup(null, "a");
        assertEquals(List.of("x", "w"), r.columns().stream().map(Column::name).toList());
        assertNull(r.column("w").defaultSql());
        t.run("alter table a rename to b");
        assertNull(lookup(null, "a"));
        assertNotNull(lookup(null, "b"));
        assertEquals(List.of("E ERROR 42P01 relation \"a\" does not exist @-", "Z I"), t.run("alter table a add q int"));
        assertEquals(List.of("N NOTICE 00000 relation \"a\" does not exist, skipping", "C ALTER TABLE", "Z I"),
                t.run("alter table if exists a add q int"));
    }

    @Test
    void schemasAndViews() {
        assertEquals(List.of("C CREATE SCHEMA", "Z I"), t.run("create schema s"));
        assertEquals(List.of("E ERROR 42P06 schema \"s\" already exists @-", "Z I"), t.run("create schema s"));
        t.run("create table s.t (a int)");
        assertNotNull(lookup("s", "t"));
        assertNull(lookup(null, "t"));
        assertEquals(List.of("C CREATE VIEW", "Z I"), t.run("create view v as select a from s.t"));
        Relation v = lookup(null, "v");
        assertEquals('v', v.kind());
        assertEquals("select a from s.t", v.viewQuery());
        assertNull(v.storage());
        assertEquals(List.of(new Column(1, "a", SqlType.INT4, -1, false, null, '\0')), v.columns());
        assertEquals(List.of("E ERROR 42P01 relation \"nosuch\" does not exist @32", "Z I"),
                t.run("create view w as select * from nosuch"));
        assertEquals(List.of("E ERROR 42601 CREATE VIEW specifies more column names than columns @-", "Z I"),
                t.run("create view w (a, b) as select a from s.t"));
        assertEquals(List.of("E ERROR 2BP01 cannot drop schema s because other objects depend on it @- "
                + "H Use DROP ... CASCADE to drop the dependent objects too. D table s.t depends on schema s\n"
                + "view v depends on table s.t", "Z I"), t.run("drop schema s"));
        assertEquals(List.of("E ERROR 2BP01 cannot drop table s.t because other objects depend on it @- "
                + "H Use DROP ... CASCADE to drop the dependent objects too. D view v depends on table s.t", "Z I"),
                t.run("drop table s.t"));
        assertEquals(List.of("C DROP VIEW", "Z I"), t.run("drop view v"));
        assertEquals(List.of("N NOTICE 00000 drop cascades to table s.t", "C DROP SCHEMA", "Z I"),
                t.run("drop schema s cascade"));
        assertNull(lookup("s", "t"));
        assertEquals(List.of("N NOTICE 00000 schema \"s\" does not exist, skipping", "C DROP SCHEMA", "Z I"),
                t.run("drop schema if exists s"));
        assertEquals(List.of("E ERROR 42P01 view \"v\" does not exist @-", "Z I"), t.run("drop view v"));

        // Sequences owned by serial and identity columns go with their tables, unannounced.
        t.run("create schema s2");
        t.run("create table s2.t (id serial, n int generated always as identity)");
        assertEquals(List.of("N NOTICE 00000 drop cascades to table s2.t", "C DROP SCHEMA", "Z I"),
                t.run("drop schema s2 cascade"));
        assertEquals(List.of("E ERROR 42P01 relation \"s2.t_id_seq\" does not exist @16", "Z I"),
                t.run("select nextval('s2.t_id_seq')"));
    }

    @Test
    void createAndDropDatabase() {
        assertEquals(List.of("C CREATE DATABASE", "Z I"), t.run("create database d"));
        assertEquals(List.of("E ERROR 42P04 database \"d\" already exists @-", "Z I"), t.run("create database d"));
        assertEquals(List.of("C BEGIN", "E ERROR 25001 CREATE DATABASE cannot run inside a transaction block @-", "Z E"),
                t.run("begin; create database e"));
        t.run("rollback");
        Transcript other = new Transcript(new TuskSqlEngine(memory), "d");
        assertEquals(List.of("C CREATE TABLE", "Z I"), other.run("create table only_in_d (a int)"));
        assertNull(lookup(null, "only_in_d"));
        assertEquals(List.of("E ERROR 55006 cannot drop the currently open database @-", "Z I"),
                t.run("drop database postgres"));
        assertEquals(List.of("C DROP DATABASE", "Z I"), t.run("drop database d"));
        assertEquals(List.of("N NOTICE 00000 database \"d\" does not exist, skipping", "C DROP DATABASE", "Z I"),
                t.run("drop database if exists d"));
    }

    @Test
    void sequences() {
        assertEquals(List.of("C CREATE SEQUENCE", "Z I"), t.run("create sequence s"));
        assertEquals("D 1", t.run("select nextval('s')").get(1));
        assertEquals("D 2", t.run("select nextval('public.s')").get(1));
        assertEquals("D 2", t.run("select currval('s')").get(1));
        assertEquals("D 10", t.run("select setval('s', 10)").get(1));
        assertEquals("D 11", t.run("select nextval('S')").get(1));
        t.run("select setval('s', 5, false)");
        assertEquals("D 5", t.run("select nextval('s')").get(1));
        // The name is read as regclass when the query is analysed: no RowDescription, the literal's position.
        assertEquals(List.of("E ERROR 42P01 relation \"nosuch\" does not exist @16", "Z I"),
                t.run("select nextval('nosuch')"));
        t.run("create sequence down increment by -2 minvalue -3 maxvalue 3");
        assertEquals("D 3", t.run("select nextval('down')").get(1));
        assertEquals("D 1", t.run("select nextval('down')").get(1));
        t.run("select nextval('down'); select nextval('down')");
        assertEquals(List.of("T nextval:20:8:-1", "E ERROR 2200H nextval: reached minimum value of sequence \"down\" (-3) @-", "Z I"),
                t.run("select nextval('down')"));
        Transcript other = new Transcript(new TuskSqlEngine(memory), "postgres");
        assertEquals(List.of("T currval:20:8:-1", "E ERROR 55000 currval of sequence \"s\" is not yet defined in this session @-", "Z I"),
                other.run("select currval('s')"));
        assertEquals(List.of("E ERROR 42809 \"s\" is not a table @- H Use DROP SEQUENCE to remove a sequence.", "Z I"),
                t.run("drop table s"));
        assertEquals(List.of("C DROP SEQUENCE", "Z I"), t.run("drop sequence s"));
    }

    @Test
    void serialColumnsOwnTheirSequence() {
        t.run("create table t (id serial primary key, big bigserial, v text)");
        Relation r = lookup(null, "t");
        assertEquals(SqlType.INT4, r.column("id").type());
        assertEquals("nextval('t_id_seq'::regclass)", r.column("id").defaultSql());
        assertTrue(r.column("id").notNull());
        assertEquals(SqlType.INT8, r.column("big").type());
        assertEquals("nextval('t_big_seq'::regclass)", r.column("big").defaultSql());
        assertEquals('S', lookup(null, "t_id_seq").kind());
        assertEquals("D 1", t.run("select nextval('t_id_seq')").get(1));
        assertEquals(List.of("C DROP TABLE", "Z I"), t.run("drop table t"));
        assertNull(lookup(null, "t_id_seq"));
        assertNull(lookup(null, "t_big_seq"));
    }

    @Test
    void searchPathFunctions() {
        assertEquals("D public", t.run("select current_schema()").get(1));
        assertEquals("D {pg_catalog,public}", t.run("select current_schemas(true)").get(1));
        t.run("create schema s; set search_path = s, nosuch, public");
        assertEquals("D {s,public}", t.run("select current_schemas(false)").get(1));
        assertEquals("D s", t.run("select current_schema()").get(1));
        t.run("create table x (a int)");
        assertNotNull(lookup("s", "x"));
    }

    @Test
    void newConstraintsAreCheckedAgainstTheColumns() {
        assertEquals(List.of("E ERROR 42703 column \"z\" does not exist @34", "Z I"),
                t.run("create table c (a int check (a > z))"));
        assertEquals(List.of("E ERROR 42804 argument of CHECK must be type boolean, not type integer @30", "Z I"),
                t.run("create table c (a int check (a + 1))"));
        assertNull(lookup(null, "c"));
    }

    @Test
    void regclass() {
        assertEquals(List.of("T regclass:2205:4:-1", "D pg_class", "C SELECT 1", "Z I"),
                t.run("select 'pg_class'::regclass"));
        assertEquals("D 1259", t.run("select 'pg_catalog.pg_class'::regclass::oid").get(1));
        assertEquals("D pg_class", t.run("select 1259::regclass").get(1));
        assertEquals("D 99999", t.run("select 99999::regclass").get(1));
        assertEquals(List.of("E ERROR 42P01 relation \"nosuch\" does not exist @8", "Z I"),
                t.run("select 'nosuch'::regclass"));
        t.run("create schema s; create table s.\"T\" (a int); create table p (a int)");
        assertEquals("D s.\"T\"", t.run("select 's.\"T\"'::regclass").get(1));
        assertEquals("D p", t.run("select 'P'::regclass").get(1));
        assertEquals("D t", t.run("select 'p'::regclass = (select oid from pg_class where relname = 'p')::regclass")
                .get(1));
    }
}

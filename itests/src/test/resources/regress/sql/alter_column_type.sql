--
-- ALTER TABLE ... ALTER COLUMN TYPE, SET STATISTICS, SET STORAGE, RENAME CONSTRAINT, several actions in
-- one statement (all or nothing), and TRUNCATE ... CASCADE. Everything created is dropped.
--
CREATE TABLE act_m (id int PRIMARY KEY, code varchar(10) UNIQUE, qty int DEFAULT 0 NOT NULL, note text);
INSERT INTO act_m SELECT g, 'c' || g, g * 2, 'n' || g FROM generate_series(1, 500) g;
-- one failing action undoes the others
ALTER TABLE act_m ALTER COLUMN id TYPE bigint, ALTER COLUMN qty TYPE numeric(8,2), ALTER COLUMN code TYPE varchar(3);
\d act_m
ALTER TABLE act_m ALTER COLUMN id TYPE bigint, ALTER COLUMN qty TYPE numeric(8,2), ALTER COLUMN code TYPE varchar(5);
\d act_m
\d act_m_pkey
\d act_m_code_key
-- the rebuilt indexes answer
SET enable_seqscan = off;
SELECT * FROM act_m WHERE id = 250;
SELECT * FROM act_m WHERE code = 'c42';
EXPLAIN (COSTS OFF) SELECT * FROM act_m WHERE id = 250;
RESET enable_seqscan;
INSERT INTO act_m VALUES (1, 'zz', 1, 'dup');
INSERT INTO act_m VALUES (501, 'c42', 1, 'dup');
-- DDL is transactional
BEGIN;
ALTER TABLE act_m ALTER note TYPE int USING length(note);
SELECT * FROM act_m WHERE id < 3 ORDER BY id;
ROLLBACK;
SELECT * FROM act_m WHERE id < 3 ORDER BY id;
ALTER TABLE act_m ALTER COLUMN qty TYPE int USING qty::int * 10;
SELECT sum(qty), pg_typeof(sum(qty)) FROM act_m;
ALTER TABLE act_m ADD CONSTRAINT qty_small CHECK (qty < 100000);
ALTER TABLE act_m ALTER COLUMN qty TYPE int USING qty * 1000;
SELECT attname, format_type(atttypid, atttypmod), attnotnull, atthasdef, attstorage
  FROM pg_attribute WHERE attrelid = 'act_m'::regclass AND attnum > 0 ORDER BY attnum;
SELECT indexrelid::regclass::text, indcollation, indclass FROM pg_index WHERE indrelid = 'act_m'::regclass ORDER BY 1;
ALTER TABLE act_m ALTER COLUMN note TYPE varchar(20) COLLATE "C";
CREATE INDEX act_m_note ON act_m (note);
SELECT indexrelid::regclass::text, indcollation FROM pg_index WHERE indrelid = 'act_m'::regclass ORDER BY 1;
ALTER TABLE act_m ALTER COLUMN note TYPE text COLLATE "POSIX";
\d act_m
ALTER TABLE act_m ALTER COLUMN id SET DATA TYPE text;
SELECT * FROM act_m WHERE id = '7';
-- conversions need an implicit or assignment cast, or USING
CREATE TABLE act_c (a int, b text DEFAULT '5', c text, d int GENERATED ALWAYS AS IDENTITY);
INSERT INTO act_c VALUES (1, '10', 'x');
ALTER TABLE act_c ALTER b TYPE integer;
ALTER TABLE act_c ALTER b TYPE numeric(5,1);
ALTER TABLE act_c ALTER b TYPE int USING b::int;
ALTER TABLE act_c ALTER c TYPE int USING c || 'x';
ALTER TABLE act_c ALTER c TYPE int USING 'abc'::text;
ALTER TABLE act_c ALTER c TYPE int USING c::int;
ALTER TABLE act_c ALTER c TYPE int USING 'abc';
ALTER TABLE act_c ALTER c TYPE int USING nosuch;
ALTER TABLE act_c ALTER zz TYPE int;
ALTER TABLE act_c ALTER a TYPE nosuch;
ALTER TABLE act_c ALTER a TYPE record;
ALTER TABLE act_c ALTER a TYPE int[];
ALTER TABLE act_c ALTER d TYPE text;
ALTER TABLE act_c ALTER c TYPE int USING 7.5;
ALTER TABLE act_c ALTER b DROP DEFAULT, ALTER b TYPE int USING b::int;
SELECT a, b, c, a + b AS sum FROM act_c;
ALTER TABLE act_c ALTER c TYPE int USING (SELECT 1);
ALTER TABLE act_c ALTER c TYPE int USING max(c);
-- the spellings migration tools write
CREATE TABLE "act_mig" ("id" bigserial NOT NULL PRIMARY KEY, "c" varchar(20) NULL, "n" text);
INSERT INTO act_mig (c, n) VALUES ('12', '3');
ALTER TABLE "act_mig" ALTER COLUMN "c" TYPE character varying(255);
ALTER TABLE "act_mig" ALTER COLUMN "c" TYPE integer USING CAST("c" AS integer);
ALTER TABLE public.act_mig ALTER COLUMN n TYPE BIGINT USING (n::BIGINT);
ALTER TABLE "act_mig" ALTER COLUMN "c" TYPE varchar(100) USING "c"::varchar(100), ALTER COLUMN "c" SET NOT NULL;
ALTER TABLE ONLY act_mig ALTER COLUMN c SET DATA TYPE text;
\d act_mig
DROP TABLE act_mig;
ALTER TABLE nosuch ALTER a TYPE int;
ALTER TABLE IF EXISTS nosuch ALTER a TYPE int;
-- a view that uses the column holds it; CHECK constraints are checked again
CREATE TABLE act_v (a int PRIMARY KEY, b int CHECK (b > 0), c text);
INSERT INTO act_v VALUES (1, 5, 'x');
CREATE VIEW act_vv AS SELECT b FROM act_v;
ALTER TABLE act_v ALTER b TYPE bigint;
ALTER TABLE act_v ALTER c TYPE varchar(5);
DROP VIEW act_vv;
ALTER TABLE act_v ALTER b TYPE int USING b - 10;
ALTER TABLE act_v ALTER b TYPE bigint;
\d act_v
SELECT * FROM act_v;
-- several actions in one statement
ALTER TABLE act_v ADD COLUMN d int DEFAULT 3, ADD COLUMN e text, DROP COLUMN c;
ALTER TABLE act_v ADD COLUMN f int, ADD COLUMN f text;
ALTER TABLE act_v ADD COLUMN g int, RENAME CONSTRAINT act_v_pkey TO x;
SELECT * FROM act_v;
-- SET STATISTICS, SET STORAGE
CREATE TABLE act_s (a int, b text, CONSTRAINT act_s_a_key UNIQUE (a), CONSTRAINT ck CHECK (a > 0));
ALTER TABLE act_s ALTER a SET STATISTICS 20000;
ALTER TABLE act_s ALTER a SET STATISTICS -5;
ALTER TABLE act_s ALTER a SET STORAGE external;
ALTER TABLE act_s ALTER b SET STORAGE nosuch;
ALTER TABLE act_s ALTER b SET STORAGE external, ALTER COLUMN b SET STATISTICS 50;
ALTER TABLE act_s ALTER COLUMN b SET STORAGE EXTENDED, ALTER COLUMN b SET STATISTICS -1;
ALTER TABLE act_s ALTER COLUMN b SET STORAGE MAIN;
SELECT attname, attstattarget, attstorage FROM pg_attribute WHERE attrelid = 'act_s'::regclass AND attnum > 0 ORDER BY attnum;
-- RENAME CONSTRAINT
ALTER TABLE act_s RENAME CONSTRAINT x TO y;
ALTER TABLE act_s RENAME CONSTRAINT ck TO act_s_a_key;
ALTER TABLE act_s RENAME CONSTRAINT act_s_a_key TO act_s_akey;
ALTER TABLE act_s RENAME CONSTRAINT ck TO act_s_positive;
\d act_s
INSERT INTO act_s VALUES (0, 'x');
-- TRUNCATE ... CASCADE
CREATE TABLE act_p (id int PRIMARY KEY);
CREATE TABLE act_c1 (id int PRIMARY KEY, p int REFERENCES act_p);
CREATE TABLE act_c2 (x int REFERENCES act_c1);
CREATE TABLE act_c3 (y int REFERENCES act_p);
INSERT INTO act_p VALUES (1); INSERT INTO act_c1 VALUES (1, 1); INSERT INTO act_c2 VALUES (1); INSERT INTO act_c3 VALUES (1);
TRUNCATE act_p;
TRUNCATE act_p RESTRICT;
BEGIN;
TRUNCATE act_p CASCADE;
SELECT (SELECT count(*) FROM act_p) p, (SELECT count(*) FROM act_c1) c1, (SELECT count(*) FROM act_c2) c2, (SELECT count(*) FROM act_c3) c3;
ROLLBACK;
SELECT (SELECT count(*) FROM act_p) p, (SELECT count(*) FROM act_c1) c1, (SELECT count(*) FROM act_c2) c2, (SELECT count(*) FROM act_c3) c3;
TRUNCATE TABLE act_c1, act_p CASCADE;
TRUNCATE act_c2 CASCADE;
DROP TABLE act_m, act_c, act_v, act_s, act_c3, act_c2, act_c1, act_p;

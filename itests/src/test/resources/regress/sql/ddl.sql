--
-- DDL
-- CREATE, ALTER and DROP of tables, indexes, schemas, views and sequences, TRUNCATE, VACUUM and
-- ANALYZE: their notices and errors, and that DDL is transactional. Everything created is dropped.
--
CREATE TABLE ddl_a (id int PRIMARY KEY, code text UNIQUE, n numeric(10,2) DEFAULT 0, v varchar(5) NOT NULL);
CREATE TABLE ddl_a (x int);
CREATE TABLE IF NOT EXISTS ddl_a (x int);
CREATE TABLE ddl_b (a int, a text);
CREATE TABLE ddl_b (a nosuchtype);
CREATE TABLE nosuch.ddl_b (a int);
CREATE TABLE ddl_b (a int DEFAULT 'abc');
CREATE TABLE ddl_b (x int REFERENCES ddl_a ON DELETE CASCADE, y int CHECK (y > 0));
-- a table others depend on
DROP TABLE ddl_a;
TRUNCATE ddl_a;
TRUNCATE ddl_a, ddl_b;
TRUNCATE nosuch;
-- indexes
DROP INDEX ddl_a_pkey;
CREATE INDEX ON ddl_a (n DESC, code);
CREATE UNIQUE INDEX ddl_a_n ON ddl_a (n);
CREATE INDEX ddl_a_n ON ddl_a (n);
CREATE INDEX IF NOT EXISTS ddl_a_n ON ddl_a (n);
CREATE INDEX ON ddl_a (nosuch);
CREATE INDEX ON nosuch (a);
DROP INDEX ddl_a_n;
DROP INDEX ddl_a_n;
DROP INDEX IF EXISTS ddl_a_n;
-- ALTER TABLE
ALTER TABLE ddl_a ADD PRIMARY KEY (n);
ALTER TABLE ddl_a ADD COLUMN z int DEFAULT 7 NOT NULL;
ALTER TABLE ddl_a ADD z int;
ALTER TABLE ddl_a ADD COLUMN IF NOT EXISTS z int;
ALTER TABLE ddl_a RENAME COLUMN v TO w;
ALTER TABLE ddl_a RENAME COLUMN nosuch TO w2;
ALTER TABLE ddl_a ALTER COLUMN w SET DEFAULT 'q', ALTER COLUMN n DROP DEFAULT;
ALTER TABLE ddl_a ALTER COLUMN id DROP NOT NULL;
ALTER TABLE ddl_a DROP COLUMN z;
ALTER TABLE ddl_a DROP COLUMN nosuch;
ALTER TABLE ddl_a DROP COLUMN IF EXISTS nosuch;
ALTER TABLE nosuch ADD COLUMN q int;
ALTER TABLE IF EXISTS nosuch ADD COLUMN q int;
ALTER TABLE ddl_b RENAME TO ddl_c;
ALTER TABLE ddl_c RENAME TO ddl_b;
-- DROP TABLE
DROP TABLE ddl_a CASCADE;
DROP TABLE ddl_b;
DROP TABLE IF EXISTS ddl_a, ddl_b;
DROP TABLE ddl_a;
DROP TABLE pg_class;
-- schemas and views
CREATE SCHEMA ddl_s;
CREATE SCHEMA ddl_s;
CREATE SCHEMA IF NOT EXISTS ddl_s;
CREATE SCHEMA pg_nope;
CREATE TABLE ddl_s.t (a int);
CREATE VIEW ddl_v AS SELECT a FROM ddl_s.t;
CREATE VIEW ddl_v AS SELECT a FROM ddl_s.t;
DROP SCHEMA ddl_s;
DROP TABLE ddl_s.t;
DROP TABLE ddl_v;
DROP VIEW ddl_v;
DROP SCHEMA ddl_s CASCADE;
DROP SCHEMA IF EXISTS ddl_s;
DROP SCHEMA ddl_s;
-- sequences: nextval is not undone by a rollback
CREATE SEQUENCE ddl_seq;
SELECT nextval('ddl_seq');
SELECT nextval('ddl_seq');
SELECT currval('ddl_seq');
SELECT setval('ddl_seq', 10);
SELECT nextval('ddl_seq');
BEGIN;
SELECT nextval('ddl_seq');
ROLLBACK;
SELECT nextval('ddl_seq');
CREATE SEQUENCE ddl_seq;
CREATE SEQUENCE IF NOT EXISTS ddl_seq;
DROP SEQUENCE ddl_seq;
CREATE TABLE ddl_c (id serial PRIMARY KEY, v text);
SELECT nextval('ddl_c_id_seq');
DROP TABLE ddl_c;
DROP SEQUENCE ddl_c_id_seq;
-- transactional DDL
BEGIN;
CREATE TABLE ddl_d (a int);
ROLLBACK;
DROP TABLE ddl_d;
CREATE TABLE ddl_d (a int);
BEGIN;
DROP TABLE ddl_d;
ROLLBACK;
DROP TABLE ddl_d;
-- VACUUM and ANALYZE
CREATE TABLE ddl_e (a int);
VACUUM ddl_e;
VACUUM ANALYZE ddl_e;
ANALYZE ddl_e;
BEGIN;
ANALYZE ddl_e;
VACUUM ddl_e;
ROLLBACK;
DROP TABLE ddl_e;

-- CREATE/ALTER/DROP DOMAIN: catalog rows, checks on write, in casts and in COPY, psql's \dD.
CREATE DOMAIN dom_pos AS int CHECK (VALUE > 0);
CREATE DOMAIN dom_nn AS text NOT NULL DEFAULT 'x' CONSTRAINT dom_nn_len CHECK (length(VALUE) < 5);
CREATE DOMAIN dom_pos10 AS dom_pos CHECK (VALUE < 10);
CREATE DOMAIN dom_pos AS bigint;
SELECT t.typname, t.typtype, t.typcategory, format_type(t.typbasetype, t.typtypmod) AS base, t.typnotnull,
  t.typdefault, t.typinput::oid, t.typoutput, t.typreceive::oid, t.typsend, t.typlen, t.typalign, a.typname AS array_type
  FROM pg_type t JOIN pg_type a ON a.oid = t.typarray WHERE t.typname LIKE 'dom\_%' ORDER BY t.typname;
SELECT conname, contype, conrelid, convalidated, pg_get_constraintdef(c.oid)
  FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid WHERE t.typname LIKE 'dom\_%' ORDER BY conname;
CREATE TABLE dom_t (id int PRIMARY KEY, p dom_pos10, n dom_nn, q dom_pos DEFAULT 7);
INSERT INTO dom_t (id, p) VALUES (1, 5);
INSERT INTO dom_t VALUES (2, 0, 'a');
INSERT INTO dom_t VALUES (3, 10, 'a');
INSERT INTO dom_t VALUES (4, 1, NULL);
INSERT INTO dom_t VALUES (5, 1, 'abcdef');
UPDATE dom_t SET q = -1;
COPY dom_t FROM stdin;
6	3	b	2
7	0	c	1
\.
COPY dom_t (id, p) FROM stdin;
8	2
\.
SELECT * FROM dom_t ORDER BY id;
SELECT 3::dom_pos10 AS a, '4'::dom_pos AS b, CAST('6' AS dom_pos10) AS c, 3::dom_pos + 4 AS d;
SELECT (-3)::dom_pos;
SELECT 'x'::dom_pos;
SELECT NULL::dom_nn;
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
  WHERE attrelid = 'dom_t'::regclass AND attnum > 0 ORDER BY attnum;
\dD dom_*
\d dom_t
-- ALTER DOMAIN
ALTER DOMAIN dom_pos ADD CONSTRAINT dom_small CHECK (VALUE < 3);
ALTER DOMAIN dom_pos ADD CONSTRAINT dom_small CHECK (VALUE < 3) NOT VALID;
SELECT conname, convalidated FROM pg_constraint WHERE conname = 'dom_small';
INSERT INTO dom_t (id, p) VALUES (9, 4);
ALTER DOMAIN dom_pos VALIDATE CONSTRAINT dom_small;
ALTER DOMAIN dom_pos DROP CONSTRAINT dom_small;
ALTER DOMAIN dom_pos DROP CONSTRAINT dom_small;
ALTER DOMAIN dom_pos DROP CONSTRAINT IF EXISTS dom_small;
ALTER DOMAIN dom_pos RENAME CONSTRAINT dom_pos_check TO dom_positive;
ALTER DOMAIN dom_nn DROP NOT NULL;
INSERT INTO dom_t VALUES (10, 1, NULL);
ALTER DOMAIN dom_nn SET NOT NULL;
DELETE FROM dom_t WHERE n IS NULL;
ALTER DOMAIN dom_nn SET NOT NULL;
ALTER DOMAIN dom_nn SET DEFAULT 'yy';
ALTER DOMAIN dom_nn DROP DEFAULT;
ALTER DOMAIN dom_nn SET DEFAULT 'zz';
ALTER DOMAIN dom_t RENAME TO dom_x;
ALTER DOMAIN dom_nosuch RENAME TO dom_x;
ALTER DOMAIN dom_pos10 RENAME TO dom_small10;
\dD dom_*
-- transactional
BEGIN;
CREATE DOMAIN dom_rolled AS int CHECK (VALUE > 1);
ROLLBACK;
SELECT count(*) FROM pg_type WHERE typname IN ('dom_rolled', '_dom_rolled');
-- DROP DOMAIN
DROP DOMAIN dom_nosuch;
DROP DOMAIN IF EXISTS dom_nosuch;
DROP DOMAIN dom_t;
DROP DOMAIN dom_small10;
DROP DOMAIN dom_small10 CASCADE;
DROP DOMAIN dom_pos, dom_nn CASCADE;
\d dom_t
DROP TABLE dom_t;
SELECT count(*) FROM pg_type WHERE typname LIKE '%dom\_%';

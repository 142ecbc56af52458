--
-- FUNCTIONS
-- CREATE FUNCTION ... LANGUAGE sql: arguments by name and by number, defaults, overloading, SETOF and
-- TABLE results in FROM and in the select list, void functions that change tables, errors of CREATE and
-- DROP, and that function DDL is transactional. Everything created is dropped.
--
CREATE FUNCTION fn_add(a integer, b integer DEFAULT 10) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
SELECT fn_add(1, 2), fn_add(5), fn_add(NULL, 1);
CREATE FUNCTION fn_add(a integer, b integer DEFAULT 10) RETURNS integer LANGUAGE sql AS 'SELECT a + b';
CREATE OR REPLACE FUNCTION fn_add(a integer, b integer DEFAULT 10) RETURNS integer LANGUAGE sql AS 'SELECT a + b + 0';
CREATE OR REPLACE FUNCTION fn_add(a integer, b integer DEFAULT 10) RETURNS bigint LANGUAGE sql AS 'SELECT (a + b)::bigint';
SELECT fn_add(2, 3);
-- positional references, STRICT
CREATE FUNCTION fn_pos(integer, text) RETURNS text LANGUAGE sql STRICT AS $$ SELECT $2 || ':' || $1 $$;
SELECT fn_pos(7, 'seven'), fn_pos(NULL, 'x') IS NULL AS strict_null;
-- overloading: chosen by the argument types as for built-in functions
CREATE FUNCTION fn_kind(x integer) RETURNS text LANGUAGE sql AS $$ SELECT 'integer' $$;
CREATE FUNCTION fn_kind(x text) RETURNS text LANGUAGE sql AS $$ SELECT 'text' $$;
CREATE FUNCTION fn_kind(x numeric) RETURNS text LANGUAGE sql AS $$ SELECT 'numeric' $$;
SELECT fn_kind(1), fn_kind('a'::text), fn_kind(1.5), fn_kind(2::smallint);
SELECT fn_kind(true);
-- a column wins over an argument of the same name; function.argument names the argument
CREATE TABLE fn_t (id integer PRIMARY KEY, x integer, label text);
INSERT INTO fn_t VALUES (1, 100, 'one'), (2, 200, 'two'), (3, 300, 'three');
CREATE FUNCTION fn_shadow(x integer) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM fn_t WHERE x > fn_shadow.x $$;
SELECT fn_shadow(150);
-- set-returning functions
CREATE FUNCTION fn_upto(n integer) RETURNS SETOF integer LANGUAGE sql AS $$ SELECT i FROM generate_series(1, n) i $$;
SELECT * FROM fn_upto(3);
SELECT fn_upto(2) AS v;
SELECT count(*) FROM fn_upto(100) u WHERE u > 90;
CREATE FUNCTION fn_rows(lim integer) RETURNS TABLE(id integer, label text) LANGUAGE sql STABLE AS $$
  SELECT id, label FROM fn_t WHERE id <= lim ORDER BY id
$$;
SELECT * FROM fn_rows(2);
SELECT r.label FROM fn_rows(5) r WHERE r.id > 1 ORDER BY r.label;
SELECT t.id, u.u FROM fn_t t, fn_upto(t.id) u ORDER BY 1, 2;
-- a scalar function returns its query's first row, NULL for none
CREATE FUNCTION fn_label(i integer) RETURNS text LANGUAGE sql AS $$ SELECT label FROM fn_t WHERE id = i $$;
SELECT fn_label(2), fn_label(9) IS NULL AS missing;
SELECT id, fn_label(id) FROM fn_t ORDER BY id;
-- several statements, void
CREATE FUNCTION fn_bump(d integer) RETURNS void LANGUAGE sql AS $$
  UPDATE fn_t SET x = x + d;
  DELETE FROM fn_t WHERE x > 320
$$;
SELECT fn_bump(10);
SELECT * FROM fn_t ORDER BY id;
CREATE FUNCTION fn_insert(i integer, l text) RETURNS bigint LANGUAGE sql AS $$
  INSERT INTO fn_t VALUES (i, i * 100, l);
  SELECT count(*) FROM fn_t
$$;
SELECT fn_insert(4, 'four');
-- recursion
CREATE FUNCTION fn_fact(n integer) RETURNS numeric LANGUAGE sql AS $$
  SELECT CASE WHEN n <= 1 THEN 1::numeric ELSE n * fn_fact(n - 1) END
$$;
SELECT fn_fact(20);
-- the body is checked at CREATE
CREATE FUNCTION fn_bad() RETURNS integer LANGUAGE sql AS $$ SELECT 'x'::text $$;
CREATE FUNCTION fn_bad() RETURNS integer LANGUAGE sql AS $$ SELECT 1, 2 $$;
CREATE FUNCTION fn_bad() RETURNS integer LANGUAGE sql AS $$ SELECT nosuch FROM fn_t $$;
CREATE FUNCTION fn_bad() RETURNS integer LANGUAGE sql AS $$ SELECT 1 FROM nosuch $$;
CREATE FUNCTION fn_bad() RETURNS integer LANGUAGE sql AS $$ SELEC 1 $$;
CREATE FUNCTION fn_bad(a integer DEFAULT 1, b integer) RETURNS integer LANGUAGE sql AS 'SELECT a';
CREATE FUNCTION fn_bad() RETURNS integer LANGUAGE nosuchlang AS 'SELECT 1';
CREATE FUNCTION fn_bad() RETURNS nosuchtype LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION fn_bad() LANGUAGE sql AS 'SELECT 1';
-- calls that do not resolve
SELECT fn_add();
SELECT fn_add(1, 2, 3);
SELECT fn_nosuch(1);
-- DROP FUNCTION
DROP FUNCTION fn_nosuch(integer);
DROP FUNCTION IF EXISTS fn_nosuch(integer);
DROP FUNCTION fn_nosuch;
DROP FUNCTION fn_kind;
DROP FUNCTION fn_kind(text);
SELECT fn_kind('a'::text);
DROP FUNCTION fn_kind(integer), fn_kind(numeric);
-- transactional
BEGIN;
DROP FUNCTION fn_fact(integer);
SELECT fn_fact(3);
ROLLBACK;
SELECT fn_fact(3);
BEGIN;
CREATE FUNCTION fn_temp() RETURNS integer LANGUAGE sql AS 'SELECT 42';
SELECT fn_temp();
ROLLBACK;
SELECT fn_temp();
-- the catalog
SELECT proname, pronargs, pronargdefaults, proretset, provolatile, proisstrict, prorettype::regtype,
       proargnames, proargmodes
  FROM pg_proc WHERE proname LIKE 'fn\_%' ORDER BY proname, pronargs;
DROP FUNCTION fn_add(integer, integer), fn_pos(integer, text), fn_shadow(integer), fn_upto(integer),
  fn_rows(integer), fn_label(integer), fn_bump(integer), fn_insert(integer, text), fn_fact(integer);
DROP TABLE fn_t;

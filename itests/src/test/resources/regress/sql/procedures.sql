--
-- PROCEDURES
-- CREATE PROCEDURE, CALL (output parameters come back as one row), DROP PROCEDURE/ROUTINE, the errors
-- between functions and procedures, COMMIT and ROLLBACK inside procedures and DO blocks, ALTER
-- FUNCTION/PROCEDURE and psql's \df. Everything created is dropped.
--
CREATE PROCEDURE pr_add(a integer, INOUT b integer) LANGUAGE sql AS $$ SELECT a + b $$;
CALL pr_add(1, 2);
CALL pr_add(b => 5, a => 10);
CREATE PROCEDURE pr_twice(a integer, OUT b integer) LANGUAGE plpgsql AS $$ BEGIN b := a * 2; END $$;
CALL pr_twice(21, NULL);
CREATE PROCEDURE pr_inc(INOUT x integer, INOUT y text) LANGUAGE plpgsql AS $$ BEGIN x := x + 1; y := y || '!'; END $$;
CALL pr_inc(5, 'a');
SELECT proname, prokind, prorettype::regtype, proargtypes, proallargtypes, proargmodes, pronargs
  FROM pg_proc WHERE proname LIKE 'pr\_%' ORDER BY proname;
-- a procedure without output parameters changes tables and returns nothing
CREATE TABLE pr_t (a integer);
CREATE PROCEDURE pr_ins(v integer) LANGUAGE sql AS $$ INSERT INTO pr_t VALUES (v); INSERT INTO pr_t VALUES (v + 1) $$;
CALL pr_ins(10);
SELECT a FROM pr_t ORDER BY a;
-- functions and procedures do not mix
CREATE FUNCTION pr_fn(a integer) RETURNS integer LANGUAGE sql AS 'SELECT a';
SELECT pr_add(1, 2);
CALL pr_fn(1);
CALL pr_add(1);
CALL pr_nope(1);
CALL pr_add;
DROP FUNCTION pr_add(integer, integer);
DROP PROCEDURE pr_fn(integer);
CREATE OR REPLACE PROCEDURE pr_fn(a integer) LANGUAGE sql AS 'SELECT 1';
CREATE PROCEDURE pr_add(a integer, INOUT b integer) LANGUAGE sql AS $$ SELECT a + b $$;
CREATE PROCEDURE pr_bad(a integer DEFAULT 1, OUT b integer) LANGUAGE sql AS $$ SELECT a $$;
-- COMMIT and ROLLBACK inside a procedure called in its own transaction
CREATE TABLE pr_tc (a integer);
CREATE PROCEDURE pr_tx(n integer) LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..n LOOP
    INSERT INTO pr_tc VALUES (i);
    IF i % 2 = 0 THEN COMMIT; ELSE ROLLBACK; END IF;
  END LOOP;
END $$;
CALL pr_tx(4);
SELECT a FROM pr_tc ORDER BY a;
DO $$ BEGIN INSERT INTO pr_tc VALUES (100); COMMIT; INSERT INTO pr_tc VALUES (101); ROLLBACK; END $$;
SELECT a FROM pr_tc ORDER BY a;
-- ALTER FUNCTION and ALTER PROCEDURE
CREATE FUNCTION pr_alt(a integer) RETURNS integer LANGUAGE sql AS 'SELECT a';
ALTER FUNCTION pr_alt(integer) IMMUTABLE STRICT COST 7;
SELECT provolatile, proisstrict, procost FROM pg_proc WHERE proname = 'pr_alt';
ALTER FUNCTION pr_alt ROWS 5;
ALTER FUNCTION pr_alt RENAME TO pr_fn2;
CREATE SCHEMA pr_s;
ALTER FUNCTION pr_fn2 SET SCHEMA pr_s;
SELECT pr_s.pr_fn2(5);
ALTER PROCEDURE pr_ins(integer) IMMUTABLE;
ALTER PROCEDURE pr_ins(integer) SECURITY DEFINER;
SELECT prosecdef FROM pg_proc WHERE proname = 'pr_ins';
ALTER PROCEDURE pr_nope OWNER TO postgres;
ALTER FUNCTION pr_nope(integer) STABLE;
\df pr_*
DROP ROUTINE pr_add;
DROP PROCEDURE pr_twice, pr_inc, pr_ins, pr_tx;
DROP PROCEDURE IF EXISTS pr_nope(integer);
DROP FUNCTION pr_fn, pr_s.pr_fn2;
DROP SCHEMA pr_s;
DROP TABLE pr_t, pr_tc;

--
-- PLPGSQL
-- LANGUAGE plpgsql functions and DO blocks: declarations, assignment, conditionals, loops, queries into
-- variables, dynamic SQL, set-returning functions, RAISE, and EXCEPTION blocks that roll back to their
-- start. Everything created is dropped.
--
DO $$ BEGIN RAISE NOTICE 'hello from DO'; END $$;
DO $$
DECLARE
  i integer;
  total integer := 0;
  label text DEFAULT 'sum';
  two CONSTANT integer = 2;
BEGIN
  FOR i IN 1..10 LOOP
    total := total + i;
  END LOOP;
  RAISE NOTICE '% = %, doubled %', label, total, total * two;
  FOR i IN REVERSE 10..1 BY 4 LOOP
    RAISE NOTICE 'reverse %', i;
  END LOOP;
END
$$;
-- IF, CASE, WHILE, EXIT and CONTINUE with labels
CREATE FUNCTION pl_sign(n integer) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF n > 0 THEN
    RETURN 'positive';
  ELSIF n < 0 THEN
    RETURN 'negative';
  ELSE
    RETURN 'zero';
  END IF;
END
$$;
SELECT pl_sign(5), pl_sign(-3), pl_sign(0), pl_sign(NULL);
CREATE FUNCTION pl_case(n integer) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  CASE n
    WHEN 1, 2 THEN RETURN 'small';
    WHEN 3 THEN RETURN 'three';
    ELSE RETURN 'big';
  END CASE;
END
$$;
SELECT pl_case(1), pl_case(3), pl_case(9);
CREATE FUNCTION pl_case2(n integer) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  CASE WHEN n % 2 = 0 THEN RETURN 'even'; WHEN n = 1 THEN RETURN 'one'; END CASE;
  RETURN 'odd';
END
$$;
SELECT pl_case2(4), pl_case2(1);
SELECT pl_case2(3);
DO $$
DECLARE
  n integer := 0;
  hits text := '';
BEGIN
  <<outer>>
  LOOP
    n := n + 1;
    CONTINUE WHEN n % 3 = 0;
    WHILE length(hits) < 100 LOOP
      hits := hits || n::text;
      EXIT outer WHEN n >= 7;
      EXIT;
    END LOOP;
  END LOOP;
  RAISE NOTICE 'n=% hits=%', n, hits;
END
$$;
-- recursion and FOUND
CREATE FUNCTION pl_fib(n integer) RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
  IF n < 2 THEN
    RETURN n;
  END IF;
  RETURN pl_fib(n - 2) + pl_fib(n - 1);
END
$$;
SELECT pl_fib(20);
CREATE TABLE pl_t (id integer PRIMARY KEY, name text NOT NULL, score numeric(6,2));
CREATE FUNCTION pl_fill(n integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  c integer;
BEGIN
  FOR i IN 1..n LOOP
    INSERT INTO pl_t VALUES (i, 'name' || i, i * 1.5);
  END LOOP;
  UPDATE pl_t SET score = score + 1 WHERE id % 2 = 0;
  GET DIAGNOSTICS c = ROW_COUNT;
  RAISE NOTICE 'updated % rows, found %', c, FOUND;
  DELETE FROM pl_t WHERE id > 100;
  RAISE NOTICE 'deleted nothing, found %', FOUND;
  SELECT count(*) INTO c FROM pl_t;
  RETURN c;
END
$$;
SELECT pl_fill(6);
-- SELECT INTO, STRICT, records
CREATE FUNCTION pl_name(i integer) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  SELECT * INTO r FROM pl_t WHERE id = i;
  IF NOT FOUND THEN
    RETURN 'none';
  END IF;
  RETURN r.name || ' scores ' || r.score;
END
$$;
SELECT pl_name(2), pl_name(42);
DO $$ DECLARE x text; BEGIN SELECT name INTO STRICT x FROM pl_t WHERE id = 99; END $$;
DO $$ DECLARE x text; BEGIN SELECT name INTO STRICT x FROM pl_t WHERE id < 3; END $$;
DO $$ DECLARE x text; BEGIN SELECT name INTO x FROM pl_t WHERE id < 3 ORDER BY id DESC; RAISE NOTICE 'first %', x; END $$;
-- set-returning functions
CREATE FUNCTION pl_evens() RETURNS SETOF integer LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT id FROM pl_t ORDER BY id LOOP
    IF r.id % 2 = 0 THEN
      RETURN NEXT r.id;
    END IF;
  END LOOP;
  RETURN;
END
$$;
SELECT * FROM pl_evens();
CREATE FUNCTION pl_top(lim integer) RETURNS TABLE(id integer, name text) LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY SELECT t.id, t.name FROM pl_t t WHERE t.id <= lim ORDER BY t.id;
  id := 0;
  name := 'extra';
  RETURN NEXT;
END
$$;
SELECT * FROM pl_top(3);
-- FOREACH, arrays
DO $$
DECLARE
  a integer[] := ARRAY[3, 1, 4, 1, 5];
  v integer;
  s integer := 0;
BEGIN
  FOREACH v IN ARRAY a LOOP
    s := s + v;
  END LOOP;
  RAISE NOTICE 'sum of % is %', a, s;
END
$$;
-- EXECUTE
DO $$
DECLARE
  n bigint;
  who text;
BEGIN
  EXECUTE 'SELECT count(*) FROM pl_t WHERE id > $1' INTO n USING 2;
  EXECUTE format('SELECT name FROM %I WHERE id = $1', 'pl_t') INTO who USING 5;
  RAISE NOTICE 'n=% who=%', n, who;
  EXECUTE 'UPDATE pl_t SET name = upper(name) WHERE id = 1';
END
$$;
SELECT name FROM pl_t WHERE id = 1;
-- RAISE
DO $$ BEGIN RAISE WARNING 'a warning with %% and %', 'percent'; END $$;
DO $$ BEGIN RAISE EXCEPTION 'failed: % and %', 1, NULL; END $$;
DO $$ BEGIN RAISE EXCEPTION 'custom' USING ERRCODE = 'P0042', DETAIL = 'some detail', HINT = 'a hint'; END $$;
DO $$ BEGIN RAISE division_by_zero; END $$;
DO $$ BEGIN RAISE EXCEPTION USING MESSAGE = 'from USING'; END $$;
-- EXCEPTION blocks: the block's changes are rolled back, the handler sees SQLSTATE and SQLERRM
DO $$
BEGIN
  INSERT INTO pl_t VALUES (50, 'fifty', 0);
  INSERT INTO pl_t VALUES (1, 'duplicate', 0);
EXCEPTION
  WHEN unique_violation THEN
    RAISE NOTICE 'caught %: %', SQLSTATE, SQLERRM;
END
$$;
SELECT count(*) FROM pl_t WHERE id = 50;
CREATE FUNCTION pl_safe_div(a integer, b integer) RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
  RETURN a / b;
EXCEPTION
  WHEN division_by_zero THEN
    RAISE NOTICE 'division by zero, returning NULL';
    RETURN NULL;
END
$$;
SELECT pl_safe_div(10, 3), pl_safe_div(1, 0);
DO $$
BEGIN
  BEGIN
    PERFORM 1 / 0;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'inner caught %', SQLSTATE;
    RAISE;
  END;
EXCEPTION WHEN division_by_zero THEN
  RAISE NOTICE 'outer caught it again';
END
$$;
DO $$ BEGIN PERFORM 1 / 0; EXCEPTION WHEN unique_violation THEN RAISE NOTICE 'not this one'; END $$;
-- errors in the body
CREATE FUNCTION pl_noreturn() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; END $$;
SELECT pl_noreturn();
DO $$ BEGIN RAISE; END $$;
-- errors are transactional with the function's work
BEGIN;
SELECT pl_fill(3);
ROLLBACK;
SELECT count(*) FROM pl_t;
DROP FUNCTION pl_sign(integer), pl_case(integer), pl_case2(integer), pl_fib(integer), pl_fill(integer),
  pl_name(integer), pl_evens(), pl_top(integer), pl_safe_div(integer, integer), pl_noreturn();
DROP TABLE pl_t;

--
-- PLPGSQL_CURSOR
-- Cursors in PL/pgSQL: DECLARE c CURSOR [(args)] FOR query, refcursor variables, OPEN (bound, FOR query,
-- FOR EXECUTE ... USING), FETCH [direction] ... INTO, MOVE, CLOSE, FOR r IN c(args) LOOP, FOUND and
-- GET DIAGNOSTICS after them, a refcursor returned to the caller and read with FETCH there, and the errors.
-- Everything created is dropped.
--
CREATE TABLE cur_items (id int PRIMARY KEY, name text, price numeric(6,2));
INSERT INTO cur_items SELECT g, 'item ' || g, g * 1.5 FROM generate_series(1, 10) g;

-- a bound cursor with arguments, FETCH until NOT FOUND, CLOSE
CREATE FUNCTION cur_sum(lo int, hi int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
  c CURSOR (a int, b int) FOR SELECT id, price FROM cur_items WHERE id BETWEEN a AND b ORDER BY id;
  r record;
  total numeric := 0;
BEGIN
  OPEN c(lo, hi);
  LOOP
    FETCH c INTO r;
    EXIT WHEN NOT FOUND;
    total := total + r.price;
  END LOOP;
  CLOSE c;
  RETURN total;
END $$;
SELECT cur_sum(2, 4);
SELECT cur_sum(20, 30);

-- named arguments, FOR over a bound cursor
CREATE FUNCTION cur_names(lo int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  c CURSOR (a int, b int) FOR SELECT name FROM cur_items WHERE id >= a AND id < b ORDER BY id;
  s text := '';
BEGIN
  FOR r IN c(b := lo + 3, a := lo) LOOP
    s := s || r.name || ';';
  END LOOP;
  RAISE NOTICE 'found after FOR: %', found;
  RETURN s;
END $$;
SELECT cur_names(5);

-- scrolling: FETCH directions and MOVE, FOUND and ROW_COUNT
CREATE FUNCTION cur_scroll() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  c SCROLL CURSOR FOR SELECT id FROM cur_items ORDER BY id;
  x int;
  n int;
  k int := 3;
BEGIN
  OPEN c;
  FETCH LAST FROM c INTO x;
  RAISE NOTICE 'last %', x;
  FETCH FIRST FROM c INTO x;
  RAISE NOTICE 'first %', x;
  FETCH ABSOLUTE k FROM c INTO x;
  RAISE NOTICE 'absolute % %', k, x;
  FETCH RELATIVE 2 FROM c INTO x;
  RAISE NOTICE 'relative 2 %', x;
  FETCH PRIOR FROM c INTO x;
  RAISE NOTICE 'prior %', x;
  FETCH NEXT FROM c INTO x;
  RAISE NOTICE 'next %', x;
  MOVE FORWARD 2 FROM c;
  GET DIAGNOSTICS n = ROW_COUNT;
  RAISE NOTICE 'move forward 2: found % row_count %', found, n;
  FETCH c INTO x;
  RAISE NOTICE 'then %', x;
  MOVE FORWARD ALL FROM c;
  GET DIAGNOSTICS n = ROW_COUNT;
  RAISE NOTICE 'move all: found % row_count %', found, n;
  FETCH c INTO x;
  RAISE NOTICE 'past the end: % found %', x, found;
  MOVE BACKWARD 3 FROM c;
  FETCH c INTO x;
  RAISE NOTICE 'after backward 3: %', x;
  CLOSE c;
END $$;
SELECT cur_scroll();

-- unbound refcursor: OPEN FOR query, OPEN FOR EXECUTE ... USING
CREATE FUNCTION cur_unbound(dyn boolean) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  c refcursor;
  a int;
  b text;
BEGIN
  IF dyn THEN
    OPEN c FOR EXECUTE 'SELECT id, name FROM cur_items WHERE id = $1' USING 7;
  ELSE
    OPEN c FOR SELECT id, name FROM cur_items WHERE id = 3;
  END IF;
  FETCH c INTO a, b;
  CLOSE c;
  RETURN a || ' ' || b;
END $$;
SELECT cur_unbound(false);
SELECT cur_unbound(true);

-- a refcursor returned to the caller, who reads it in the same transaction
CREATE FUNCTION cur_open(lim int) RETURNS refcursor LANGUAGE plpgsql AS $$
DECLARE
  c refcursor;
BEGIN
  OPEN c FOR SELECT id, name FROM cur_items WHERE id <= lim ORDER BY id;
  RETURN c;
END $$;
CREATE FUNCTION cur_open_named(c refcursor) RETURNS refcursor LANGUAGE plpgsql AS $$
BEGIN
  OPEN c FOR SELECT name, price FROM cur_items ORDER BY id DESC LIMIT 2;
  RETURN c;
END $$;
BEGIN;
SELECT cur_open(3) AS portal \gset
SELECT :'portal' LIKE '<unnamed portal %>' AS unnamed;
FETCH ALL IN :"portal";
SELECT cur_open(2) AS portal \gset
FETCH NEXT FROM :"portal";
SELECT cur_open_named('mycursor');
FETCH ALL FROM mycursor;
SELECT name, statement LIKE '%cur_items%' AS reads_items FROM pg_cursors ORDER BY name;
COMMIT;

-- a cursor the caller declared, read by a function
CREATE FUNCTION cur_read(c refcursor) RETURNS int LANGUAGE plpgsql AS $$
DECLARE x int; total int := 0;
BEGIN
  LOOP
    FETCH c INTO x;
    EXIT WHEN NOT FOUND;
    total := total + x;
  END LOOP;
  RETURN total;
END $$;
BEGIN;
DECLARE callers CURSOR FOR SELECT id FROM cur_items WHERE id > 7;
SELECT cur_read('callers');
COMMIT;

-- a cursor opened in a block whose error a handler catches ends with the block's subtransaction
BEGIN;
DO $$
DECLARE c refcursor := 'in_block';
BEGIN
  BEGIN
    OPEN c FOR SELECT 1;
    PERFORM 1 / 0;
  EXCEPTION WHEN division_by_zero THEN
    RAISE NOTICE 'still open: %', (SELECT count(*) FROM pg_cursors WHERE name = 'in_block');
  END;
END $$;
ROLLBACK;

-- errors
CREATE FUNCTION cur_twice() RETURNS void LANGUAGE plpgsql AS $$
DECLARE c CURSOR FOR SELECT 1;
BEGIN
  OPEN c;
  OPEN c;
END $$;
BEGIN;
SELECT cur_twice();
ROLLBACK;
CREATE FUNCTION cur_null() RETURNS void LANGUAGE plpgsql AS $$
DECLARE c refcursor; x int;
BEGIN
  FETCH c INTO x;
END $$;
SELECT cur_null();
CREATE FUNCTION cur_missing() RETURNS void LANGUAGE plpgsql AS $$
DECLARE c refcursor := 'nosuchcursor'; x int;
BEGIN
  FETCH c INTO x;
END $$;
SELECT cur_missing();
CREATE FUNCTION cur_close_missing() RETURNS void LANGUAGE plpgsql AS $$
DECLARE c CURSOR FOR SELECT 1;
BEGIN
  CLOSE c;
END $$;
SELECT cur_close_missing();
CREATE FUNCTION cur_noscroll() RETURNS void LANGUAGE plpgsql AS $$
DECLARE c NO SCROLL CURSOR FOR SELECT id FROM cur_items ORDER BY id; x int;
BEGIN
  OPEN c;
  FETCH c INTO x;
  FETCH PRIOR FROM c INTO x;
END $$;
SELECT cur_noscroll();
CREATE FUNCTION cur_insert() RETURNS void LANGUAGE plpgsql AS $$
DECLARE c refcursor;
BEGIN
  OPEN c FOR EXECUTE 'DELETE FROM cur_items';
END $$;
SELECT cur_insert();
CREATE FUNCTION cur_multi() RETURNS void LANGUAGE plpgsql AS $$
DECLARE c refcursor; x int;
BEGIN
  FETCH ALL FROM c INTO x;
END $$;
CREATE FUNCTION cur_args() RETURNS void LANGUAGE plpgsql AS $$
DECLARE c CURSOR (a int) FOR SELECT a;
BEGIN
  OPEN c;
END $$;
CREATE FUNCTION cur_notcursor() RETURNS void LANGUAGE plpgsql AS $$
DECLARE c int;
BEGIN
  CLOSE c;
END $$;

-- FOR over a query reads it row by row: an error in a row comes after the rows before it, and rows the
-- loop's body adds or changes are not read again
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT 10 / (g - 3) AS q FROM generate_series(1, 5) g LOOP RAISE NOTICE '%', r.q; END LOOP;
END $$;
DO $$ DECLARE r record; BEGIN
  FOR r IN EXECUTE 'SELECT 10 / (g - 3) AS q FROM generate_series(1, 5) g' LOOP RAISE NOTICE '%', r.q; END LOOP;
END $$;
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT 1 / 0 AS q LOOP RAISE NOTICE '%', r.q; END LOOP;
END $$;
DO $$ DECLARE r record; n int := 0; BEGIN
  FOR r IN SELECT * FROM cur_items LOOP
    UPDATE cur_items SET price = price + 1 WHERE id = r.id;
    INSERT INTO cur_items VALUES (r.id + 100, r.name, 0);
    n := n + 1;
  END LOOP;
  RAISE NOTICE 'iterations: %, found: %', n, found;
END $$;
SELECT count(*), sum(price) FROM cur_items;

DROP FUNCTION cur_sum(int, int);
DROP FUNCTION cur_names(int);
DROP FUNCTION cur_scroll();
DROP FUNCTION cur_unbound(boolean);
DROP FUNCTION cur_open(int);
DROP FUNCTION cur_open_named(refcursor);
DROP FUNCTION cur_read(refcursor);
DROP FUNCTION cur_twice();
DROP FUNCTION cur_null();
DROP FUNCTION cur_missing();
DROP FUNCTION cur_close_missing();
DROP FUNCTION cur_noscroll();
DROP FUNCTION cur_insert();
DROP TABLE cur_items;

--
-- PLPGSQL_RETURNING
-- PL/pgSQL: INSERT/UPDATE/DELETE ... RETURNING ... INTO [STRICT], EXECUTE ... INTO with a RETURNING
-- statement, RETURN coalesce(NEW, OLD) in a trigger function, FOUND and GET DIAGNOSTICS after each kind of
-- statement (EXECUTE leaves FOUND alone), GET STACKED DIAGNOSTICS in a handler.
-- Everything created is dropped.
--
CREATE TABLE ret_items (id int PRIMARY KEY, v text);
INSERT INTO ret_items VALUES (1, 'a'), (2, 'b'), (3, 'c');
CREATE TABLE ret_audit (op text, id int);
CREATE FUNCTION ret_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ret_audit VALUES (tg_op, coalesce(new.id, old.id));
  RETURN coalesce(NEW, OLD);
END $$;
CREATE TRIGGER ret_items_trg BEFORE INSERT OR UPDATE OR DELETE ON ret_items
  FOR EACH ROW EXECUTE FUNCTION ret_trg();
INSERT INTO ret_items VALUES (4, 'd');
UPDATE ret_items SET v = 'bb' WHERE id = 2;
DELETE FROM ret_items WHERE id = 3;
SELECT * FROM ret_items ORDER BY id;
SELECT * FROM ret_audit;
DROP TRIGGER ret_items_trg ON ret_items;

CREATE FUNCTION ret_into() RETURNS text LANGUAGE plpgsql AS $$
DECLARE n int; s text; c int; r record;
BEGIN
  INSERT INTO ret_items VALUES (10, 'x') RETURNING id INTO n;
  UPDATE ret_items SET v = 'y' WHERE id = 10 RETURNING v INTO STRICT s;
  GET DIAGNOSTICS c = ROW_COUNT;
  RAISE NOTICE 'n=% s=% c=% found=%', n, s, c, found;
  DELETE FROM ret_items WHERE id = 999 RETURNING id INTO n;
  RAISE NOTICE 'n=% found=%', n, found;
  INSERT INTO ret_items VALUES (11, 'z') RETURNING * INTO r;
  RAISE NOTICE 'r=% r.v=%', r, r.v;
  BEGIN
    DELETE FROM ret_items WHERE id = 999 RETURNING id INTO STRICT n;
  EXCEPTION WHEN no_data_found THEN
    RAISE NOTICE 'caught % % found=%', sqlstate, sqlerrm, found;
  END;
  BEGIN
    UPDATE ret_items SET v = v RETURNING id INTO n;
  EXCEPTION WHEN too_many_rows THEN
    RAISE NOTICE 'caught % % found=%', sqlstate, sqlerrm, found;
  END;
  EXECUTE 'SELECT v FROM ret_items WHERE id = $1' INTO s USING 10;
  RAISE NOTICE 'execute s=%', s;
  PERFORM 1 WHERE false;
  EXECUTE 'UPDATE ret_items SET v = $1 WHERE id = $2' USING 'w', 10;
  GET DIAGNOSTICS c = ROW_COUNT;
  RAISE NOTICE 'execute c=% found=%', c, found;
  EXECUTE 'INSERT INTO ret_items VALUES ($1, $2) RETURNING v' INTO s USING 12, 'q';
  RAISE NOTICE 'execute returning s=%', s;
  BEGIN
    EXECUTE 'UPDATE ret_items SET v = v RETURNING id' INTO n;
  EXCEPTION WHEN too_many_rows THEN
    RAISE NOTICE 'caught % %', sqlstate, sqlerrm;
  END;
  RETURN s;
END $$;
SELECT ret_into();
SELECT * FROM ret_items ORDER BY id;

-- errors that escape
CREATE FUNCTION ret_many() RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int;
BEGIN
  UPDATE ret_items SET v = v RETURNING id INTO n;
  RETURN n;
END $$;
SELECT ret_many();
CREATE FUNCTION ret_none() RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int;
BEGIN
  DELETE FROM ret_items WHERE false RETURNING id INTO STRICT n;
  RETURN n;
END $$;
SELECT ret_none();

-- GET STACKED DIAGNOSTICS
CREATE FUNCTION ret_stacked() RETURNS void LANGUAGE plpgsql AS $$
DECLARE st text; msg text; det text; hnt text;
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'unique_violation', MESSAGE = 'dup!', DETAIL = 'the detail', HINT = 'the hint';
EXCEPTION WHEN unique_violation THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL,
    hnt = PG_EXCEPTION_HINT;
  RAISE NOTICE 'stacked: % % % %', st, msg, det, hnt;
  BEGIN
    PERFORM 1 / 0;
  EXCEPTION WHEN division_by_zero THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
    RAISE NOTICE 'inner: % % [%]', st, msg, det;
  END;
END $$;
SELECT ret_stacked();
CREATE FUNCTION ret_bad_diag() RETURNS void LANGUAGE plpgsql AS $$
DECLARE st text;
BEGIN
  GET DIAGNOSTICS st = RETURNED_SQLSTATE;
END $$;
CREATE FUNCTION ret_outside() RETURNS void LANGUAGE plpgsql AS $$
DECLARE st text;
BEGIN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE;
END $$;
SELECT ret_outside();

-- FOUND after FOREACH, and CONTINUE/EXIT WHEN with labels
DO $$
DECLARE a int[] := ARRAY[1, 2, 3, 4, 5]; x int;
BEGIN
  <<outer>> FOREACH x IN ARRAY a LOOP
    CONTINUE outer WHEN x = 2;
    EXIT outer WHEN x = 4;
    RAISE NOTICE 'x=%', x;
  END LOOP;
  RAISE NOTICE 'found after FOREACH: %', found;
END $$;

DROP FUNCTION ret_trg();
DROP FUNCTION ret_into();
DROP FUNCTION ret_many();
DROP FUNCTION ret_none();
DROP FUNCTION ret_stacked();
DROP FUNCTION ret_outside();
DROP TABLE ret_items;
DROP TABLE ret_audit;

--
-- PLPGSQL_RECORD
-- PL/pgSQL record and row variables: DECLARE r record, r table%ROWTYPE, a table's name as a row type,
-- v table.column%TYPE, SELECT ... INTO a record, FOR r IN query, reading and assigning r.field.
-- Everything created is dropped.
--
CREATE TABLE rec_people (id integer PRIMARY KEY, name text NOT NULL, born date, score numeric(5,1));
INSERT INTO rec_people VALUES (1, 'Ada', '1815-12-10', 9.5), (2, 'Alan', '1912-06-23', 8), (3, 'Grace', NULL, NULL);
-- FOR over a query into a record
CREATE FUNCTION rec_list() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  r record;
  out text := '';
BEGIN
  FOR r IN SELECT id, name, score FROM rec_people ORDER BY id LOOP
    out := out || r.id || ':' || r.name || '(' || coalesce(r.score::text, 'none') || ') ';
  END LOOP;
  RETURN out;
END
$$;
SELECT rec_list();
-- SELECT INTO a record, and assigning a field
DO $$
DECLARE
  r record;
BEGIN
  SELECT * INTO r FROM rec_people WHERE id = 2;
  RAISE NOTICE 'found %, born %', r.name, r.born;
  r.name := upper(r.name);
  RAISE NOTICE 'now %', r.name;
  SELECT id * 10 AS big, 'x' AS tag INTO r FROM rec_people WHERE id = 1;
  RAISE NOTICE 'reshaped: % %', r.big, r.tag;
END
$$;
-- row variables: %ROWTYPE and the table's name; fields start NULL and keep their types
CREATE FUNCTION rec_bump(p_id integer) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  p rec_people%ROWTYPE;
  q rec_people;
  s rec_people.score%TYPE;
BEGIN
  IF q.name IS NULL THEN
    RAISE NOTICE 'q.name starts NULL';
  END IF;
  SELECT * INTO p FROM rec_people WHERE id = p_id;
  IF NOT FOUND THEN
    RETURN 'no person ' || p_id;
  END IF;
  s := coalesce(p.score, 0) + 0.25;
  p.score := s;
  UPDATE rec_people SET score = p.score WHERE id = p.id;
  RETURN p.name || ' now ' || p.score;
END
$$;
SELECT rec_bump(1);
SELECT rec_bump(3);
SELECT rec_bump(9);
SELECT * FROM rec_people ORDER BY id;
-- a record feeding RETURN NEXT through OUT columns
CREATE FUNCTION rec_older(cutoff date) RETURNS TABLE (who text, years integer) LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT name, born FROM rec_people WHERE born < cutoff ORDER BY born LOOP
    who := r.name;
    years := extract(year FROM cutoff) - extract(year FROM r.born);
    RETURN NEXT;
  END LOOP;
END
$$;
SELECT * FROM rec_older('2000-01-01');
-- errors
CREATE FUNCTION rec_bad() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  p rec_nosuch%ROWTYPE;
BEGIN
  RETURN 'x';
END
$$;
DO $$
DECLARE
  r record;
BEGIN
  SELECT * INTO r FROM rec_people WHERE id = 1;
  r.nosuch := 1;
END
$$;
DO $$
DECLARE
  r record;
BEGIN
  RAISE NOTICE 'value %', r.id;
END
$$;
DO $$
DECLARE
  r record;
BEGIN
  r.id := 1;
END
$$;
DROP FUNCTION rec_list();
DROP FUNCTION rec_bump(integer);
DROP FUNCTION rec_older(date);
DROP TABLE rec_people;

--
-- WITH_TRIGGERS
-- AFTER ROW and AFTER STATEMENT triggers of the parts of a statement with data-modifying WITH queries
-- fire once the whole statement has run (PostgreSQL's after-trigger queue at the end of the query), so
-- each sees what every part wrote; BEFORE triggers fire as each part runs. A trigger or function that
-- runs SQL sees what the statement wrote so far, but the statement never sees what the function wrote
-- (it reads with its own snapshot). Everything created is dropped.
--
CREATE TABLE wt_a (x integer);
CREATE TABLE wt_b (x integer);
CREATE FUNCTION wt_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF tg_level = 'ROW' AND tg_when = 'AFTER' THEN
    RAISE NOTICE '% % % % % sees a=% b=%', tg_when, tg_level, tg_op, tg_table_name,
      CASE WHEN tg_op = 'DELETE' THEN old.x ELSE new.x END, (SELECT count(*) FROM wt_a), (SELECT count(*) FROM wt_b);
  ELSIF tg_level = 'ROW' THEN
    RAISE NOTICE '% % % % %', tg_when, tg_level, tg_op, tg_table_name, CASE WHEN tg_op = 'DELETE' THEN old.x ELSE new.x END;
  ELSE
    RAISE NOTICE '% % % % sees a=% b=%', tg_when, tg_level, tg_op, tg_table_name,
      (SELECT count(*) FROM wt_a), (SELECT count(*) FROM wt_b);
  END IF;
  IF tg_op = 'DELETE' THEN RETURN old; END IF;
  RETURN new;
END $$;
CREATE TRIGGER wt_a_bs BEFORE INSERT OR UPDATE OR DELETE ON wt_a FOR EACH STATEMENT EXECUTE FUNCTION wt_note();
CREATE TRIGGER wt_a_br BEFORE INSERT OR UPDATE OR DELETE ON wt_a FOR EACH ROW EXECUTE FUNCTION wt_note();
CREATE TRIGGER wt_a_ar AFTER INSERT OR UPDATE OR DELETE ON wt_a FOR EACH ROW EXECUTE FUNCTION wt_note();
CREATE TRIGGER wt_a_as AFTER INSERT OR UPDATE OR DELETE ON wt_a FOR EACH STATEMENT EXECUTE FUNCTION wt_note();
-- the WITH query's table has triggers, the main query's none
WITH i AS (INSERT INTO wt_a VALUES (1), (2) RETURNING x) INSERT INTO wt_b SELECT x + 10 FROM i;
WITH u AS (UPDATE wt_a SET x = x + 100 RETURNING x) INSERT INTO wt_b SELECT x FROM u;
WITH d AS (DELETE FROM wt_a WHERE x = 101 RETURNING x) DELETE FROM wt_b WHERE x IN (SELECT x FROM d);
CREATE TRIGGER wt_b_bs BEFORE INSERT ON wt_b FOR EACH STATEMENT EXECUTE FUNCTION wt_note();
CREATE TRIGGER wt_b_br BEFORE INSERT ON wt_b FOR EACH ROW EXECUTE FUNCTION wt_note();
CREATE TRIGGER wt_b_ar AFTER INSERT ON wt_b FOR EACH ROW EXECUTE FUNCTION wt_note();
CREATE TRIGGER wt_b_as AFTER INSERT ON wt_b FOR EACH STATEMENT EXECUTE FUNCTION wt_note();
-- a WITH query nobody reads runs after the main query; the triggers fire in that order
WITH i AS (INSERT INTO wt_a VALUES (3)) INSERT INTO wt_b VALUES (20);
WITH i AS (INSERT INTO wt_a VALUES (4)), j AS (INSERT INTO wt_b VALUES (30)) SELECT 1 AS one;
CREATE TABLE wt_c (x integer);
WITH i AS (INSERT INTO wt_a VALUES (6)), j AS (INSERT INTO wt_b VALUES (50)) INSERT INTO wt_c VALUES (0);
DELETE FROM wt_a WHERE x = 6;
DELETE FROM wt_b WHERE x = 50;
-- a failing AFTER trigger fails the whole statement
CREATE FUNCTION wt_fail() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'wt_fail: a=%, b=%', (SELECT count(*) FROM wt_a), (SELECT count(*) FROM wt_b);
END $$;
CREATE TRIGGER wt_a_zz AFTER INSERT ON wt_a FOR EACH STATEMENT EXECUTE FUNCTION wt_fail();
WITH i AS (INSERT INTO wt_a VALUES (5)) INSERT INTO wt_b VALUES (40);
SELECT * FROM wt_a ORDER BY x;
SELECT * FROM wt_b ORDER BY x;
DROP TABLE wt_a, wt_b, wt_c;
DROP FUNCTION wt_note(), wt_fail();
-- what a statement and the functions it calls see of each other's changes
CREATE TABLE wt_t (x integer);
CREATE TABLE wt_log (x integer);
CREATE FUNCTION wt_log_it() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'row % sees t=% log=%', new.x, (SELECT count(*) FROM wt_t), (SELECT count(*) FROM wt_log);
  INSERT INTO wt_log VALUES (new.x);
  RETURN new;
END $$;
CREATE TRIGGER wt_t_br BEFORE INSERT ON wt_t FOR EACH ROW EXECUTE FUNCTION wt_log_it();
INSERT INTO wt_t VALUES (1), (2), (3);
INSERT INTO wt_t SELECT x + 10 FROM wt_t;
WITH a AS (INSERT INTO wt_t VALUES (20) RETURNING x), b AS (SELECT count(*) AS n FROM wt_log) SELECT * FROM a, b;
WITH a AS (INSERT INTO wt_t VALUES (21), (22) RETURNING x) SELECT x, (SELECT count(*) FROM wt_log) FROM a;
WITH a AS (INSERT INTO wt_t VALUES (23) RETURNING x)
  SELECT x, (SELECT count(*) FROM wt_log) AS log, (SELECT count(*) FROM wt_t) AS t FROM a;
CREATE FUNCTION wt_add(i integer) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO wt_log VALUES (i);
  RETURN (SELECT count(*) FROM wt_log);
END $$;
SELECT wt_add(x) - 11 AS func_sees, (SELECT count(*) FROM wt_log) - 11 AS query_sees FROM wt_t WHERE x < 10 ORDER BY x;
WITH a AS (INSERT INTO wt_t VALUES (wt_add(-1)) RETURNING x) SELECT (SELECT count(*) FROM wt_log WHERE x = -1) FROM a;
WITH u AS (UPDATE wt_t SET x = x + wt_add(-2) WHERE x = 1 RETURNING x)
  SELECT (SELECT count(*) FROM wt_log WHERE x = -2) FROM u;
SELECT count(*) FROM wt_log;
DROP TABLE wt_t, wt_log;
DROP FUNCTION wt_log_it(), wt_add(integer);

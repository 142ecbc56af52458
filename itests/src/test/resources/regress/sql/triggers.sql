--
-- TRIGGERS
-- CREATE TRIGGER with PL/pgSQL trigger functions: BEFORE ROW triggers changing or skipping rows, AFTER ROW
-- triggers fired at the end of the statement in order, statement triggers, the TG_ variables, WHEN and
-- UPDATE OF, ENABLE/DISABLE, COPY FROM, pg_trigger and pg_get_triggerdef, psql's \d footer, and the errors.
-- Everything created is dropped.
--
CREATE TABLE trg_items (id integer PRIMARY KEY, name text, price numeric(8,2), updated integer DEFAULT 0);
CREATE TABLE trg_log (n serial, event text);
-- a BEFORE ROW trigger normalizes the row, skips rows with a NULL name and counts updates
CREATE FUNCTION trg_items_before() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name IS NULL THEN
    RAISE NOTICE 'skipping row %', NEW.id;
    RETURN NULL;
  END IF;
  NEW.name := initcap(NEW.name);
  IF TG_OP = 'UPDATE' THEN
    NEW.updated := OLD.updated + 1;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER items_before BEFORE INSERT OR UPDATE ON trg_items
  FOR EACH ROW EXECUTE FUNCTION trg_items_before();
INSERT INTO trg_items VALUES (1, 'red apple', 1.5), (2, NULL, 2), (3, 'pear', 0.75);
SELECT * FROM trg_items ORDER BY id;
UPDATE trg_items SET price = price * 2 WHERE id = 1;
UPDATE trg_items SET name = NULL WHERE id = 3;
SELECT * FROM trg_items ORDER BY id;
-- AFTER ROW and statement triggers log what happened; they fire in name order
CREATE FUNCTION trg_logger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO trg_log (event) VALUES (TG_NAME || ' ' || TG_WHEN || ' ' || TG_LEVEL || ' ' || TG_OP || ' on '
    || TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME || ' args ' || TG_NARGS || coalesce(' ' || TG_ARGV[0], '')
    || CASE WHEN TG_LEVEL = 'ROW' THEN ' old=' || coalesce(OLD.id::text, '-') || ' new=' || coalesce(NEW.id::text, '-')
       ELSE '' END);
  RETURN NULL;
END
$$;
CREATE TRIGGER z_after_row AFTER INSERT OR UPDATE OR DELETE ON trg_items
  FOR EACH ROW EXECUTE FUNCTION trg_logger('z');
CREATE TRIGGER a_after_row AFTER INSERT OR DELETE ON trg_items
  FOR EACH ROW EXECUTE PROCEDURE trg_logger('a', 'second');
CREATE TRIGGER s_before_stmt BEFORE INSERT OR UPDATE OR DELETE ON trg_items
  FOR EACH STATEMENT EXECUTE FUNCTION trg_logger();
CREATE TRIGGER s_after_stmt AFTER DELETE ON trg_items EXECUTE FUNCTION trg_logger();
INSERT INTO trg_items VALUES (4, 'plum', 3), (5, 'fig', 4);
DELETE FROM trg_items WHERE id > 100;
DELETE FROM trg_items WHERE id = 5;
UPDATE trg_items SET price = 1 WHERE id = 4;
SELECT n, event FROM trg_log ORDER BY n;
TRUNCATE trg_log;
-- WHEN conditions and UPDATE OF
CREATE FUNCTION trg_notice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE '% (%): % -> %', TG_NAME, TG_OP, OLD.price, NEW.price;
  RETURN NEW;
END
$$;
ALTER TABLE trg_items DISABLE TRIGGER ALL;
CREATE TRIGGER price_change AFTER UPDATE ON trg_items FOR EACH ROW
  WHEN (OLD.price IS DISTINCT FROM NEW.price) EXECUTE FUNCTION trg_notice();
CREATE TRIGGER name_change BEFORE UPDATE OF name ON trg_items FOR EACH ROW EXECUTE FUNCTION trg_notice();
UPDATE trg_items SET price = price WHERE id = 1;
UPDATE trg_items SET price = 9 WHERE id = 1;
UPDATE trg_items SET name = 'apple', price = 10 WHERE id = 1;
ALTER TABLE trg_items DISABLE TRIGGER price_change;
UPDATE trg_items SET price = 11 WHERE id = 1;
ALTER TABLE trg_items ENABLE TRIGGER ALL;
SELECT tgname, tgtype, tgenabled, tgisinternal, tgnargs, encode(tgargs, 'escape') AS args
FROM pg_trigger WHERE tgrelid = 'trg_items'::regclass ORDER BY tgname;
SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'trg_items'::regclass ORDER BY tgname;
SELECT pg_get_triggerdef(oid, true) FROM pg_trigger WHERE tgname = 'price_change';
\d trg_items
-- an error in a trigger aborts the statement
CREATE FUNCTION trg_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.price < 0 THEN
    RAISE EXCEPTION 'negative price % for %', NEW.price, NEW.name USING ERRCODE = '22003';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER check_price BEFORE INSERT ON trg_items FOR EACH ROW EXECUTE FUNCTION trg_check();
INSERT INTO trg_items VALUES (6, 'lime', 1), (7, 'kiwi', -1);
SELECT count(*) FROM trg_items WHERE id IN (6, 7);
-- COPY FROM fires row triggers
DROP TRIGGER z_after_row ON trg_items;
DROP TRIGGER a_after_row ON trg_items;
COPY trg_items (id, name, price) FROM stdin;
8	mango	2.5
9	\N	1
\.
SELECT id, name, price FROM trg_items WHERE id >= 8 ORDER BY id;
SELECT n, event FROM trg_log ORDER BY n;
-- errors
SELECT trg_logger();
CREATE TRIGGER check_price BEFORE INSERT ON trg_items FOR EACH ROW EXECUTE FUNCTION trg_check();
CREATE TRIGGER t1 BEFORE INSERT ON trg_nosuch FOR EACH ROW EXECUTE FUNCTION trg_check();
CREATE TRIGGER t1 BEFORE INSERT ON trg_items FOR EACH ROW EXECUTE FUNCTION trg_nosuch();
CREATE FUNCTION trg_not_trigger() RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE TRIGGER t1 BEFORE INSERT ON trg_items FOR EACH ROW EXECUTE FUNCTION trg_not_trigger();
CREATE TRIGGER t1 BEFORE INSERT ON trg_items FOR EACH ROW WHEN (OLD.id > 0) EXECUTE FUNCTION trg_check();
CREATE TRIGGER t1 BEFORE DELETE ON trg_items FOR EACH ROW WHEN (NEW.id > 0) EXECUTE FUNCTION trg_check();
CREATE TRIGGER t1 BEFORE INSERT ON trg_items WHEN (NEW.id > 0) EXECUTE FUNCTION trg_check();
CREATE TRIGGER t1 BEFORE UPDATE OF nosuch ON trg_items FOR EACH ROW EXECUTE FUNCTION trg_check();
CREATE TRIGGER t1 BEFORE TRUNCATE ON trg_items FOR EACH ROW EXECUTE FUNCTION trg_check();
CREATE VIEW trg_view AS SELECT * FROM trg_items;
CREATE TRIGGER t1 BEFORE INSERT ON trg_view FOR EACH ROW EXECUTE FUNCTION trg_check();
CREATE TRIGGER t1 INSTEAD OF INSERT ON trg_items FOR EACH ROW EXECUTE FUNCTION trg_check();
DROP TRIGGER nosuch ON trg_items;
DROP TRIGGER IF EXISTS nosuch ON trg_items;
DROP TRIGGER IF EXISTS nosuch ON trg_nosuch;
-- TRUNCATE fires statement triggers; a disabled trigger gets its own \d section
CREATE FUNCTION trg_say() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE '% % % % on %', TG_NAME, TG_WHEN, TG_LEVEL, TG_OP, TG_TABLE_NAME;
  RETURN NULL;
END
$$;
CREATE TRIGGER log_truncate_before BEFORE TRUNCATE ON trg_log EXECUTE FUNCTION trg_say();
CREATE TRIGGER log_truncate_after AFTER TRUNCATE ON trg_log FOR EACH STATEMENT EXECUTE FUNCTION trg_say();
CREATE TRIGGER log_insert AFTER INSERT ON trg_log FOR EACH ROW EXECUTE FUNCTION trg_say();
ALTER TABLE trg_log DISABLE TRIGGER log_insert;
TRUNCATE trg_log;
INSERT INTO trg_log (event) VALUES ('quiet');
\d trg_log
-- trigger functions that do not return a row, or cannot be trigger functions
CREATE FUNCTION trg_noreturn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NULL;
END
$$;
CREATE TRIGGER noreturn BEFORE INSERT ON trg_log FOR EACH ROW EXECUTE FUNCTION trg_noreturn();
INSERT INTO trg_log (event) VALUES ('x');
DROP TRIGGER noreturn ON trg_log;
CREATE FUNCTION trg_args(x integer) RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE FUNCTION trg_sql() RETURNS trigger LANGUAGE sql AS 'SELECT 1';
-- a trigger depends on its function
CREATE FUNCTION trg_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER once AFTER INSERT ON trg_log FOR EACH ROW EXECUTE FUNCTION trg_once();
DROP FUNCTION trg_once();
DROP FUNCTION trg_once() CASCADE;
SELECT count(*) FROM pg_trigger WHERE tgname = 'once';
-- CREATE OR REPLACE changes a trigger in place
CREATE OR REPLACE TRIGGER check_price AFTER INSERT ON trg_items FOR EACH ROW EXECUTE FUNCTION trg_logger('replaced');
SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'check_price';
-- DROP TABLE drops its triggers
DROP VIEW trg_view;
DROP TABLE trg_items;
SELECT count(*) FROM pg_trigger WHERE tgname IN ('items_before', 'check_price', 'price_change');
DROP TABLE trg_log;
DROP FUNCTION trg_items_before();
DROP FUNCTION trg_logger();
DROP FUNCTION trg_notice();
DROP FUNCTION trg_check();
DROP FUNCTION trg_not_trigger();
DROP FUNCTION trg_say();
DROP FUNCTION trg_noreturn();

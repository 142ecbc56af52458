--
-- CONSTRAINTS_DEFERRED
-- DEFERRABLE keys and foreign keys: the catalog attributes, SET CONSTRAINTS, checks at the end of the
-- statement and at COMMIT (the error is COMMIT's answer and the transaction is gone), ROLLBACK TO dropping
-- what was queued after the savepoint, ALTER CONSTRAINT, and CREATE CONSTRAINT TRIGGER.
-- Everything created is dropped.
--
CREATE TABLE dfr_parent (id integer PRIMARY KEY, code integer UNIQUE DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE dfr_child (id integer PRIMARY KEY,
  parent integer CONSTRAINT dfr_child_parent_fk REFERENCES dfr_parent DEFERRABLE INITIALLY DEFERRED,
  other integer REFERENCES dfr_parent (id) DEFERRABLE);
SELECT conname, contype, condeferrable, condeferred FROM pg_constraint
  WHERE conrelid IN ('dfr_parent'::regclass, 'dfr_child'::regclass) ORDER BY conname;
SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'dfr_child'::regclass ORDER BY conname;
\d dfr_child
\d dfr_parent
-- a deferred foreign key is checked at COMMIT
BEGIN;
INSERT INTO dfr_child VALUES (1, 10, NULL);
INSERT INTO dfr_parent VALUES (10, 100);
COMMIT;
BEGIN;
INSERT INTO dfr_child VALUES (2, 20, NULL);
COMMIT;
SELECT * FROM dfr_child ORDER BY id;
-- a row deleted before COMMIT needs no check
BEGIN;
INSERT INTO dfr_child VALUES (3, 30, NULL);
DELETE FROM dfr_child WHERE id = 3;
COMMIT;
-- NO ACTION of a deferred key waits for COMMIT: the key may come back
BEGIN;
DELETE FROM dfr_parent WHERE id = 10;
INSERT INTO dfr_parent VALUES (10, 101);
COMMIT;
BEGIN;
DELETE FROM dfr_parent WHERE id = 10;
COMMIT;
SELECT * FROM dfr_parent ORDER BY id;
-- DEFERRABLE INITIALLY IMMEDIATE: checked at the end of each statement
BEGIN;
INSERT INTO dfr_child VALUES (4, NULL, 40);
ROLLBACK;
BEGIN;
SET CONSTRAINTS dfr_child_other_fkey DEFERRED;
INSERT INTO dfr_child VALUES (4, NULL, 40);
SET CONSTRAINTS dfr_child_other_fkey IMMEDIATE;
ROLLBACK;
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO dfr_child VALUES (4, NULL, 40);
INSERT INTO dfr_parent VALUES (40, 400);
SET CONSTRAINTS ALL IMMEDIATE;
COMMIT;
-- ROLLBACK TO drops what was queued after the savepoint
BEGIN;
INSERT INTO dfr_child VALUES (5, 50, NULL);
SAVEPOINT s1;
INSERT INTO dfr_child VALUES (6, 60, NULL);
ROLLBACK TO s1;
INSERT INTO dfr_parent VALUES (50, 500);
COMMIT;
SELECT * FROM dfr_child ORDER BY id;
-- errors
SET CONSTRAINTS ALL DEFERRED;
BEGIN;
SET CONSTRAINTS dfr_parent_pkey DEFERRED;
ROLLBACK;
BEGIN;
SET CONSTRAINTS no_such_constraint IMMEDIATE;
ROLLBACK;
CREATE TABLE dfr_bad (a integer CHECK (a > 0) DEFERRABLE);
CREATE TABLE dfr_bad (a integer, CHECK (a > 0) DEFERRABLE);
CREATE TABLE dfr_bad (a integer UNIQUE NOT DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE dfr_bad (a integer REFERENCES dfr_parent (code));
-- a deferred unique key: duplicates until COMMIT
BEGIN;
UPDATE dfr_parent SET code = 100 WHERE id = 40;
UPDATE dfr_parent SET code = 400 WHERE id = 10;
UPDATE dfr_parent SET code = 100 WHERE id = 50;
COMMIT;
SELECT * FROM dfr_parent ORDER BY id;
-- DEFERRABLE INITIALLY IMMEDIATE primary key: a statement may pass through duplicates
CREATE TABLE dfr_seq (id integer PRIMARY KEY DEFERRABLE, v text);
INSERT INTO dfr_seq SELECT g, 'v' || g FROM generate_series(1, 5) g;
UPDATE dfr_seq SET id = id + 1;
SELECT * FROM dfr_seq ORDER BY id;
INSERT INTO dfr_seq VALUES (2, 'dup');
BEGIN;
SET CONSTRAINTS dfr_seq_pkey DEFERRED;
INSERT INTO dfr_seq VALUES (2, 'dup');
UPDATE dfr_seq SET id = 1 WHERE v = 'dup';
COMMIT;
SELECT * FROM dfr_seq ORDER BY id;
-- ALTER CONSTRAINT (foreign keys only)
ALTER TABLE dfr_child ALTER CONSTRAINT dfr_child_other_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE dfr_child ALTER CONSTRAINT dfr_child_parent_fk NOT DEFERRABLE;
SELECT conname, condeferrable, condeferred FROM pg_constraint WHERE conrelid = 'dfr_child'::regclass
  ORDER BY conname;
ALTER TABLE dfr_parent ALTER CONSTRAINT dfr_parent_pkey DEFERRABLE;
ALTER TABLE dfr_parent ALTER CONSTRAINT nope DEFERRABLE;
-- constraint triggers
CREATE TABLE dfr_log (n serial, msg text);
CREATE FUNCTION dfr_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dfr_log (msg) VALUES (TG_NAME || ' ' || TG_OP || ' ' || NEW.id);
  IF NEW.v = 'bad' AND TG_NAME = 'dfr_seq_later' THEN
    RAISE EXCEPTION 'row % is bad', NEW.id;
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER dfr_seq_later AFTER INSERT OR UPDATE ON dfr_seq
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dfr_check();
CREATE CONSTRAINT TRIGGER dfr_seq_now AFTER INSERT ON dfr_seq FROM dfr_parent
  FOR EACH ROW EXECUTE FUNCTION dfr_check();
SELECT tgname, tgdeferrable, tginitdeferred, tgconstrrelid::regclass FROM pg_trigger
  WHERE tgrelid = 'dfr_seq'::regclass AND NOT tgisinternal ORDER BY tgname;
SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'dfr_seq'::regclass AND NOT tgisinternal
  ORDER BY tgname;
\d dfr_seq
BEGIN;
INSERT INTO dfr_seq VALUES (10, 'ten');
SELECT msg FROM dfr_log ORDER BY n;
COMMIT;
SELECT msg FROM dfr_log ORDER BY n;
BEGIN;
INSERT INTO dfr_seq VALUES (11, 'bad');
COMMIT;
SELECT id FROM dfr_seq WHERE id > 9;
SELECT msg FROM dfr_log ORDER BY n;
BEGIN;
INSERT INTO dfr_seq VALUES (12, 'twelve');
SET CONSTRAINTS dfr_seq_later IMMEDIATE;
SELECT msg FROM dfr_log ORDER BY n;
COMMIT;
CREATE OR REPLACE CONSTRAINT TRIGGER dfr_seq_now AFTER INSERT ON dfr_seq
  FOR EACH ROW EXECUTE FUNCTION dfr_check();
DROP TRIGGER dfr_seq_later ON dfr_seq;
SELECT conname, contype FROM pg_constraint WHERE conrelid = 'dfr_seq'::regclass ORDER BY conname;
DROP TABLE dfr_seq, dfr_child, dfr_parent, dfr_log;
DROP FUNCTION dfr_check();

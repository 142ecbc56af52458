--
-- TRIGGERS_INSTEAD
-- INSTEAD OF triggers on views: INSERT, UPDATE and DELETE on a view run the trigger with NEW and OLD, the
-- command counts the rows it returned non-NULL for, RETURNING shows what it returned; statement triggers of
-- the view fire around them; the errors for the wrong relation kinds and forms.
-- Everything created is dropped.
--
CREATE TABLE io_items (id integer PRIMARY KEY, name text, qty integer);
CREATE VIEW io_view AS SELECT id, upper(name) AS name, qty * 2 AS double_qty FROM io_items;
CREATE FUNCTION io_view_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE '% % % on %', TG_NAME, TG_WHEN, TG_OP, TG_TABLE_NAME;
  IF TG_OP = 'INSERT' THEN
    IF NEW.id < 0 THEN
      RETURN NULL;
    END IF;
    INSERT INTO io_items VALUES (NEW.id, lower(NEW.name), NEW.double_qty / 2);
    NEW.name := NEW.name || '!';
    RETURN NEW;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE io_items SET id = NEW.id, name = lower(NEW.name), qty = NEW.double_qty / 2 WHERE id = OLD.id;
    RETURN NEW;
  ELSE
    DELETE FROM io_items WHERE id = OLD.id;
    RETURN OLD;
  END IF;
END
$$;
CREATE FUNCTION io_view_stmt() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE '% % % %', TG_NAME, TG_WHEN, TG_LEVEL, TG_OP;
  RETURN NULL;
END
$$;
CREATE TRIGGER io_view_row INSTEAD OF INSERT OR UPDATE OR DELETE ON io_view
  FOR EACH ROW EXECUTE FUNCTION io_view_change();
CREATE TRIGGER io_view_before BEFORE INSERT ON io_view EXECUTE FUNCTION io_view_stmt();
CREATE TRIGGER io_view_after AFTER UPDATE ON io_view FOR EACH STATEMENT EXECUTE FUNCTION io_view_stmt();
SELECT tgname, tgtype, tgenabled FROM pg_trigger WHERE tgrelid = 'io_view'::regclass ORDER BY tgname;
SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'io_view'::regclass ORDER BY tgname;
INSERT INTO io_view VALUES (1, 'Apple', 4), (-1, 'skipped', 0), (2, 'Pear', 10);
INSERT INTO io_view VALUES (3, 'Plum', 6) RETURNING *;
SELECT * FROM io_items ORDER BY id;
SELECT * FROM io_view ORDER BY id;
UPDATE io_view SET name = 'Green ' || name, double_qty = double_qty + 2 WHERE id >= 2 RETURNING id, name;
UPDATE io_view SET id = 10 WHERE id = 1;
SELECT * FROM io_items ORDER BY id;
DELETE FROM io_view WHERE name LIKE 'GREEN%' RETURNING *;
DELETE FROM io_view WHERE id = 99;
SELECT * FROM io_items ORDER BY id;
-- dropping and disabling
DROP TRIGGER io_view_row ON io_view;
CREATE TRIGGER io_view_ins INSTEAD OF INSERT ON io_view FOR EACH ROW EXECUTE FUNCTION io_view_change();
INSERT INTO io_view VALUES (4, 'fig', 2);
SELECT * FROM io_items ORDER BY id;
-- ALTER TRIGGER ... RENAME TO
ALTER TRIGGER io_view_ins ON io_view RENAME TO io_view_insert;
ALTER TRIGGER io_view_insert ON io_view RENAME TO io_view_before;
ALTER TRIGGER no_such_trigger ON io_view RENAME TO io_x;
SELECT tgname FROM pg_trigger WHERE tgrelid = 'io_view'::regclass ORDER BY tgname;
-- ENABLE ALWAYS / REPLICA (session_replication_role stays origin: replica-only triggers do not fire)
CREATE TRIGGER io_items_always AFTER INSERT ON io_items FOR EACH ROW EXECUTE FUNCTION io_view_stmt();
CREATE TRIGGER io_items_replica AFTER INSERT ON io_items FOR EACH ROW EXECUTE FUNCTION io_view_stmt();
ALTER TABLE io_items ENABLE ALWAYS TRIGGER io_items_always;
ALTER TABLE io_items ENABLE REPLICA TRIGGER io_items_replica;
SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'io_items'::regclass ORDER BY tgname;
\d io_items
INSERT INTO io_items VALUES (6, 'kiwi', 1);
ALTER TABLE io_items ENABLE TRIGGER ALL;
INSERT INTO io_items VALUES (7, 'lime', 1);
-- errors
CREATE TRIGGER io_bad INSTEAD OF INSERT ON io_items FOR EACH ROW EXECUTE FUNCTION io_view_change();
CREATE TRIGGER io_bad INSTEAD OF INSERT ON io_view EXECUTE FUNCTION io_view_change();
CREATE TRIGGER io_bad INSTEAD OF UPDATE OF name ON io_view FOR EACH ROW EXECUTE FUNCTION io_view_change();
CREATE TRIGGER io_bad INSTEAD OF INSERT ON io_view FOR EACH ROW WHEN (NEW.id > 0)
  EXECUTE FUNCTION io_view_change();
CREATE TRIGGER io_bad AFTER INSERT ON io_view FOR EACH ROW EXECUTE FUNCTION io_view_change();
DROP VIEW io_view;
DROP TABLE io_items;
DROP FUNCTION io_view_change(), io_view_stmt();

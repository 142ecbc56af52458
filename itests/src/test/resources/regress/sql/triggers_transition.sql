--
-- TRIGGERS_TRANSITION
-- Transition tables: REFERENCING OLD TABLE / NEW TABLE of AFTER statement and row triggers, read by the
-- trigger function's queries (joins, aggregates, an INSERT ... SELECT into an audit table),
-- pg_get_triggerdef's REFERENCING, psql's \d footer, and the errors of CreateTrigger's checks.
-- Everything created is dropped.
--
CREATE TABLE tt_stock (item text PRIMARY KEY, qty integer);
CREATE TABLE tt_audit (n serial, op text, item text, old_qty integer, new_qty integer);
CREATE FUNCTION tt_stock_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'inserted % rows, % units', (SELECT count(*) FROM added), (SELECT sum(qty) FROM added);
  INSERT INTO tt_audit (op, item, new_qty) SELECT 'I', item, qty FROM added ORDER BY item;
  RETURN NULL;
END
$$;
CREATE FUNCTION tt_stock_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tt_audit (op, item, old_qty, new_qty)
    SELECT 'U', o.item, o.qty, n.qty FROM before_rows o JOIN after_rows n ON n.item = o.item ORDER BY o.item;
  RETURN NULL;
END
$$;
CREATE FUNCTION tt_stock_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'deleting % (% of % rows)', OLD.item, (SELECT count(*) FROM removed WHERE item <= OLD.item),
    (SELECT count(*) FROM removed);
  RETURN NULL;
END
$$;
CREATE TRIGGER tt_stock_ins AFTER INSERT ON tt_stock REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION tt_stock_ins();
CREATE TRIGGER tt_stock_upd AFTER UPDATE ON tt_stock REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tt_stock_upd();
CREATE TRIGGER tt_stock_del AFTER DELETE ON tt_stock REFERENCING OLD TABLE AS removed
  FOR EACH ROW EXECUTE FUNCTION tt_stock_del();
SELECT tgname, tgoldtable, tgnewtable FROM pg_trigger WHERE tgrelid = 'tt_stock'::regclass ORDER BY tgname;
SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'tt_stock'::regclass ORDER BY tgname;
\d tt_stock
INSERT INTO tt_stock VALUES ('apple', 10), ('pear', 5), ('plum', 7);
INSERT INTO tt_stock SELECT 'none', 0 WHERE false;
UPDATE tt_stock SET qty = qty * 2 WHERE item <> 'pear';
DELETE FROM tt_stock WHERE qty > 6;
SELECT op, item, old_qty, new_qty FROM tt_audit ORDER BY n;
-- errors
CREATE TRIGGER tt_bad BEFORE INSERT ON tt_stock REFERENCING NEW TABLE AS n
  FOR EACH STATEMENT EXECUTE FUNCTION tt_stock_ins();
CREATE TRIGGER tt_bad AFTER INSERT OR UPDATE ON tt_stock REFERENCING NEW TABLE AS n
  FOR EACH STATEMENT EXECUTE FUNCTION tt_stock_ins();
CREATE TRIGGER tt_bad AFTER INSERT ON tt_stock REFERENCING OLD TABLE AS o
  FOR EACH STATEMENT EXECUTE FUNCTION tt_stock_ins();
CREATE TRIGGER tt_bad AFTER DELETE ON tt_stock REFERENCING NEW TABLE AS n
  FOR EACH STATEMENT EXECUTE FUNCTION tt_stock_ins();
CREATE TRIGGER tt_bad AFTER UPDATE ON tt_stock REFERENCING OLD TABLE AS x NEW TABLE AS x
  FOR EACH STATEMENT EXECUTE FUNCTION tt_stock_ins();
CREATE TRIGGER tt_bad AFTER UPDATE OF qty ON tt_stock REFERENCING NEW TABLE AS n
  FOR EACH STATEMENT EXECUTE FUNCTION tt_stock_ins();
CREATE TRIGGER tt_bad AFTER TRUNCATE ON tt_stock REFERENCING OLD TABLE AS o
  FOR EACH STATEMENT EXECUTE FUNCTION tt_stock_ins();
CREATE TRIGGER tt_bad AFTER INSERT ON tt_stock REFERENCING NEW ROW AS r
  FOR EACH ROW EXECUTE FUNCTION tt_stock_ins();
DROP TABLE tt_stock, tt_audit;
DROP FUNCTION tt_stock_ins(), tt_stock_upd(), tt_stock_del();

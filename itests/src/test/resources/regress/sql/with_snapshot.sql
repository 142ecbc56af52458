--
-- Data-modifying WITH: every part of the statement reads the snapshot from before it
-- (PostgreSQL documentation 7.8.4); only RETURNING passes rows on
--
CREATE TABLE wsn_products (id int PRIMARY KEY, price numeric);
INSERT INTO wsn_products VALUES (1, 10), (2, 20), (3, 30);
-- the main query sees the old prices
WITH t AS (UPDATE wsn_products SET price = price * 1.05 RETURNING *)
  SELECT * FROM wsn_products ORDER BY id;
SELECT * FROM wsn_products ORDER BY id;
-- RETURNING is how the new values get out
WITH t AS (UPDATE wsn_products SET price = price * 2 WHERE id = 1 RETURNING *)
  SELECT t.price AS new_price, p.price AS old_price FROM t JOIN wsn_products p USING (id);
-- the rows before the delete, even when the main query reads after the DELETE ran
WITH d AS (DELETE FROM wsn_products WHERE id = 3 RETURNING *)
  SELECT (SELECT count(*) FROM d) AS deleted, count(*) AS before FROM wsn_products;
SELECT count(*) FROM wsn_products;
WITH i AS (INSERT INTO wsn_products VALUES (4, 40) RETURNING id)
  SELECT (SELECT count(*) FROM i) AS inserted, count(*) AS before FROM wsn_products;
SELECT * FROM wsn_products ORDER BY id;
-- two parts changing one row: the first change is the one that happens
WITH a AS (UPDATE wsn_products SET price = 1 WHERE id = 2 RETURNING id),
     b AS (UPDATE wsn_products SET price = 2 WHERE id = 2 RETURNING id)
  SELECT (SELECT count(*) FROM a) AS a, (SELECT count(*) FROM b) AS b;
SELECT price FROM wsn_products WHERE id = 2;
WITH a AS (UPDATE wsn_products SET price = 3 WHERE id = 2 RETURNING id),
     b AS (DELETE FROM wsn_products WHERE id = 2 RETURNING id)
  SELECT (SELECT count(*) FROM a) AS a, (SELECT count(*) FROM b) AS b;
SELECT * FROM wsn_products ORDER BY id;
-- inside a transaction, the next statement sees the changes
BEGIN;
WITH d AS (DELETE FROM wsn_products WHERE id = 4 RETURNING *) SELECT count(*) FROM wsn_products;
SELECT count(*) FROM wsn_products;
ROLLBACK;
-- foreign keys are checked when the whole statement has run
CREATE TABLE wsn_parent (id int PRIMARY KEY);
CREATE TABLE wsn_child (pid int REFERENCES wsn_parent);
WITH c AS (INSERT INTO wsn_child VALUES (1) RETURNING pid),
     p AS (INSERT INTO wsn_parent VALUES (1) RETURNING id)
  SELECT (SELECT count(*) FROM c) AS children, (SELECT count(*) FROM p) AS parents;
WITH c AS (INSERT INTO wsn_child VALUES (2) RETURNING pid) SELECT count(*) FROM c;
SELECT * FROM wsn_child;
-- in a function: the function's next statement sees what the WITH changed
CREATE FUNCTION wsn_move() RETURNS text LANGUAGE plpgsql AS $$
DECLARE before bigint; after bigint;
BEGIN
  WITH d AS (DELETE FROM wsn_products WHERE id = 1 RETURNING *) SELECT count(*) INTO before FROM wsn_products;
  SELECT count(*) INTO after FROM wsn_products;
  RETURN before || ' ' || after;
END $$;
SELECT wsn_move();
DROP FUNCTION wsn_move();
DROP TABLE wsn_child, wsn_parent, wsn_products;

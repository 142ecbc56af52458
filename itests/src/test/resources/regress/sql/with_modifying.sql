--
-- INSERT, UPDATE and DELETE in WITH: run exactly once, read or not
--
CREATE TABLE wmod (a int);
INSERT INTO wmod VALUES (1), (2), (3);
-- every reference reads the same RETURNING rows
WITH d AS (UPDATE wmod SET a = a * 10 WHERE a > 1 RETURNING a, 'x' AS b)
  SELECT * FROM d d1, d d2 WHERE d1.a = d2.a ORDER BY 1;
SELECT a FROM wmod ORDER BY a;
WITH d AS (DELETE FROM wmod WHERE a >= 20 RETURNING *) SELECT count(*), sum(a) FROM d;
SELECT a FROM wmod ORDER BY a;
-- not read: runs anyway
WITH i AS (INSERT INTO wmod VALUES (5) RETURNING a) SELECT 7 AS seven;
WITH d AS (DELETE FROM wmod WHERE a = 1) SELECT 8 AS eight;
SELECT a FROM wmod ORDER BY a;
-- errors
WITH d AS (DELETE FROM wmod WHERE a = 1) SELECT * FROM d;
SELECT (WITH d AS (DELETE FROM wmod RETURNING *) SELECT count(*) FROM d);
WITH d AS (DELETE FROM wmod_missing RETURNING *) SELECT * FROM d;
DROP TABLE wmod;

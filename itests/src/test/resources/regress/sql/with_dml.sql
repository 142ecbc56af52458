--
-- WITH before INSERT, UPDATE and DELETE: the statement's queries read its WITH queries; the
-- data-modifying ones are parts of the same command
--
CREATE TABLE wdm_a (x int);
CREATE TABLE wdm_b (x int);
INSERT INTO wdm_a VALUES (1), (2);
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3)
  INSERT INTO wdm_b SELECT n FROM r;
WITH r AS (SELECT 5 AS n) UPDATE wdm_a SET x = r.n FROM r WHERE wdm_a.x = 1 RETURNING wdm_a.x, r.n;
WITH r AS (SELECT 2 AS n) DELETE FROM wdm_a USING r WHERE wdm_a.x = r.n RETURNING *;
WITH w AS (SELECT 1) INSERT INTO wdm_a VALUES (100);
WITH t AS (SELECT 7 AS y), u AS (SELECT y FROM t) INSERT INTO wdm_a SELECT y FROM u RETURNING *;
SELECT x FROM wdm_a ORDER BY x;
-- moving rows from one table to another
WITH moved AS (DELETE FROM wdm_a WHERE x < 10 RETURNING x) INSERT INTO wdm_b SELECT x FROM moved;
SELECT x FROM wdm_a ORDER BY x;
SELECT x FROM wdm_b ORDER BY x;
-- a WITH query that changes rows and is not read runs after the statement's own changes
WITH u AS (UPDATE wdm_a SET x = x + 1 RETURNING *) UPDATE wdm_a SET x = x * 100;
SELECT x FROM wdm_a;
-- a data-modifying WITH query reads the ones before it
WITH d AS (DELETE FROM wdm_b WHERE x <= 2 RETURNING *),
     e AS (INSERT INTO wdm_a SELECT x + 10 FROM d RETURNING *)
  SELECT * FROM e ORDER BY x;
SELECT x FROM wdm_a ORDER BY x;
-- foreign keys see every part's rows
CREATE TABLE wdm_parent (id int PRIMARY KEY);
CREATE TABLE wdm_child (pid int REFERENCES wdm_parent);
WITH p AS (INSERT INTO wdm_parent VALUES (5) RETURNING id) INSERT INTO wdm_child SELECT id FROM p;
WITH p AS (INSERT INTO wdm_parent VALUES (6) RETURNING id),
     c AS (INSERT INTO wdm_child SELECT id FROM p RETURNING pid)
  SELECT pid FROM c;
SELECT pid FROM wdm_child ORDER BY pid;
-- subqueries in UPDATE and DELETE read the WITH queries (and the target row)
WITH d AS (DELETE FROM wdm_a WHERE x > 100 RETURNING x)
  UPDATE wdm_a SET x = x + (SELECT count(*) FROM d) WHERE x IN (SELECT x - 9990 FROM d) OR x = 11
  RETURNING *;
WITH k AS (SELECT 6 AS id) DELETE FROM wdm_child WHERE pid = (SELECT id FROM k) RETURNING *;
UPDATE wdm_a SET x = sum(x);
DELETE FROM wdm_a WHERE max(x) = 1;
SELECT x FROM wdm_a ORDER BY x;
-- a scalar SQL function runs its data-modifying WITH query to the end
CREATE FUNCTION wdm_take() RETURNS bigint LANGUAGE sql AS
  'WITH d AS (DELETE FROM wdm_a WHERE x = 12 RETURNING *) SELECT count(*) FROM wdm_a';
SELECT wdm_take();
SELECT count(*) FROM wdm_a;
DROP FUNCTION wdm_take();
-- errors
DECLARE c CURSOR WITH HOLD FOR WITH d AS (DELETE FROM wdm_a RETURNING *) SELECT * FROM d;
INSERT INTO wdm_a WITH d AS (DELETE FROM wdm_a RETURNING *) SELECT * FROM d;
WITH w AS (SELECT 1), w AS (SELECT 2) DELETE FROM wdm_a;
WITH d AS (DELETE FROM wdm_a WHERE x = 1) INSERT INTO wdm_a SELECT * FROM d;
DROP TABLE wdm_child, wdm_parent, wdm_a, wdm_b;

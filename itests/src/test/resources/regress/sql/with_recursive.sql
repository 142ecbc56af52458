--
-- WITH RECURSIVE
--
WITH RECURSIVE t(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM t WHERE n < 10) SELECT sum(n), count(*) FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT * FROM t;
WITH RECURSIVE fib(a, b) AS (SELECT 0::numeric, 1::numeric UNION ALL SELECT b, a + b FROM fib WHERE a < 100)
  SELECT a FROM fib;
-- UNION removes duplicates, which ends the cycle
WITH RECURSIVE t(n) AS (SELECT 1 UNION SELECT (n % 4) + 1 FROM t) SELECT * FROM t ORDER BY n;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT (n % 4) + 1 FROM t) SELECT * FROM t LIMIT 6;
-- a tree
CREATE TABLE tree (id int PRIMARY KEY, parent int, name text);
INSERT INTO tree VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 1, 'b'), (4, 2, 'a1'), (5, 2, 'a2'), (6, 4, 'a1x'),
  (7, 3, 'b1');
WITH RECURSIVE sub(id, name, depth, path) AS (
    SELECT id, name, 0, name FROM tree WHERE parent IS NULL
  UNION ALL
    SELECT t.id, t.name, s.depth + 1, s.path || '/' || t.name FROM tree t JOIN sub s ON t.parent = s.id
) SELECT * FROM sub ORDER BY path;
WITH RECURSIVE up AS (
    SELECT id, parent, name FROM tree WHERE id = 6
  UNION ALL
    SELECT t.id, t.parent, t.name FROM tree t, up WHERE t.id = up.parent
) SELECT string_agg(name, ' <- ' ORDER BY id DESC) FROM up;
WITH RECURSIVE d AS (SELECT id FROM tree WHERE id = 2 UNION SELECT t.id FROM tree t JOIN d ON t.parent = d.id)
  SELECT count(*) FROM d;
-- several WITH queries, one recursive, the recursive one used twice
WITH RECURSIVE nums(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM nums WHERE n < 3),
  letters AS (SELECT 'x' AS l UNION ALL SELECT 'y')
SELECT a.n, b.n, l FROM nums a, nums b, letters WHERE a.n <= b.n ORDER BY 1, 2, 3;
-- a WITH RECURSIVE query that does not refer to itself is a plain one
WITH RECURSIVE plain AS (SELECT 42 AS answer) SELECT * FROM plain;
-- types: the non-recursive term decides
WITH RECURSIVE t(n) AS (SELECT 1::bigint UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT n, pg_typeof(n) FROM t;
WITH RECURSIVE t(s) AS (SELECT 'a'::text UNION ALL SELECT s || 'a' FROM t WHERE length(s) < 4) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1::bigint FROM t WHERE n < 3) SELECT * FROM t;
-- errors
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t LIMIT 3) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3 ORDER BY 1) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT n FROM t UNION ALL SELECT 1) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 INTERSECT SELECT n + 1 FROM t) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n, n FROM t) SELECT * FROM t;
WITH t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT * FROM t;
DROP TABLE tree;

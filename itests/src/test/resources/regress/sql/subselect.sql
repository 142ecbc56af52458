--
-- Subqueries: scalar, EXISTS, IN / NOT IN with NULLs, ANY / SOME / ALL, ARRAY(...), correlated ones,
-- subqueries in FROM, and their errors.
--
SELECT (SELECT 1) AS one, (SELECT 'x') AS x;
SELECT (SELECT max(g) FROM generate_series(1, 5) g) AS m;
SELECT (SELECT g FROM generate_series(1, 5) g WHERE g > 10) AS nothing;
SELECT (SELECT g FROM generate_series(1, 2) g);
SELECT (SELECT 1, 2);
SELECT EXISTS (SELECT 1) AS e1, EXISTS (SELECT 1 WHERE false) AS e2, NOT EXISTS (SELECT 1) AS e3;
SELECT 2 IN (SELECT g FROM generate_series(1, 3) g) AS in1, 5 IN (SELECT g FROM generate_series(1, 3) g) AS in2;
SELECT 2 NOT IN (SELECT g FROM generate_series(1, 3) g) AS n1, 5 NOT IN (SELECT g FROM generate_series(1, 3) g) AS n2;
SELECT 5 NOT IN (VALUES (1), (NULL)) AS n3, 1 NOT IN (VALUES (1), (NULL)) AS n4, NULL::int IN (VALUES (1)) AS n5;
SELECT 5 IN (VALUES (1), (NULL)) AS i1, 1 IN (VALUES (1), (NULL)) AS i2, 1 IN (SELECT 1 WHERE false) AS i3;
SELECT 3 = ANY (SELECT g FROM generate_series(1, 3) g) AS a1, 3 > ANY (SELECT g FROM generate_series(1, 3) g) AS a2;
SELECT 3 >= ALL (SELECT g FROM generate_series(1, 3) g) AS b1, 3 > ALL (SELECT g FROM generate_series(1, 3) g) AS b2;
SELECT 1 < SOME (VALUES (0), (NULL)) AS s1, 1 < ALL (SELECT 1 WHERE false) AS s2, 1 = ALL (VALUES (1), (NULL)) AS s3;
SELECT 1 = ANY (ARRAY[1, 2]) AS c1, 3 <> ALL (ARRAY[1, 2]) AS c2, 1 = ANY (ARRAY[NULL, 2]) AS c3;
SELECT ARRAY(SELECT g FROM generate_series(1, 4) g ORDER BY g DESC) AS arr;
SELECT ARRAY(SELECT 'x' || g FROM generate_series(1, 3) g) AS arr2;
-- correlated
SELECT g, (SELECT sum(h) FROM generate_series(1, g) h) AS running FROM generate_series(1, 5) g;
SELECT g FROM generate_series(1, 10) g WHERE EXISTS (SELECT 1 FROM generate_series(2, 3) d WHERE g % d = 0 AND g <> d);
SELECT g FROM generate_series(1, 10) g WHERE g NOT IN (SELECT a * b FROM generate_series(2, 5) a, generate_series(2, 5) b);
SELECT g, (SELECT count(*) FROM generate_series(1, 10) h WHERE h < g) AS smaller FROM generate_series(3, 5) g ORDER BY smaller DESC;
SELECT x, (SELECT y FROM (VALUES (1, 'one'), (2, 'two')) w(k, y) WHERE k = x) FROM (VALUES (1), (2), (3)) v(x);
-- in FROM
SELECT * FROM (SELECT g, g * g AS sq FROM generate_series(1, 4) g) s WHERE sq > 4;
SELECT s.total FROM (SELECT sum(g) AS total FROM generate_series(1, 10) g) s;
SELECT * FROM (SELECT * FROM (SELECT 1 AS a) x) y;
SELECT count(*) FROM (SELECT DISTINCT g % 3 FROM generate_series(1, 30) g) d;
SELECT * FROM (VALUES (1)) v(x) WHERE x = (SELECT 1);
SELECT * FROM (SELECT 1);
-- WITH
WITH x AS (SELECT 1 AS a), y(b) AS (SELECT a + 1 FROM x) SELECT * FROM x, y;
WITH t(n) AS (VALUES (2), (3)) SELECT n FROM t ORDER BY n DESC;
WITH t AS (SELECT g FROM generate_series(1, 3) g) SELECT sum(a.g * b.g) FROM t a, t b;
SELECT (WITH w AS (SELECT 2 AS v) SELECT v FROM w) AS nested;
WITH x AS (SELECT 1), x AS (SELECT 2) SELECT 1;
WITH x AS (SELECT * FROM x) SELECT * FROM x;

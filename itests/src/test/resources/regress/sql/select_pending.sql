--
-- SELECT without FROM: target lists, column names, VALUES, set-returning functions.
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT 1 UNION SELECT 2 ORDER BY 1;
SELECT 1 UNION ALL SELECT 1;
VALUES (1, 'one'), (2, 'two');
SELECT * FROM (VALUES (1), (2)) AS v(x);
SELECT generate_series(1, 3);
SELECT * FROM generate_series(1, 5, 2) AS g;
SELECT (SELECT 1) AS scalar_subquery;
SELECT EXISTS (SELECT 1) AS t;
SELECT count(*);
SELECT 1 AS x GROUP BY 1 HAVING true;

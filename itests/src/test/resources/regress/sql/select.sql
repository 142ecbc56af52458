--
-- SELECT without FROM: target lists, column names, VALUES, set-returning functions.
--
SELECT 1, 2 AS two, 'x' three, 1 + 1, -1, 'a' || 'b';
SELECT 1 AS "Mixed Case", 2 AS lower, 3 AS "with ""quotes""";
SELECT sqrt(4), upper('x'), CAST(1 AS text), 1::text, CASE WHEN true THEN 1 END, COALESCE(1), ARRAY[1];
SELECT null, null::int, null::text IS NULL;
SELECT 'a' AS x, 'b' AS x;
SELECT 123456789012345678901234567890 AS wide, 'short' AS s;
SELECT E'line1\nline2' AS multiline, 'x' AS other;
SELECT E'tab\tinside' AS t;
SELECT '' AS empty_string, null AS null_value;
SELECT 'ünïcödé' AS unicode, length('ünïcödé');
SELECT 1 WHERE false;
SELECT 1 WHERE true;
SELECT 1 WHERE null;
SELECT 1 AS a ORDER BY 1;
SELECT 1 LIMIT 0;
SELECT 1 OFFSET 1;
SELECT DISTINCT 1;
;
SELECT 1; SELECT 2;
-- psql echo keeps comments
SELECT /* inline comment */ 42 AS answer;  -- trailing comment
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

--
-- Aggregates, GROUP BY and HAVING over VALUES lists and generate_series: result types, NULL handling,
-- DISTINCT and FILTER, ordered string_agg/array_agg, grouping by ordinals, names and expressions, errors.
--
SELECT count(*), count(x), sum(x), avg(x), min(x), max(x) FROM (VALUES (1), (2), (NULL), (4)) v(x);
SELECT sum(x), avg(x) FROM (VALUES (1::int2), (2::int2)) v(x);
SELECT sum(x), avg(x) FROM (VALUES (10000000000), (2)) v(x);
SELECT sum(x), avg(x), min(x), max(x) FROM (VALUES (1.5), (2.25), (NULL)) v(x);
SELECT sum(x), avg(x) FROM (VALUES (1.5::float8), (2.5::float8)) v(x);
SELECT sum(x), avg(x) FROM (VALUES (1.5::float4), (2.5::float4)) v(x);
SELECT avg(x) FROM (VALUES (1), (2), (2)) v(x);
SELECT count(*), sum(x), avg(x), min(x), max(x), bool_and(x > 0) FROM (VALUES (1)) v(x) WHERE false;
SELECT min(s), max(s) FROM (VALUES ('pear'), ('apple'), ('zoo')) v(s);
SELECT min(d), max(d) FROM (VALUES (date '2020-01-02'), (date '2019-12-31')) v(d);
SELECT bool_and(b), bool_or(b), every(b) FROM (VALUES (true), (false), (NULL)) v(b);
SELECT string_agg(s, ', ') FROM (VALUES ('a'), ('b'), (NULL), ('c')) v(s);
SELECT string_agg(s, ', ' ORDER BY s DESC) FROM (VALUES ('a'), ('b'), ('c')) v(s);
SELECT array_agg(x), array_agg(x ORDER BY x DESC) FROM (VALUES (2), (NULL), (1)) v(x);
SELECT count(DISTINCT x), sum(DISTINCT x), count(*) FROM (VALUES (1), (1), (2), (NULL)) v(x);
SELECT count(*) FILTER (WHERE x > 1), sum(x) FILTER (WHERE x < 3) FROM generate_series(1, 5) x;
SELECT sum(g), count(*) FROM generate_series(1, 100000) g;
-- GROUP BY
SELECT k, count(*), sum(v) FROM (VALUES ('a', 1), ('b', 2), ('a', 3), (NULL, 4), (NULL, 5)) t(k, v)
  GROUP BY k ORDER BY k;
SELECT k, count(*) FROM (VALUES ('a', 1), ('b', 2), ('a', 3)) t(k, v) GROUP BY 1 ORDER BY 2 DESC, 1;
SELECT k AS key, max(v) FROM (VALUES ('a', 1), ('b', 2), ('a', 3)) t(k, v) GROUP BY key ORDER BY key;
SELECT v % 2 AS parity, count(*) FROM generate_series(1, 9) v GROUP BY v % 2 ORDER BY parity;
SELECT v % 3, sum(v) FROM generate_series(1, 9) v GROUP BY 1 HAVING sum(v) > 12 ORDER BY 1;
SELECT count(*) FROM generate_series(1, 9) v HAVING count(*) > 5;
SELECT count(*) FROM generate_series(1, 9) v HAVING count(*) > 50;
SELECT k, count(*) FROM (VALUES (1.0), (1.00), (2)) t(k) GROUP BY k ORDER BY k;
SELECT a, b, count(*) FROM (VALUES (1, 'x'), (1, 'y'), (1, 'x'), (2, 'x')) t(a, b) GROUP BY a, b ORDER BY a, b;
SELECT a + 1, count(*) FROM (VALUES (1), (1), (2)) t(a) GROUP BY a + 1 ORDER BY 1;
SELECT a, sum(b) * 2 + a FROM (VALUES (1, 10), (1, 20), (2, 5)) t(a, b) GROUP BY a ORDER BY a;
SELECT max(x) - min(x) AS spread FROM generate_series(3, 17) x;
SELECT 1 AS one FROM generate_series(1, 3) GROUP BY one;
-- errors
SELECT x, count(*) FROM (VALUES (1, 2)) t(x, y) GROUP BY y;
SELECT y FROM (VALUES (1, 2)) t(x, y) GROUP BY x;
SELECT count(*) FROM generate_series(1, 3) x WHERE count(*) > 1;
SELECT sum(count(*)) FROM generate_series(1, 3) x;
SELECT x FROM generate_series(1, 3) x GROUP BY 2;
SELECT sum('a'::text) FROM generate_series(1, 3) x;
SELECT upper(x) FILTER (WHERE true) FROM (VALUES ('a')) t(x);

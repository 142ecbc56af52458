--
-- Joins over VALUES lists and set-returning functions: inner, outer, cross, natural, USING, LATERAL,
-- join conditions, name resolution and its errors.
--
SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) AS l(id, x)
  JOIN (VALUES (1, 10), (3, 30), (4, 40)) AS r(id, y) ON l.id = r.id ORDER BY l.id;
SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) AS l(id, x)
  LEFT JOIN (VALUES (1, 10), (3, 30), (4, 40)) AS r(id, y) ON l.id = r.id ORDER BY l.id;
SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) AS l(id, x)
  RIGHT JOIN (VALUES (1, 10), (3, 30), (4, 40)) AS r(id, y) ON l.id = r.id ORDER BY r.id;
SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) AS l(id, x)
  FULL JOIN (VALUES (1, 10), (3, 30), (4, 40)) AS r(id, y) ON l.id = r.id ORDER BY l.id, r.id;
SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) AS l(id, x)
  JOIN (VALUES (1, 10), (3, 30), (4, 40)) AS r(id, y) USING (id) ORDER BY id;
SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) AS l(id, x)
  FULL JOIN (VALUES (1, 10), (3, 30), (4, 40)) AS r(id, y) USING (id) ORDER BY id;
SELECT id, l.id, r.id FROM (VALUES (1), (2)) AS l(id) LEFT JOIN (VALUES (2)) AS r(id) USING (id) ORDER BY 1;
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS l(id, x) NATURAL JOIN (VALUES (2, 'b'), (3, 'c')) AS r(id, x);
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS l(id, x) NATURAL LEFT JOIN (VALUES (2, 20)) AS r(id, z) ORDER BY id;
SELECT * FROM (VALUES (1), (2)) AS a(x) CROSS JOIN (VALUES ('p'), ('q')) AS b(y) ORDER BY x, y;
SELECT * FROM (VALUES (1), (2)) AS a(x), (VALUES ('p'), ('q')) AS b(y) ORDER BY y DESC, x DESC;
SELECT count(*) FROM generate_series(1, 10) a, generate_series(1, 10) b WHERE a < b;
SELECT a.g, b.g FROM generate_series(1, 4) a(g) JOIN generate_series(2, 6, 2) b(g) ON a.g = b.g;
SELECT a.g, b.g FROM generate_series(1, 4) a(g) JOIN generate_series(1, 4) b(g) ON a.g < b.g AND b.g - a.g = 2;
SELECT * FROM generate_series(1, 3) a LEFT JOIN generate_series(2, 3) b ON a = b AND b > 2 ORDER BY 1;
SELECT * FROM generate_series(1, 3) a LEFT JOIN generate_series(2, 3) b ON a = b WHERE b IS NULL;
SELECT * FROM (VALUES (1, NULL), (NULL, 2)) AS l(a, b) JOIN (VALUES (1, 2), (NULL, NULL)) AS r(a, b) ON l.a = r.a;
-- joins of joins
SELECT * FROM (VALUES (1), (2)) a(x)
  JOIN (VALUES (1), (2)) b(x) ON a.x = b.x
  JOIN (VALUES (2), (3)) c(x) ON b.x = c.x;
SELECT * FROM (VALUES (1), (2)) a(x)
  LEFT JOIN ((VALUES (1), (2)) b(x) JOIN (VALUES (2), (3)) c(x) ON b.x = c.x) ON a.x = b.x ORDER BY 1;
-- LATERAL
SELECT g, h FROM generate_series(1, 3) g, LATERAL generate_series(1, g) h;
SELECT g, h FROM generate_series(1, 3) g CROSS JOIN LATERAL (SELECT g * 10 AS h) s;
SELECT g, s.m FROM generate_series(1, 3) g, LATERAL (SELECT max(x) AS m FROM generate_series(1, g) x) s;
SELECT * FROM generate_series(1, 2) g, generate_series(g, 3) h ORDER BY 1, 2;
-- names
SELECT x FROM (VALUES (1)) AS a(x), (VALUES (2)) AS b(x);
SELECT c.x FROM (VALUES (1)) AS a(x);
SELECT a.y FROM (VALUES (1)) AS a(x);
SELECT * FROM (VALUES (1)) AS a(x), (VALUES (2)) AS a(y);
SELECT * FROM (VALUES (1)) AS a(x) JOIN (VALUES (1)) AS b(y) USING (x);
SELECT * FROM (VALUES (1)) AS a(x) JOIN (VALUES (1)) AS b(y) ON zz = 1;
SELECT a.* , b.* FROM (VALUES (1, 2)) AS a(x, y), (VALUES (3)) AS b(z);
SELECT b.*, a.x FROM (VALUES (1, 2)) AS a(x, y), (VALUES (3)) AS b(z);
SELECT * FROM (VALUES (1, 2, 3)) AS a(x, y, z, w);
SELECT * FROM (SELECT 1) sub;
SELECT * FROM (SELECT 1 AS a, 2 AS b) sub(c);

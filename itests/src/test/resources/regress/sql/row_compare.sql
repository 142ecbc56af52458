--
-- ROW COMPARISONS
--
SELECT (1, 2) = (1, 2) AS eq, (1, 2) <> (1, 3) AS ne, (1, 2) < (1, 3) AS lt, (1, 2) < (2, 0) AS lt2,
       (2, 0) <= (1, 9) AS le, (1, 2, 3) >= (1, 2, 3) AS ge, ROW(1, 'a') > ROW(1, 'A') AS gt;
SELECT (1, NULL) = (1, 2) AS a, (1, NULL) = (2, 2) AS b, (1, NULL) < (2, 0) AS c, (1, NULL) < (1, 2) AS d,
       (NULL, 1) < (1, 2) AS e, (1, 2) <> (NULL, 3) AS f;
SELECT (1, 2) IN ((1, 3), (1, 2)) AS a, (1, 2) NOT IN ((1, 3), (2, 2)) AS b, (1, NULL) IN ((1, 2)) AS c,
       ROW(1, 2) IN (ROW(3, 4), ROW(1, NULL)) AS d;
SELECT (NULL, NULL) IS NULL AS a, (1, NULL) IS NULL AS b, (1, NULL) IS NOT NULL AS c, (1, 2) IS NOT NULL AS d;
SELECT (1, 2.5) = (1, 2.50) AS numeric_pair, ('a', 1) < ('b', 0) AS mixed;
CREATE TABLE rc (a int, b int, c text);
INSERT INTO rc SELECT g / 4, g % 4, 'r' || g FROM generate_series(0, 19) g;
-- keyset pagination
SELECT * FROM rc WHERE (a, b) > (2, 1) ORDER BY a, b LIMIT 5;
SELECT * FROM rc WHERE (a, b) <= (1, 2) ORDER BY a DESC, b DESC;
SELECT count(*) FROM rc WHERE (a, b) IN ((0, 0), (1, 1), (9, 9));
SELECT c FROM rc WHERE (a, b, c) = (3, 2, 'r14');
PREPARE page(int, int) AS SELECT c FROM rc WHERE (a, b) > ($1, $2) ORDER BY a, b LIMIT 3;
EXECUTE page(4, 0);
-- errors
SELECT (1, 2) = (1, 2, 3);
SELECT (1, 2) < ('x', 2);
SELECT (1, 2) + (3, 4);
DROP TABLE rc;

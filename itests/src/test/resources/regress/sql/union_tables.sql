--
-- Set operations over tables (needs CREATE TABLE and INSERT).
--
CREATE TABLE u_a (x int, y text);
CREATE TABLE u_b (x bigint, y varchar(5));
INSERT INTO u_a VALUES (1, 'one'), (2, 'two'), (2, 'two'), (NULL, NULL);
INSERT INTO u_b VALUES (2, 'two'), (3, 'three'), (NULL, NULL);
SELECT x, y FROM u_a UNION SELECT x, y FROM u_b ORDER BY 1, 2;
SELECT x, y FROM u_a UNION ALL SELECT x, y FROM u_b ORDER BY 1, 2;
SELECT x, y FROM u_a INTERSECT SELECT x, y FROM u_b ORDER BY 1;
SELECT x, y FROM u_a EXCEPT SELECT x, y FROM u_b ORDER BY 1;
SELECT x, y FROM u_a EXCEPT ALL SELECT x, y FROM u_b ORDER BY 1;
SELECT y FROM u_b UNION SELECT y FROM u_a ORDER BY y NULLS FIRST;
DROP TABLE u_a, u_b;

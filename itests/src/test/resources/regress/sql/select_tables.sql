--
-- SELECT over tables (needs CREATE TABLE and INSERT): star expansion, qualified names, WHERE, ORDER BY
-- with output names and expressions, LIMIT/OFFSET/FETCH, DISTINCT, views, catalogs, and errors.
--
CREATE TABLE st (id int PRIMARY KEY, name text NOT NULL, score numeric(5,1), tag varchar(3));
INSERT INTO st VALUES (1, 'ann', 9.5, 'a'), (2, 'bob', 7.0, 'b'), (3, 'cid', NULL, 'a'), (4, 'dan', 7.0, NULL);
SELECT * FROM st ORDER BY id;
SELECT st.* FROM st WHERE score > 7 ORDER BY id;
SELECT public.st.name FROM public.st WHERE id = 2;
SELECT name, score * 2 AS double FROM st ORDER BY double DESC NULLS LAST, name;
SELECT name FROM st ORDER BY score, name;
SELECT name FROM st ORDER BY score DESC, id LIMIT 2;
SELECT name FROM st ORDER BY id OFFSET 2 ROWS FETCH FIRST 1 ROW ONLY;
SELECT DISTINCT score FROM st ORDER BY 1;
SELECT id FROM st WHERE tag IS NULL OR name LIKE 'c%' ORDER BY 1;
SELECT id FROM st WHERE id BETWEEN 2 AND 3 ORDER BY 1;
SELECT id FROM st WHERE id IN (1, 4) ORDER BY 1;
SELECT count(*) FROM st WHERE score = 7;
SELECT s.id, s.name FROM st AS s WHERE s.id = 1;
SELECT x.a FROM st AS x(a) WHERE x.a < 3 ORDER BY 1;
SELECT relname FROM pg_class WHERE relname = 'st';
SELECT id FROM st FOR UPDATE;
SELECT nosuch FROM st;
SELECT st.nosuch FROM st;
SELECT * FROM nosuch;
SELECT name FROM st s WHERE st.id = 1;
SELECT id FROM st ORDER BY 5;
DROP TABLE st;

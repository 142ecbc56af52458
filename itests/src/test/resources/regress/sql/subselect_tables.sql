--
-- Subqueries over tables (needs CREATE TABLE and INSERT).
--
CREATE TABLE s_t (a int, b text);
CREATE TABLE s_u (a int, c int);
INSERT INTO s_t VALUES (1, 'x'), (2, 'y'), (3, 'z'), (NULL, 'n');
INSERT INTO s_u VALUES (1, 10), (1, 11), (3, 30), (NULL, 0);
SELECT b FROM s_t WHERE a IN (SELECT a FROM s_u) ORDER BY b;
SELECT b FROM s_t WHERE a NOT IN (SELECT a FROM s_u) ORDER BY b;
SELECT b FROM s_t WHERE a NOT IN (SELECT a FROM s_u WHERE a IS NOT NULL) ORDER BY b;
SELECT b, (SELECT max(c) FROM s_u WHERE s_u.a = s_t.a) FROM s_t ORDER BY b;
SELECT b FROM s_t t WHERE EXISTS (SELECT 1 FROM s_u u WHERE u.a = t.a AND u.c > 20);
SELECT b FROM s_t WHERE a > ALL (SELECT a FROM s_u WHERE a IS NOT NULL) ORDER BY b;
SELECT b FROM s_t WHERE a = (SELECT min(a) FROM s_u);
SELECT (SELECT b FROM s_t);
SELECT * FROM (SELECT a, count(*) AS n FROM s_u GROUP BY a) g WHERE n > 1;
DROP TABLE s_t, s_u;

--
-- Joins over tables (needs CREATE TABLE and INSERT): equi-joins chosen as hash joins, outer joins
-- with conditions on either side, self joins, three-way joins, USING with aliases.
--
CREATE TABLE j_emp (id int PRIMARY KEY, name text, dept int, boss int);
CREATE TABLE j_dept (id int PRIMARY KEY, title text);
INSERT INTO j_emp VALUES (1, 'ann', 10, NULL), (2, 'bob', 10, 1), (3, 'cid', 20, 1), (4, 'dan', NULL, 2),
  (5, 'eve', 30, 3);
INSERT INTO j_dept VALUES (10, 'sales'), (20, 'dev'), (40, 'ops');
SELECT e.name, d.title FROM j_emp e JOIN j_dept d ON e.dept = d.id ORDER BY e.name;
SELECT e.name, d.title FROM j_emp e LEFT JOIN j_dept d ON e.dept = d.id ORDER BY e.name;
SELECT e.name, d.title FROM j_emp e RIGHT JOIN j_dept d ON e.dept = d.id ORDER BY d.title, e.name;
SELECT e.name, d.title FROM j_emp e FULL JOIN j_dept d ON e.dept = d.id ORDER BY e.name, d.title;
SELECT e.name, d.title FROM j_emp e LEFT JOIN j_dept d ON e.dept = d.id AND d.title <> 'dev' ORDER BY e.name;
SELECT e.name FROM j_emp e LEFT JOIN j_dept d ON e.dept = d.id WHERE d.id IS NULL ORDER BY 1;
SELECT e.name, b.name AS boss FROM j_emp e LEFT JOIN j_emp b ON e.boss = b.id ORDER BY e.id;
SELECT e.name, b.name AS boss, d.title FROM j_emp e JOIN j_emp b ON e.boss = b.id JOIN j_dept d ON d.id = b.dept
  ORDER BY 1;
SELECT d.title, count(e.id) FROM j_dept d LEFT JOIN j_emp e ON e.dept = d.id GROUP BY d.title ORDER BY 1;
SELECT * FROM j_emp NATURAL JOIN j_dept ORDER BY id;
SELECT id, name, title FROM j_emp JOIN j_dept USING (id) ORDER BY id;
SELECT e.*, d.title FROM j_emp e, j_dept d WHERE e.dept = d.id AND d.title = 'sales' ORDER BY e.id;
SELECT count(*) FROM j_emp a, j_emp b, j_emp c WHERE a.id < b.id AND b.id < c.id;
SELECT e.name FROM j_emp e WHERE e.dept IN (SELECT id FROM j_dept) ORDER BY 1;
SELECT e.name FROM j_emp e WHERE NOT EXISTS (SELECT 1 FROM j_dept d WHERE d.id = e.dept) ORDER BY 1;
SELECT name FROM j_emp WHERE id = ANY (SELECT boss FROM j_emp) ORDER BY 1;
EXPLAIN (COSTS OFF) SELECT name FROM j_emp WHERE id = 3;
SELECT count(*) FROM j_emp, j_dept;
SELECT name FROM j_emp, j_dept WHERE title = 'ops' ORDER BY 1;
DROP TABLE j_emp, j_dept;

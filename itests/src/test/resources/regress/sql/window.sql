--
-- WINDOW FUNCTIONS
--
CREATE TABLE empsalary (depname varchar, empno bigint, salary int, enroll_date date);
INSERT INTO empsalary VALUES
  ('develop', 10, 5200, '2007-08-01'), ('sales', 1, 5000, '2006-10-01'), ('personnel', 5, 3500, '2007-12-10'),
  ('sales', 4, 4800, '2007-08-08'), ('personnel', 2, 3900, '2006-12-23'), ('develop', 7, 4200, '2008-01-01'),
  ('develop', 9, 4500, '2008-01-01'), ('sales', 3, 4800, '2007-08-01'), ('develop', 8, 6000, '2006-10-01'),
  ('develop', 11, 5200, '2007-08-15');
SELECT depname, empno, salary, sum(salary) OVER (PARTITION BY depname) FROM empsalary ORDER BY depname, salary, empno;
SELECT depname, empno, salary, rank() OVER (PARTITION BY depname ORDER BY salary) FROM empsalary ORDER BY depname, salary, empno;
SELECT depname, empno, salary, row_number() OVER (PARTITION BY depname ORDER BY salary DESC, empno),
       dense_rank() OVER (PARTITION BY depname ORDER BY salary DESC) FROM empsalary ORDER BY depname, salary DESC, empno;
SELECT empno, salary, sum(salary) OVER (ORDER BY salary) AS running, count(*) OVER (ORDER BY salary) AS n
  FROM empsalary ORDER BY salary, empno;
SELECT empno, salary, avg(salary) OVER () AS overall, min(salary) OVER (), max(salary) OVER () FROM empsalary ORDER BY empno;
SELECT empno, percent_rank() OVER (ORDER BY salary), cume_dist() OVER (ORDER BY salary) FROM empsalary ORDER BY salary, empno;
SELECT empno, salary, ntile(3) OVER (ORDER BY salary, empno) FROM empsalary ORDER BY salary, empno;
SELECT empno, ntile(4) OVER (ORDER BY empno), ntile(20) OVER (ORDER BY empno) FROM empsalary ORDER BY empno;
SELECT empno, salary, lag(salary) OVER w, lead(salary) OVER w, lag(salary, 2, 0) OVER w, lead(salary, 3, -1) OVER w
  FROM empsalary WINDOW w AS (ORDER BY empno) ORDER BY empno;
SELECT empno, lag(empno, -1) OVER (ORDER BY empno), lead(empno, 0) OVER (ORDER BY empno) FROM empsalary ORDER BY empno;
SELECT depname, empno, first_value(empno) OVER w, last_value(empno) OVER w, nth_value(empno, 2) OVER w
  FROM empsalary WINDOW w AS (PARTITION BY depname ORDER BY empno) ORDER BY depname, empno;
SELECT depname, empno, first_value(empno) OVER w, last_value(empno) OVER w, nth_value(empno, 3) OVER w
  FROM empsalary WINDOW w AS (PARTITION BY depname ORDER BY empno ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  ORDER BY depname, empno;
-- frames
SELECT empno, salary, sum(salary) OVER (ORDER BY empno ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM empsalary ORDER BY empno;
SELECT empno, salary, sum(salary) OVER (ORDER BY empno ROWS 2 PRECEDING) FROM empsalary ORDER BY empno;
SELECT empno, salary, sum(salary) OVER (ORDER BY empno ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM empsalary ORDER BY empno;
SELECT empno, salary, sum(salary) OVER (ORDER BY empno ROWS BETWEEN 2 FOLLOWING AND 4 FOLLOWING) FROM empsalary ORDER BY empno;
SELECT empno, salary, sum(salary) OVER (ORDER BY empno ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING) FROM empsalary ORDER BY empno;
SELECT salary, empno, sum(empno) OVER (ORDER BY salary RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM empsalary ORDER BY salary, empno;
SELECT salary, empno, sum(empno) OVER (ORDER BY salary RANGE BETWEEN 300 PRECEDING AND 300 FOLLOWING) FROM empsalary ORDER BY salary, empno;
SELECT salary, empno, count(*) OVER (ORDER BY salary DESC RANGE BETWEEN 500 PRECEDING AND CURRENT ROW) FROM empsalary ORDER BY salary DESC, empno;
SELECT salary, empno, sum(empno) OVER (ORDER BY salary GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING),
  count(*) OVER (ORDER BY salary GROUPS BETWEEN CURRENT ROW AND 2 FOLLOWING) FROM empsalary ORDER BY salary, empno;
SELECT salary, empno, string_agg(empno::text, ',') OVER (ORDER BY salary, empno GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING)
  FROM empsalary ORDER BY salary, empno;
SELECT salary, empno, sum(empno) OVER (ORDER BY salary ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW)
  FROM empsalary ORDER BY salary, empno;
SELECT salary, empno, sum(empno) OVER (ORDER BY salary RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE GROUP)
  FROM empsalary ORDER BY salary, empno;
SELECT salary, empno, sum(empno) OVER (ORDER BY salary RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE TIES)
  FROM empsalary ORDER BY salary, empno;
SELECT salary, empno, first_value(empno) OVER (ORDER BY salary, empno ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING EXCLUDE NO OTHERS)
  FROM empsalary ORDER BY salary, empno;
-- with aggregation, FILTER, expressions, DISTINCT, LIMIT
SELECT depname, sum(salary), rank() OVER (ORDER BY sum(salary) DESC), sum(sum(salary)) OVER () FROM empsalary GROUP BY depname ORDER BY depname;
SELECT depname, count(*) FILTER (WHERE salary > 4500) OVER (PARTITION BY depname) FROM empsalary ORDER BY depname, empno;
SELECT empno, salary - avg(salary) OVER (PARTITION BY depname) AS diff, row_number() OVER () > 0 AS numbered
  FROM empsalary ORDER BY empno;
SELECT DISTINCT depname, count(*) OVER (PARTITION BY depname) FROM empsalary ORDER BY depname;
SELECT empno, row_number() OVER (ORDER BY empno DESC) FROM empsalary ORDER BY empno LIMIT 3;
SELECT empno FROM empsalary ORDER BY row_number() OVER (ORDER BY salary, empno) DESC LIMIT 3;
SELECT * FROM (SELECT depname, empno, rank() OVER (PARTITION BY depname ORDER BY salary DESC) AS r FROM empsalary) s
  WHERE r = 1 ORDER BY depname, empno;
SELECT x, sum(x) OVER (ORDER BY x), array_agg(x) OVER (ORDER BY x ROWS 1 PRECEDING)
  FROM (VALUES (1), (2), (NULL), (4)) v(x) ORDER BY x;
SELECT x, row_number() OVER (ORDER BY x NULLS FIRST), lag(x) OVER (ORDER BY x NULLS FIRST)
  FROM (VALUES (3), (NULL), (1)) v(x) ORDER BY x NULLS FIRST;
SELECT g, sum(g) OVER (ORDER BY g RANGE BETWEEN 2.5 PRECEDING AND CURRENT ROW) FROM generate_series(1, 6) g;
SELECT g::numeric / 2 AS h, count(*) OVER (ORDER BY g::numeric / 2 RANGE BETWEEN 1 PRECEDING AND 0.5 FOLLOWING)
  FROM generate_series(1, 6) g;
SELECT row_number() OVER (), count(*) OVER () FROM empsalary WHERE false;
-- plans
EXPLAIN (COSTS OFF) SELECT depname, rank() OVER (PARTITION BY depname ORDER BY salary) FROM empsalary;
EXPLAIN (COSTS OFF) SELECT sum(salary) OVER (), row_number() OVER () FROM empsalary;
-- named windows
SELECT empno, sum(salary) OVER w, rank() OVER (w ORDER BY salary) FROM empsalary WINDOW w AS (PARTITION BY depname)
  ORDER BY empno;
SELECT empno, sum(salary) OVER w2 FROM empsalary WINDOW w1 AS (PARTITION BY depname), w2 AS (w1 ORDER BY empno)
  ORDER BY empno;
-- errors
SELECT empno FROM empsalary WHERE row_number() OVER () > 1;
SELECT depname FROM empsalary GROUP BY depname HAVING rank() OVER () > 1;
SELECT sum(row_number() OVER ()) FROM empsalary;
SELECT row_number() OVER (ORDER BY rank() OVER ()) FROM empsalary;
SELECT upper(depname) OVER () FROM empsalary;
SELECT nosuch(1) OVER () FROM empsalary;
SELECT row_number(1) OVER () FROM empsalary;
SELECT rank() FILTER (WHERE true) OVER () FROM empsalary;
SELECT count(DISTINCT empno) OVER () FROM empsalary;
SELECT sum(salary) OVER nosuch FROM empsalary;
SELECT sum(salary) OVER (w ORDER BY empno) FROM empsalary WINDOW w AS (ORDER BY salary);
SELECT sum(salary) OVER (w PARTITION BY empno) FROM empsalary WINDOW w AS (ORDER BY salary);
SELECT sum(salary) OVER (w) FROM empsalary WINDOW w AS (ORDER BY salary ROWS 1 PRECEDING);
SELECT 1 FROM empsalary WINDOW w AS (), w AS ();
SELECT sum(salary) OVER (ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM empsalary;
SELECT sum(salary) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED PRECEDING) FROM empsalary;
SELECT sum(salary) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM empsalary;
SELECT sum(salary) OVER (ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM empsalary;
SELECT sum(salary) OVER (ROWS 1 FOLLOWING) FROM empsalary;
SELECT sum(salary) OVER (ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM empsalary;
SELECT sum(salary) OVER (ORDER BY salary RANGE BETWEEN -1 PRECEDING AND CURRENT ROW) FROM empsalary;
SELECT sum(salary) OVER (ROWS BETWEEN NULL PRECEDING AND CURRENT ROW) FROM empsalary;
SELECT sum(salary) OVER (ROWS BETWEEN salary PRECEDING AND CURRENT ROW) FROM empsalary;
SELECT sum(salary) OVER (GROUPS 1 PRECEDING) FROM empsalary;
SELECT sum(salary) OVER (ORDER BY salary, empno RANGE 1 PRECEDING) FROM empsalary;
SELECT ntile(0) OVER () FROM empsalary;
SELECT nth_value(empno, 0) OVER () FROM empsalary;
SELECT depname, salary, rank() OVER (ORDER BY empno) FROM empsalary GROUP BY depname;
DROP TABLE empsalary;

-- Functions returning a table's row type, a composite type, or record (with a column definition list).
CREATE TABLE emp (id int, name text, salary int);
INSERT INTO emp VALUES (1, 'ann', 100), (2, 'bob', 200), (3, 'cy d', 300);
CREATE TYPE pair AS (a int, b text);

-- SQL functions
CREATE FUNCTION all_emps() RETURNS SETOF emp LANGUAGE sql AS 'SELECT * FROM emp ORDER BY id';
CREATE FUNCTION one_emp(int) RETURNS emp LANGUAGE sql AS 'SELECT * FROM emp WHERE id = $1';
CREATE FUNCTION mkpair(int, text) RETURNS pair LANGUAGE sql AS 'SELECT $1, $2';
CREATE FUNCTION pairs(n int) RETURNS SETOF pair LANGUAGE sql AS 'SELECT i, repeat(''x'', i) FROM generate_series(1, n) i';
SELECT * FROM all_emps();
SELECT * FROM all_emps() WHERE salary > 100 ORDER BY name DESC;
SELECT name FROM all_emps() e WHERE e.id = 2;
SELECT all_emps();
SELECT (all_emps()).name;
SELECT * FROM one_emp(2);
SELECT * FROM one_emp(42);
SELECT one_emp(1);
SELECT (one_emp(1)).salary;
SELECT (one_emp(3)).*;
SELECT one_emp(42) IS NULL AS missing;
SELECT * FROM mkpair(7, 'seven');
SELECT mkpair(7, 'seven'), (mkpair(8, 'eight')).b;
SELECT * FROM pairs(3);
SELECT * FROM pairs(3) WITH ORDINALITY AS p(x, y, n);
SELECT p.* FROM generate_series(1, 2) g, LATERAL pairs(g) p ORDER BY g, p.a;
SELECT pairs(2);
SELECT count(*) FROM pairs(10) WHERE a % 2 = 0;
CREATE FUNCTION emp_by_row() RETURNS SETOF emp LANGUAGE sql AS 'SELECT e FROM emp e WHERE id < 3';
SELECT * FROM emp_by_row();

-- PL/pgSQL
CREATE FUNCTION rich(min int) RETURNS SETOF emp LANGUAGE plpgsql AS $$
DECLARE
  r emp;
BEGIN
  FOR r IN SELECT * FROM emp WHERE salary >= min ORDER BY id LOOP
    RETURN NEXT r;
  END LOOP;
  RETURN;
END $$;
SELECT * FROM rich(200);
SELECT rich(300);
CREATE FUNCTION rich_q(min int) RETURNS SETOF emp LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY SELECT * FROM emp WHERE salary >= min ORDER BY id;
END $$;
SELECT * FROM rich_q(150);
CREATE FUNCTION first_emp() RETURNS emp LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  SELECT * INTO r FROM emp ORDER BY id LIMIT 1;
  RETURN r;
END $$;
SELECT * FROM first_emp();
SELECT (first_emp()).name;
CREATE FUNCTION pl_pairs(n int) RETURNS SETOF pair LANGUAGE plpgsql AS $$
DECLARE
  p pair;
BEGIN
  FOR i IN 1..n LOOP
    p.a := i;
    p.b := 'n' || i;
    RETURN NEXT p;
  END LOOP;
END $$;
SELECT * FROM pl_pairs(2);
CREATE FUNCTION pl_pair(x int) RETURNS pair LANGUAGE plpgsql AS $$
BEGIN
  RETURN (x, x::text || '!');
END $$;
SELECT pl_pair(5), * FROM pl_pair(6);
CREATE FUNCTION bad_composite() RETURNS pair LANGUAGE plpgsql AS $$
BEGIN
  RETURN 1;
END $$;
SELECT bad_composite();

-- RETURNS record and SETOF record with a column definition list
CREATE FUNCTION anyrow() RETURNS record LANGUAGE sql AS 'SELECT 1, ''one''::text';
CREATE FUNCTION anyrows() RETURNS SETOF record LANGUAGE sql AS 'SELECT id, name FROM emp ORDER BY id';
SELECT * FROM anyrow() AS t(a int, b text);
SELECT * FROM anyrows() AS t(id int, name text) WHERE id > 1;
SELECT t.name FROM anyrows() t(id int, name text) ORDER BY t.name DESC;
SELECT anyrow();
SELECT * FROM anyrows();
SELECT * FROM anyrows() AS t(a int);
SELECT * FROM anyrows() AS t(a int, b int);
SELECT * FROM all_emps() AS t(a int, b text, c int);
CREATE FUNCTION pl_rows() RETURNS SETOF record LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT id, name FROM emp ORDER BY id LOOP
    RETURN NEXT r;
  END LOOP;
END $$;
SELECT * FROM pl_rows() AS (id int, name text);
SELECT * FROM pl_rows() AS (id int);
CREATE FUNCTION outs(x int, OUT a int, OUT b text) LANGUAGE sql AS 'SELECT x, x::text';
SELECT outs(5), (outs(5)).b;
SELECT * FROM outs(1) AS (a int, b text);
SELECT * FROM abs(1) AS t(a int);
CREATE FUNCTION pl_wide() RETURNS pair LANGUAGE plpgsql AS $$ BEGIN RETURN (1, 'a'::text, 2); END $$;
SELECT pl_wide();

-- arguments of a composite type
CREATE FUNCTION pay(e emp) RETURNS int LANGUAGE sql AS 'SELECT e.salary * 2';
CREATE FUNCTION pl_pay(e emp) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN e.name || ':' || e.salary; END $$;
SELECT name, pay(e), pl_pay(e) FROM emp e ORDER BY id;
SELECT pay(one_emp(2)), pl_pay(NULL::emp) IS NULL AS null_row;
SELECT pay(e) FROM all_emps() e WHERE e.id = 3;
CREATE FUNCTION pay2(e emp) RETURNS int LANGUAGE sql AS 'SELECT (e).salary + ($1).id';
SELECT pay2(e) FROM emp e ORDER BY id;
CREATE FUNCTION emp_tab() RETURNS TABLE(e emp, n int) LANGUAGE sql AS 'SELECT e, e.id * 10 FROM emp e ORDER BY e.id';
SELECT * FROM emp_tab();
SELECT (e).name, n FROM emp_tab() WHERE n > 10;

\df pay
\df emp_tab
\df all_emps
\df one_emp
\df anyrows
\df outs
SELECT proname, prorettype::regtype, proretset FROM pg_proc WHERE proname IN ('all_emps', 'one_emp', 'pairs', 'anyrow') ORDER BY 1;

DROP FUNCTION all_emps(), one_emp(int), mkpair(int, text), pairs(int), emp_by_row(), rich(int), rich_q(int),
  first_emp(), pl_pairs(int), pl_pair(int), bad_composite(), anyrow(), anyrows(), pl_rows(), outs(int), pl_wide(), pay(emp), pl_pay(emp), emp_tab(), pay2(emp);
DROP TYPE pair;
DROP TABLE emp;

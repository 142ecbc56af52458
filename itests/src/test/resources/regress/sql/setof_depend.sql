-- Functions depend on the composite types of their arguments and results (pg_depend), as in PostgreSQL.
CREATE TABLE dep_emp (id int, name text);
CREATE TYPE dep_pair AS (a int, b text);
CREATE FUNCTION dep_all() RETURNS SETOF dep_emp LANGUAGE sql AS 'SELECT * FROM dep_emp';
CREATE FUNCTION dep_mk(int, text) RETURNS dep_pair LANGUAGE sql AS 'SELECT $1, $2';
CREATE FUNCTION dep_name(e dep_emp) RETURNS text LANGUAGE sql AS 'SELECT e.name';
SELECT p.proname, t.typname, d.deptype FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid
  JOIN pg_type t ON t.oid = d.refobjid WHERE d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_type'::regclass
  AND p.proname LIKE 'dep%' ORDER BY 1, 2;
DROP TABLE dep_emp;
DROP TYPE dep_pair;
BEGIN;
DROP TYPE dep_pair CASCADE;
SELECT proname FROM pg_proc WHERE proname LIKE 'dep%' ORDER BY 1;
ROLLBACK;
DROP TABLE dep_emp CASCADE;
SELECT proname FROM pg_proc WHERE proname LIKE 'dep%' ORDER BY 1;
DROP FUNCTION dep_mk(int, text);
DROP TYPE dep_pair;

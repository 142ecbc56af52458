-- Column privileges: GRANT/REVOKE on columns, pg_attribute.attacl, and what each statement needs
CREATE ROLE regress_col_user;
CREATE TABLE col_priv (a int, b int, c int);
INSERT INTO col_priv VALUES (1, 2, 3);
GRANT SELECT (a, b), UPDATE (c), INSERT (a) ON col_priv TO regress_col_user;
GRANT REFERENCES (a) ON col_priv TO PUBLIC;
SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'col_priv'::regclass AND attnum > 0 ORDER BY attnum;
SELECT relacl FROM pg_class WHERE oid = 'col_priv'::regclass;
SET ROLE regress_col_user;
SELECT a, b FROM col_priv;
SELECT a FROM col_priv WHERE c = 1;
SELECT * FROM col_priv;
SELECT col_priv FROM col_priv;
SELECT count(*) FROM col_priv;
SELECT 1 FROM col_priv;
COPY col_priv (a, b) TO STDOUT;
COPY col_priv TO STDOUT;
COPY col_priv (c) TO STDOUT;
UPDATE col_priv SET c = 5;
UPDATE col_priv SET c = 5 WHERE a = 1;
UPDATE col_priv SET c = 5 WHERE c = 1;
UPDATE col_priv SET a = 5;
UPDATE col_priv SET c = a RETURNING a;
UPDATE col_priv SET c = a RETURNING c;
INSERT INTO col_priv (a) VALUES (7);
INSERT INTO col_priv (a, b) VALUES (7, 8);
INSERT INTO col_priv VALUES (8);
INSERT INTO col_priv (a) VALUES (9) RETURNING a;
INSERT INTO col_priv (a) VALUES (9) RETURNING c;
DELETE FROM col_priv;
COPY col_priv (a) FROM STDIN;
42
\.
SELECT a FROM col_priv WHERE a = 42;
SELECT has_column_privilege('col_priv', 'a', 'select') AS a_sel,
       has_column_privilege('col_priv', 'c', 'select') AS c_sel,
       has_column_privilege('col_priv', 'c', 'update') AS c_upd,
       has_column_privilege('col_priv', 'a', 'SELECT, UPDATE') AS a_any,
       has_any_column_privilege('col_priv', 'select') AS any_sel,
       has_any_column_privilege('col_priv', 'references') AS any_ref;
SELECT has_column_privilege('col_priv', 'zz', 'select');
SELECT has_column_privilege('col_priv', 5::int2, 'select');
SELECT has_column_privilege('col_priv', 'a', 'delete');
RESET ROLE;
SELECT has_column_privilege('regress_col_user', 'col_priv', 'b', 'select') AS b_sel,
       has_column_privilege('regress_col_user', 'col_priv'::regclass, 3::int2, 'update') AS c_upd,
       has_any_column_privilege('regress_col_user', 'col_priv', 'insert') AS any_ins,
       has_column_privilege('col_priv', 'c', 'update') AS owner_upd;
REVOKE SELECT (a) ON col_priv FROM regress_col_user;
SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'col_priv'::regclass AND attnum > 0 ORDER BY attnum;
REVOKE ALL ON col_priv FROM regress_col_user;
SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'col_priv'::regclass AND attnum > 0 ORDER BY attnum;
GRANT SELECT (a), SELECT ON col_priv TO regress_col_user;
REVOKE SELECT ON col_priv FROM regress_col_user;
SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'col_priv'::regclass AND attnum > 0 ORDER BY attnum;
GRANT DELETE (a) ON col_priv TO regress_col_user;
GRANT SELECT (zz) ON col_priv TO regress_col_user;
GRANT USAGE (a) ON SCHEMA public TO regress_col_user;
GRANT ALL (a) ON col_priv TO regress_col_user;
GRANT ALL PRIVILEGES (b, c) ON TABLE col_priv TO regress_col_user WITH GRANT OPTION;
SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'col_priv'::regclass AND attnum > 0 ORDER BY attnum;
DROP TABLE col_priv;
DROP ROLE regress_col_user;
-- which statements name which columns: RETURNING without columns, joins, subqueries, ORDER BY
create role regress_col_x;
create table col_x (a int, b int);
insert into col_x values (1, 2);
grant update (b), delete on col_x to regress_col_x;
set role regress_col_x;
update col_x set b = 5 returning 1;
delete from col_x where true;
insert into col_x values (1, 2);
reset role;
insert into col_x values (1, 2);
grant select (a) on col_x to regress_col_x;
set role regress_col_x;
select a from col_x x1 join col_x x2 using (a);
select x1.a from col_x x1, col_x x2 where x1.a = x2.a;
select a from (select a from col_x) s;
with w as (select a from col_x) select * from w;
select (select count(*) from col_x);
select a from col_x order by b;
select a from col_x group by a;
select exists (select 1 from col_x where b = 1);
reset role;
drop table col_x; drop role regress_col_x;

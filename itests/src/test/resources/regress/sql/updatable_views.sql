--
-- Automatically updatable views: INSERT, UPDATE and DELETE through a view over one table (or updatable view)
-- change the table, within the view's WHERE; non-updatable views and columns say why; WITH CHECK OPTION.
--
CREATE TABLE uv_base (a int PRIMARY KEY, b text DEFAULT 'dflt', c int CHECK (c > 0));
INSERT INTO uv_base VALUES (1, 'one', 1), (2, 'two', 2), (3, 'three', 3);
CREATE VIEW uv_big AS SELECT a, b FROM uv_base WHERE a > 2;
INSERT INTO uv_big VALUES (10, 'ten') RETURNING *;
INSERT INTO uv_big (a) VALUES (11) RETURNING a, b, b || '!' AS bang;
INSERT INTO uv_big SELECT a + 20, b FROM uv_base WHERE a < 3;
UPDATE uv_big SET b = 'changed' WHERE a = 1 RETURNING *;
UPDATE uv_big SET b = upper(b) WHERE a >= 3 RETURNING *;
DELETE FROM uv_big WHERE a = 11 RETURNING *;
SELECT * FROM uv_base ORDER BY a;
-- the table's constraints and keys still apply
INSERT INTO uv_big VALUES (1, 'dup');
UPDATE uv_big SET a = a + 1 WHERE a = 21;
-- aliases, whole rows, UPDATE ... FROM, DELETE ... USING, data-modifying WITH
UPDATE uv_big v SET b = v.b || '+' WHERE v.a = 3 RETURNING v.*;
SELECT v FROM uv_big v WHERE a = 3;
CREATE TABLE uv_other (id int, note text);
INSERT INTO uv_other VALUES (10, 'from other'), (22, 'gone');
UPDATE uv_big SET b = o.note FROM uv_other o WHERE o.id = uv_big.a RETURNING uv_big.a, uv_big.b;
DELETE FROM uv_big USING uv_other o WHERE o.id = uv_big.a AND o.note = 'gone' RETURNING uv_big.*;
WITH moved AS (DELETE FROM uv_big WHERE a = 21 RETURNING a, b)
INSERT INTO uv_big SELECT a + 100, b FROM moved RETURNING *;
SELECT * FROM uv_base ORDER BY a;
-- computed columns are read-only
CREATE VIEW uv_calc AS SELECT a, b || 'x' AS bx, 1 AS one, c FROM uv_base;
INSERT INTO uv_calc VALUES (40, 'nope');
INSERT INTO uv_calc VALUES (40, DEFAULT, DEFAULT, 4);
INSERT INTO uv_calc VALUES (40, DEFAULT, DEFAULT, 4), (41, DEFAULT, 1, 4);
INSERT INTO uv_calc VALUES (40, DEFAULT, DEFAULT, 4), (41, DEFAULT, DEFAULT, 4) RETURNING *;
DELETE FROM uv_calc WHERE a = 41;
INSERT INTO uv_calc SELECT 42, 'x';
DELETE FROM uv_calc WHERE a = 40;
INSERT INTO uv_calc (a, c) VALUES (40, 4) RETURNING *;
UPDATE uv_calc SET bx = 'k' WHERE a = 40;
UPDATE uv_calc SET one = 2;
UPDATE uv_calc SET c = c * 10 WHERE bx = 'dfltx' RETURNING *;
UPDATE uv_calc SET c = -1 WHERE a = 40;
DELETE FROM uv_calc WHERE one = 1 AND a = 40;
-- nested views
CREATE VIEW uv_nested AS SELECT a AS id, b AS label FROM uv_big WHERE a < 100;
INSERT INTO uv_nested VALUES (50, 'fifty') RETURNING *;
UPDATE uv_nested SET label = label || '?' RETURNING *;
DELETE FROM uv_nested WHERE id = 50;
SELECT * FROM uv_base ORDER BY a;
CREATE VIEW uv_nested_calc AS SELECT bx, a FROM uv_calc;
INSERT INTO uv_nested_calc VALUES ('x', 60);
INSERT INTO uv_nested_calc (a) VALUES (60) RETURNING *;
DELETE FROM uv_nested_calc WHERE a = 60;
-- views that are not automatically updatable
CREATE VIEW uv_distinct AS SELECT DISTINCT a FROM uv_base;
INSERT INTO uv_distinct VALUES (1);
UPDATE uv_distinct SET a = 1;
DELETE FROM uv_distinct;
CREATE VIEW uv_group AS SELECT a FROM uv_base GROUP BY a;
DELETE FROM uv_group;
CREATE VIEW uv_having AS SELECT 1 AS one FROM uv_base HAVING count(*) > 0;
DELETE FROM uv_having;
CREATE VIEW uv_union AS SELECT a FROM uv_base UNION SELECT 1;
DELETE FROM uv_union;
CREATE VIEW uv_with AS WITH w AS (SELECT a FROM uv_base) SELECT a FROM w;
DELETE FROM uv_with;
CREATE VIEW uv_limit AS SELECT a FROM uv_base LIMIT 1;
DELETE FROM uv_limit;
CREATE VIEW uv_agg AS SELECT count(*) AS n FROM uv_base;
DELETE FROM uv_agg;
CREATE VIEW uv_window AS SELECT a, row_number() OVER () AS rn FROM uv_base;
DELETE FROM uv_window;
CREATE VIEW uv_srf AS SELECT a, generate_series(1, 2) AS g FROM uv_base;
DELETE FROM uv_srf;
CREATE VIEW uv_join AS SELECT x.a FROM uv_base x, uv_other y;
DELETE FROM uv_join;
CREATE VIEW uv_sub AS SELECT a FROM (SELECT a FROM uv_base) s;
DELETE FROM uv_sub;
CREATE VIEW uv_const AS SELECT 1 AS x;
INSERT INTO uv_const VALUES (1);
CREATE VIEW uv_nocols AS SELECT a + 1 AS a1 FROM uv_base;
UPDATE uv_nocols SET a1 = 1;
INSERT INTO uv_nocols VALUES (1);
DELETE FROM uv_nocols WHERE a1 = 1000;
-- WITH CHECK OPTION
CREATE VIEW uv_small AS SELECT a, c FROM uv_base WHERE a < 50 WITH CHECK OPTION;
INSERT INTO uv_small VALUES (70, 7);
INSERT INTO uv_small VALUES (44, 4);
UPDATE uv_small SET a = a + 10 WHERE a = 44;
UPDATE uv_small SET c = NULL WHERE a = 44 RETURNING *;
CREATE VIEW uv_local AS SELECT * FROM uv_small WHERE a > 0 WITH LOCAL CHECK OPTION;
INSERT INTO uv_local VALUES (0, 1);
INSERT INTO uv_local VALUES (90, 1);
CREATE VIEW uv_plain AS SELECT * FROM uv_local WHERE c IS NOT NULL;
INSERT INTO uv_plain VALUES (45, NULL);
CREATE VIEW uv_cascade AS SELECT * FROM uv_plain WHERE a <> 46 WITH CASCADED CHECK OPTION;
INSERT INTO uv_cascade VALUES (46, 1);
INSERT INTO uv_cascade VALUES (47, NULL);
INSERT INTO uv_cascade VALUES (-1, 1);
INSERT INTO uv_cascade VALUES (48, 8) RETURNING *;
CREATE VIEW uv_unchecked AS SELECT a, c FROM uv_base WHERE a < 5;
CREATE VIEW uv_over_unchecked AS SELECT * FROM uv_unchecked WITH CHECK OPTION;
INSERT INTO uv_over_unchecked VALUES (6, 6);
CREATE VIEW uv_over_unchecked_local AS SELECT * FROM uv_unchecked WITH LOCAL CHECK OPTION;
INSERT INTO uv_over_unchecked_local VALUES (6, 6) RETURNING *;
DELETE FROM uv_small WHERE a = 6 OR a > 40;
SELECT relname, reloptions FROM pg_class WHERE relname LIKE 'uv\_%' AND reloptions IS NOT NULL ORDER BY relname;
-- view options
CREATE VIEW uv_opt1 WITH (check_option = sideways) AS SELECT a FROM uv_base;
CREATE VIEW uv_opt2 WITH (colour = 1) AS SELECT a FROM uv_base;
CREATE VIEW uv_opt3 WITH (security_barrier = maybe) AS SELECT a FROM uv_base;
CREATE VIEW uv_opt4 WITH (check_option = local) AS SELECT a FROM uv_base WITH CHECK OPTION;
CREATE VIEW uv_opt5 AS SELECT DISTINCT a FROM uv_base WITH CHECK OPTION;
CREATE VIEW uv_opt6 WITH (security_barrier) AS SELECT a, b FROM uv_base WHERE a > 1 WITH LOCAL CHECK OPTION;
SELECT relname, reloptions FROM pg_class WHERE relname = 'uv_opt6';
\d+ uv_opt6
INSERT INTO uv_opt6 VALUES (0, 'zero');
UPDATE uv_opt6 SET b = 'sb' WHERE a = 2 RETURNING *;
-- ALTER VIEW: options and the view's own column defaults
ALTER VIEW uv_opt6 SET (check_option = cascaded);
ALTER VIEW uv_opt6 RESET (security_barrier);
SELECT relname, reloptions FROM pg_class WHERE relname = 'uv_opt6';
ALTER VIEW uv_opt6 SET (check_option = nowhere);
ALTER VIEW uv_opt6 RESET (check_option);
SELECT relname, reloptions FROM pg_class WHERE relname = 'uv_opt6';
INSERT INTO uv_opt6 VALUES (0, 'zero') RETURNING *;
ALTER VIEW uv_distinct SET (check_option = local);
ALTER VIEW uv_base SET (check_option = local);
ALTER VIEW IF EXISTS uv_nothing SET (check_option = local);
ALTER VIEW uv_opt6 ALTER COLUMN b SET DEFAULT 'from view';
INSERT INTO uv_opt6 (a) VALUES (60) RETURNING *;
INSERT INTO uv_opt6 VALUES (61, DEFAULT) RETURNING *;
INSERT INTO uv_big (a) VALUES (62) RETURNING *;
UPDATE uv_base SET b = 'x' WHERE a = 61;
UPDATE uv_opt6 SET b = DEFAULT WHERE a = 61 RETURNING *;
ALTER VIEW uv_opt6 ALTER COLUMN b DROP DEFAULT;
INSERT INTO uv_opt6 (a) VALUES (63) RETURNING *;
DELETE FROM uv_opt6 WHERE a >= 60;
DELETE FROM uv_base WHERE a = 0;
SELECT * FROM uv_base ORDER BY a;
-- pg_relation_is_updatable and pg_column_is_updatable
SELECT c.relname, pg_relation_is_updatable(c.oid::regclass, false) AS rel,
       pg_relation_is_updatable(c.oid::regclass, true) AS rel_trig,
       (SELECT string_agg(a.attname || '=' || pg_column_is_updatable(c.oid::regclass, a.attnum, false), ', '
                          ORDER BY a.attnum)
          FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0) AS cols
  FROM pg_class c WHERE c.relname LIKE 'uv\_%' AND c.relkind IN ('r', 'v') ORDER BY c.relname;
SELECT pg_column_is_updatable('uv_base'::regclass, 0::smallint, false);
CREATE FUNCTION uv_instead() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER uv_instead INSTEAD OF INSERT ON uv_distinct FOR EACH ROW EXECUTE FUNCTION uv_instead();
SELECT pg_relation_is_updatable('uv_distinct'::regclass, false), pg_relation_is_updatable('uv_distinct'::regclass, true);
DROP VIEW uv_opt6, uv_over_unchecked_local, uv_over_unchecked, uv_unchecked, uv_cascade, uv_plain, uv_local,
  uv_small, uv_nocols, uv_const, uv_sub, uv_join, uv_srf, uv_window, uv_agg, uv_limit, uv_with, uv_union,
  uv_having, uv_group, uv_distinct, uv_nested_calc, uv_nested, uv_calc, uv_big;
DROP TABLE uv_other, uv_base;
DROP FUNCTION uv_instead();
-- the table under a view is written with the view owner's rights
CREATE ROLE uv_owner;
CREATE ROLE uv_user;
CREATE TABLE uv_priv (a int, b text);
GRANT CREATE, USAGE ON SCHEMA public TO uv_owner;
GRANT SELECT ON uv_priv TO uv_owner;
SET ROLE uv_owner;
CREATE VIEW uv_priv_v AS SELECT a, b FROM uv_priv WHERE a > 0;
CREATE VIEW uv_priv_w AS SELECT a FROM uv_priv;
RESET ROLE;
GRANT INSERT, UPDATE, DELETE, SELECT ON uv_priv_v TO uv_user;
SET ROLE uv_user;
INSERT INTO uv_priv_v VALUES (1, 'x');
UPDATE uv_priv_v SET b = 'y';
DELETE FROM uv_priv_v;
SELECT * FROM uv_priv_v;
INSERT INTO uv_priv_w VALUES (1);
RESET ROLE;
GRANT INSERT ON uv_priv TO uv_owner;
SET ROLE uv_user;
INSERT INTO uv_priv_v VALUES (2, 'x') RETURNING *;
UPDATE uv_priv_v SET b = 'y';
RESET ROLE;
SET ROLE uv_owner;
INSERT INTO uv_priv_w VALUES (6);
UPDATE uv_priv_w SET a = 7;
RESET ROLE;
DROP VIEW uv_priv_v, uv_priv_w;
DROP TABLE uv_priv;
REVOKE ALL ON SCHEMA public FROM uv_owner;
DROP ROLE uv_owner;
DROP ROLE uv_user;

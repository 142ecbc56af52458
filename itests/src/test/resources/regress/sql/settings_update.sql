--
-- UPDATE pg_settings: PostgreSQL's rule turns it into SELECT set_config(name, setting, false)
--
SHOW work_mem;
UPDATE pg_settings SET setting = '7MB' WHERE name = 'work_mem';
SHOW work_mem;
SELECT setting, source FROM pg_settings WHERE name = 'work_mem';
UPDATE pg_settings SET setting = 'off' WHERE name LIKE 'enable_hash%';
SHOW enable_hashjoin;
SHOW enable_hashagg;
UPDATE pg_settings SET setting = 'x' WHERE name = 'no_such_setting';
UPDATE pg_settings SET setting = 'abc' WHERE name = 'work_mem';
UPDATE pg_settings SET setting = '100' WHERE name = 'max_connections';
UPDATE pg_catalog.pg_settings s SET setting = 'ISO, YMD' WHERE s.name = 'DateStyle';
SHOW DateStyle;
-- the change is transactional, like SET
BEGIN;
UPDATE pg_settings SET setting = '9MB' WHERE name = 'work_mem';
SHOW work_mem;
ROLLBACK;
SHOW work_mem;
-- other columns: the setting is set to itself
UPDATE pg_settings SET unit = 'x' WHERE name = 'work_mem';
UPDATE pg_settings SET nosuch = 'x' WHERE name = 'work_mem';
-- a changed name matches no row (the rule's WHERE new.name = old.name)
UPDATE pg_settings SET name = 'other', setting = '5MB' WHERE name = 'work_mem';
SHOW work_mem;
UPDATE pg_settings SET setting = '3MB' WHERE name = 'work_mem' RETURNING name, setting;
RESET ALL;
SHOW work_mem;

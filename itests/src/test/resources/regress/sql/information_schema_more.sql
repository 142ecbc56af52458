--
-- INFORMATION_SCHEMA, continued
-- parameters, domains, column_privileges, and the columns of table-level CHECK constraints
-- (constraint_column_usage reads pg_constraint.conkey). Everything created is dropped.
--
CREATE SCHEMA ism;
CREATE FUNCTION ism.add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql AS 'SELECT a + b';
CREATE FUNCTION ism.split(IN s text, OUT head text, INOUT n bigint, VARIADIC rest text[])
  LANGUAGE sql AS 'SELECT s, n';
CREATE PROCEDURE ism.noop(x numeric, "Odd Name" varchar) LANGUAGE sql AS '';
CREATE FUNCTION ism.nothing() RETURNS void LANGUAGE sql AS '';
SELECT specific_schema, regexp_replace(specific_name, '_[0-9]+$', '_oid') AS specific_name, ordinal_position,
    parameter_mode, is_result, as_locator, parameter_name, data_type, udt_catalog IS NOT NULL AS udt_catalog,
    udt_schema, udt_name, dtd_identifier
  FROM information_schema.parameters WHERE specific_schema = 'ism' ORDER BY 2, 3;
SELECT count(*) > 0 AS has_builtin FROM information_schema.parameters
  WHERE specific_schema = 'pg_catalog' AND specific_name LIKE 'int4pl\_%';
SELECT * FROM information_schema.domains WHERE domain_schema = 'ism';
CREATE TABLE ism.t (id integer PRIMARY KEY, lo integer, hi integer, note text,
    CHECK (lo <= hi), CONSTRAINT ordered CHECK (hi < 100 AND lo > -1 AND hi <> lo), CHECK (note <> ''));
CREATE VIEW ism.v AS SELECT id, note FROM ism.t;
SELECT constraint_name, column_name FROM information_schema.constraint_column_usage
  WHERE table_schema = 'ism' ORDER BY 1, 2;
SELECT conname, conkey FROM pg_constraint WHERE conrelid = 'ism.t'::regclass AND contype = 'c' ORDER BY 1;
GRANT SELECT, UPDATE ON ism.v TO PUBLIC;
GRANT INSERT (note) ON ism.t TO PUBLIC;
SELECT grantor, grantee, table_catalog IS NOT NULL AS table_catalog, table_schema, table_name, column_name,
    privilege_type, is_grantable
  FROM information_schema.column_privileges WHERE table_schema = 'ism' ORDER BY table_name, column_name, 7, 2;
ALTER TABLE ism.t DROP COLUMN lo;
SELECT conname FROM pg_constraint WHERE conrelid = 'ism.t'::regclass AND contype = 'c' ORDER BY 1;
DROP SCHEMA ism CASCADE;

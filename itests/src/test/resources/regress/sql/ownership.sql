--
-- OWNERSHIP
-- ALTER {TABLE|VIEW|SEQUENCE|SCHEMA|FUNCTION} ... OWNER TO with PostgreSQL's privilege checks (owner,
-- member of the new role, CREATE on the schema), ACLs that follow the new owner, and SECURITY DEFINER
-- functions that run as their owner. Everything created is dropped.
--
CREATE ROLE ow_a;
CREATE ROLE ow_b;
CREATE TABLE ow_t (a integer);
CREATE VIEW ow_v AS SELECT 1 AS one;
CREATE SEQUENCE ow_q;
CREATE SCHEMA ow_s;
GRANT SELECT ON ow_t TO ow_b;
ALTER TABLE ow_t OWNER TO ow_a;
ALTER VIEW ow_v OWNER TO ow_a;
ALTER SEQUENCE ow_q OWNER TO ow_b;
ALTER SCHEMA ow_s OWNER TO ow_b;
SELECT relname, relowner::regrole, relacl FROM pg_class WHERE relname LIKE 'ow\_%' ORDER BY relname;
SELECT nspname, nspowner::regrole FROM pg_namespace WHERE nspname = 'ow_s';
ALTER TABLE ow_nope OWNER TO ow_a;
ALTER TABLE IF EXISTS ow_nope OWNER TO ow_a;
ALTER TABLE ow_t OWNER TO ow_nope;
ALTER VIEW ow_t OWNER TO ow_a;
ALTER SEQUENCE ow_t OWNER TO ow_a;
ALTER TABLE ow_v OWNER TO ow_b;
ALTER TABLE ow_t OWNER TO CURRENT_USER;
SELECT relowner::regrole FROM pg_class WHERE relname = 'ow_t';
-- who may give what to whom
SET ROLE ow_b;
ALTER TABLE ow_t OWNER TO ow_b;
RESET ROLE;
ALTER TABLE ow_t OWNER TO ow_a;
GRANT ow_b TO ow_a;
SET ROLE ow_a;
ALTER TABLE ow_t OWNER TO ow_b;
ALTER TABLE ow_t OWNER TO postgres;
RESET ROLE;
-- functions
CREATE FUNCTION ow_count() RETURNS bigint LANGUAGE sql SECURITY DEFINER AS 'SELECT count(*) FROM ow_t';
CREATE FUNCTION ow_who() RETURNS text LANGUAGE sql SECURITY DEFINER AS 'SELECT current_user::text';
CREATE FUNCTION ow_me() RETURNS text LANGUAGE sql AS 'SELECT current_user::text';
ALTER FUNCTION ow_count() OWNER TO ow_a;
ALTER FUNCTION ow_who OWNER TO ow_a;
ALTER FUNCTION ow_nope() OWNER TO ow_a;
ALTER FUNCTION ow_me OWNER TO ow_nope;
SELECT proname, proowner::regrole, prosecdef FROM pg_proc WHERE proname LIKE 'ow\_%' ORDER BY proname;
CREATE ROLE ow_c;
SET ROLE ow_c;
SELECT ow_count(), ow_who(), ow_me();
SELECT count(*) FROM ow_t;
ALTER FUNCTION ow_me OWNER TO ow_c;
RESET ROLE;
DROP FUNCTION ow_count, ow_who, ow_me;
DROP TABLE ow_t;
DROP VIEW ow_v;
DROP SEQUENCE ow_q;
DROP SCHEMA ow_s;
DROP ROLE ow_c;
DROP ROLE ow_a;
DROP ROLE ow_b;

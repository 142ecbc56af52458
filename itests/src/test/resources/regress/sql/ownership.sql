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
-- default privileges: what new objects start with
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO ow_b;
ALTER DEFAULT PRIVILEGES IN SCHEMA ow_s GRANT INSERT ON TABLES TO ow_a;
ALTER DEFAULT PRIVILEGES FOR ROLE ow_a REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SEQUENCES TO ow_b WITH GRANT OPTION;
SELECT defaclrole::regrole, defaclnamespace::regnamespace, defaclobjtype, defaclacl FROM pg_default_acl
  ORDER BY defaclrole::oid, defaclnamespace::oid, defaclobjtype;
\ddp
CREATE TABLE ow_d1 (a integer);
CREATE TABLE ow_s.ow_d2 (a integer);
CREATE SEQUENCE ow_dq;
SELECT relname, relacl FROM pg_class WHERE relname IN ('ow_d1', 'ow_d2', 'ow_dq') ORDER BY relname;
ALTER DEFAULT PRIVILEGES IN SCHEMA ow_nope GRANT SELECT ON TABLES TO ow_a;
ALTER DEFAULT PRIVILEGES IN SCHEMA ow_s GRANT USAGE ON SCHEMAS TO ow_a;
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON TABLES TO ow_a;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO ow_nope;
SET ROLE ow_b;
ALTER DEFAULT PRIVILEGES FOR ROLE ow_a GRANT SELECT ON TABLES TO ow_b;
RESET ROLE;
ALTER DEFAULT PRIVILEGES REVOKE SELECT ON TABLES FROM ow_b;
ALTER DEFAULT PRIVILEGES IN SCHEMA ow_s REVOKE INSERT ON TABLES FROM ow_a;
ALTER DEFAULT PRIVILEGES FOR ROLE ow_a GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
ALTER DEFAULT PRIVILEGES REVOKE USAGE ON SEQUENCES FROM ow_b;
SELECT count(*) FROM pg_default_acl;
DROP TABLE ow_d1, ow_s.ow_d2;
DROP SEQUENCE ow_dq;
-- REASSIGN OWNED
CREATE TABLE ow_r (a integer);
ALTER TABLE ow_r OWNER TO ow_a;
CREATE FUNCTION ow_rf() RETURNS integer LANGUAGE sql AS 'SELECT 1';
ALTER FUNCTION ow_rf OWNER TO ow_a;
REASSIGN OWNED BY ow_a TO ow_b;
SELECT relowner::regrole FROM pg_class WHERE relname = 'ow_r';
SELECT proowner::regrole FROM pg_proc WHERE proname = 'ow_rf';
REASSIGN OWNED BY ow_nope TO ow_b;
SET ROLE ow_c;
REASSIGN OWNED BY ow_b TO ow_c;
RESET ROLE;
DROP TABLE ow_r;
DROP FUNCTION ow_rf;
DROP TABLE ow_t;
DROP VIEW ow_v;
DROP SEQUENCE ow_q;
DROP SCHEMA ow_s;
DROP ROLE ow_c;
DROP ROLE ow_a;
DROP ROLE ow_b;

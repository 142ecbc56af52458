--
-- roles: CREATE/ALTER/DROP ROLE, role membership, GRANT/REVOKE on tables and schemas, SET ROLE
--
CREATE ROLE regress_r1;
CREATE ROLE regress_r1;
CREATE USER regress_u1 PASSWORD 'secret' CONNECTION LIMIT 3 VALID UNTIL '2030-01-01 00:00:00+00';
CREATE ROLE regress_r2 WITH CREATEDB CREATEROLE NOINHERIT LOGIN REPLICATION BYPASSRLS IN ROLE regress_r1;
CREATE ROLE regress_r3 SUPERUSER NOSUPERUSER;
CREATE ROLE regress_r3 CONNECTION LIMIT -2;
CREATE ROLE pg_regress_bad;
CREATE ROLE public;
CREATE ROLE none;
CREATE ROLE current_user;
SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls,
       rolconnlimit, rolpassword, rolvaliduntil
  FROM pg_roles WHERE rolname LIKE 'regress%' ORDER BY rolname;
SELECT rolname, rolpassword IS NULL AS nopass, rolpassword LIKE 'SCRAM-SHA-256$4096:%' AS scram
  FROM pg_authid WHERE rolname LIKE 'regress%' ORDER BY rolname;
SELECT usename, usecreatedb, usesuper, userepl, usebypassrls, passwd, valuntil
  FROM pg_user WHERE usename LIKE 'regress%' ORDER BY usename;
SELECT usename, usesuper, passwd IS NOT NULL AS haspass, valuntil FROM pg_shadow
 WHERE usename LIKE 'regress%' ORDER BY usename;
SELECT r.rolname AS role, m.rolname AS member, a.admin_option
  FROM pg_auth_members a JOIN pg_authid r ON r.oid = a.roleid JOIN pg_authid m ON m.oid = a.member
 WHERE m.rolname LIKE 'regress%' ORDER BY 1, 2;
\du regress*
-- passwords given already hashed are kept as they are
CREATE ROLE regress_md5 PASSWORD 'md5c5f8e5bb7b8e0b9d3a7b33ab9f8b1b6a';
CREATE ROLE regress_scram PASSWORD 'SCRAM-SHA-256$4096:U2FsdFNhbHRTYWx0U2FsdA==$0T7uP9i3nt2aqMa8hsW0oQ1XhbB2FXGSS9RPjy5ANmA=:vXvAaFEGp9DGcs/QSR6OBvHZ4ayWS+9VSIQgtdyD6Uo=';
SELECT rolname, rolpassword FROM pg_authid WHERE rolname IN ('regress_md5', 'regress_scram') ORDER BY 1;
CREATE ROLE regress_nopass PASSWORD '';
ALTER ROLE regress_nopass PASSWORD NULL;
-- ALTER ROLE
ALTER ROLE regress_r1 LOGIN CREATEDB CONNECTION LIMIT 10;
ALTER USER regress_u1 NOLOGIN VALID UNTIL 'infinity';
ALTER ROLE regress_nobody LOGIN;
ALTER ROLE regress_r1 WITH LOGIN NOLOGIN;
SELECT rolname, rolcanlogin, rolcreatedb, rolconnlimit, rolvaliduntil FROM pg_roles
 WHERE rolname IN ('regress_r1', 'regress_u1') ORDER BY 1;
ALTER ROLE regress_md5 RENAME TO regress_md5_renamed;
SELECT rolname, rolpassword FROM pg_authid WHERE rolname LIKE 'regress_md5%';
ALTER ROLE regress_r1 RENAME TO regress_r2;
ALTER ROLE regress_nobody RENAME TO regress_x;
ALTER ROLE postgres RENAME TO regress_x;
ALTER ROLE regress_r1 RENAME TO pg_x;
-- membership
GRANT regress_r1 TO regress_u1;
GRANT regress_r1 TO regress_u1;
GRANT regress_u1 TO regress_r1;
GRANT regress_r1 TO regress_r1;
GRANT regress_nobody TO regress_u1;
GRANT regress_r1 TO regress_nobody;
GRANT regress_r2 TO regress_u1 WITH ADMIN OPTION;
SELECT r.rolname AS role, m.rolname AS member, a.admin_option
  FROM pg_auth_members a JOIN pg_authid r ON r.oid = a.roleid JOIN pg_authid m ON m.oid = a.member
 WHERE m.rolname LIKE 'regress%' ORDER BY 1, 2;
REVOKE regress_r2 FROM regress_u1;
REVOKE regress_r2 FROM regress_u1;
SELECT pg_has_role('regress_u1', 'regress_r1', 'MEMBER'), pg_has_role('regress_r1', 'regress_u1', 'USAGE');
-- privileges on tables
CREATE TABLE regress_t (a int, b text);
INSERT INTO regress_t VALUES (1, 'one');
SELECT relacl FROM pg_class WHERE relname = 'regress_t';
GRANT SELECT ON regress_t TO regress_r1;
GRANT INSERT, UPDATE ON TABLE regress_t TO regress_u1;
GRANT ALL ON regress_t TO regress_r2 WITH GRANT OPTION;
SELECT relacl FROM pg_class WHERE relname = 'regress_t';
GRANT SELECT ON regress_nothere TO regress_r1;
GRANT SELECT ON regress_t TO regress_nobody;
GRANT EXECUTE ON TABLE regress_t TO regress_r1;
SELECT has_table_privilege('regress_r1', 'regress_t', 'SELECT'), has_table_privilege('regress_r1', 'regress_t', 'INSERT'),
       has_table_privilege('regress_u1', 'regress_t', 'SELECT'), has_table_privilege('regress_u1', 'regress_t', 'INSERT');
\dp regress_t
REVOKE UPDATE ON regress_t FROM regress_u1;
REVOKE ALL ON regress_t FROM regress_r2;
SELECT relacl FROM pg_class WHERE relname = 'regress_t';
-- SET ROLE and the checks at execution
SELECT current_user, session_user, current_role;
SET ROLE regress_u1;
SELECT current_user, session_user;
SHOW role;
SELECT count(*) FROM pg_roles WHERE rolname = 'regress_u1';
SELECT count(*) FROM pg_shadow;
SELECT count(*) FROM pg_authid;
SELECT * FROM regress_t;
INSERT INTO regress_t VALUES (2, 'two');
UPDATE regress_t SET b = 'x';
DELETE FROM regress_t;
TRUNCATE regress_t;
DROP TABLE regress_t;
ALTER TABLE regress_t ADD COLUMN c int;
CREATE INDEX ON regress_t (a);
CREATE TABLE regress_t2 (a int);
CREATE ROLE regress_x;
DROP ROLE regress_r1;
RESET ROLE;
SELECT current_user;
SET ROLE regress_nobody;
SET ROLE NONE;
SHOW role;
SET SESSION AUTHORIZATION regress_r2;
SELECT current_user, session_user;
SET ROLE regress_r1;
SELECT current_user;
SELECT * FROM regress_t;
RESET SESSION AUTHORIZATION;
SELECT current_user, session_user;
BEGIN;
SET LOCAL ROLE regress_r1;
SELECT current_user;
COMMIT;
SELECT current_user;
-- schemas
CREATE SCHEMA regress_s;
CREATE TABLE regress_s.t2 (x int);
GRANT SELECT ON ALL TABLES IN SCHEMA regress_s TO regress_r1;
SET ROLE regress_r1;
SELECT * FROM regress_s.t2;
RESET ROLE;
GRANT USAGE ON SCHEMA regress_s TO regress_r1;
SELECT nspacl FROM pg_namespace WHERE nspname = 'regress_s';
SET ROLE regress_r1;
SELECT * FROM regress_s.t2;
CREATE TABLE regress_s.t3 (x int);
RESET ROLE;
SELECT has_schema_privilege('regress_r1', 'regress_s', 'USAGE'), has_schema_privilege('regress_r1', 'regress_s', 'CREATE');
GRANT CONNECT ON DATABASE postgres TO regress_r1;
REVOKE CONNECT ON DATABASE postgres FROM regress_r1;
GRANT SELECT ON regress_t TO PUBLIC;
SELECT relacl FROM pg_class WHERE relname = 'regress_t';
REVOKE SELECT ON regress_t FROM PUBLIC;
-- dropping
DROP ROLE regress_r1;
DROP TABLE regress_s.t2;
DROP SCHEMA regress_s;
DROP TABLE regress_t;
DROP ROLE regress_r1, regress_r2, regress_u1, regress_md5_renamed, regress_scram, regress_nopass;
DROP ROLE regress_r1;
DROP ROLE IF EXISTS regress_r1;
DROP USER IF EXISTS regress_r1, regress_u1;
DROP ROLE postgres;
SELECT count(*) FROM pg_authid WHERE rolname LIKE 'regress%';

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
-- the other relations of UPDATE ... FROM and DELETE ... USING need SELECT; COMMENT needs ownership
CREATE TABLE regress_t3 (a int);
INSERT INTO regress_t3 VALUES (1);
GRANT SELECT, UPDATE, DELETE ON regress_t3 TO regress_r2;
SET ROLE regress_r2;
SHOW is_superuser;
UPDATE regress_t3 SET a = 2 FROM regress_t WHERE regress_t3.a = regress_t.a;
DELETE FROM regress_t3 USING regress_t WHERE regress_t3.a = regress_t.a;
UPDATE regress_t3 SET a = 2 WHERE a = 1;
COMMENT ON TABLE regress_t3 IS 'no';
RESET ROLE;
SHOW is_superuser;
DROP TABLE regress_t3;
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
COMMENT ON SCHEMA regress_s IS 'no';
DROP SCHEMA regress_s;
RESET ROLE;
SELECT has_schema_privilege('regress_r1', 'regress_s', 'USAGE'), has_schema_privilege('regress_r1', 'regress_s', 'CREATE');
GRANT CONNECT ON DATABASE postgres TO regress_r1;
REVOKE CONNECT ON DATABASE postgres FROM regress_r1;
GRANT SELECT ON regress_t TO PUBLIC;
SELECT relacl FROM pg_class WHERE relname = 'regress_t';
REVOKE SELECT ON regress_t FROM PUBLIC;
-- sequences: USAGE, SELECT and UPDATE, checked by nextval, currval and setval
CREATE SCHEMA regress_q;
CREATE TABLE regress_q.t (id serial, v int);
GRANT USAGE ON SCHEMA regress_q TO regress_r1;
GRANT INSERT, SELECT ON regress_q.t TO regress_r1;
SET ROLE regress_r1;
INSERT INTO regress_q.t (v) VALUES (1);
RESET ROLE;
GRANT USAGE ON SEQUENCE regress_q.t_id_seq TO regress_r1;
GRANT SELECT, INSERT ON TABLE regress_q.t_id_seq TO regress_u1;
GRANT USAGE ON regress_q.t TO regress_r1;
GRANT SELECT ON SEQUENCE regress_q.t TO regress_r1;
GRANT INSERT ON SEQUENCE regress_q.t_id_seq TO regress_r1;
GRANT UPDATE ON ALL SEQUENCES IN SCHEMA regress_q TO regress_r2;
SELECT relname, relacl FROM pg_class WHERE relnamespace = 'regress_q'::regnamespace ORDER BY 1;
SET ROLE regress_r1;
INSERT INTO regress_q.t (v) VALUES (1) RETURNING id;
SELECT currval('regress_q.t_id_seq');
SELECT setval('regress_q.t_id_seq', 10);
RESET ROLE;
SELECT has_sequence_privilege('regress_r1', 'regress_q.t_id_seq', 'USAGE'),
       has_sequence_privilege('regress_r1', 'regress_q.t_id_seq', 'UPDATE'),
       has_sequence_privilege('regress_r2', 'regress_q.t_id_seq', 'update');
SELECT has_sequence_privilege('regress_r1', 'regress_q.t', 'USAGE');
\dp regress_q.*
DROP TABLE regress_q.t;
DROP SCHEMA regress_q;
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

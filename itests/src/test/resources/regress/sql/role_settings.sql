-- ALTER ROLE / ALTER USER / ALTER DATABASE ... SET and RESET: stored in pg_db_role_setting, listed by \drds,
-- and applied when a session starts (database, then role, then role in database; SHOW and pg_settings.source).
create role rs_a login;
create role rs_b login;
create database rs_db;
alter role rs_a set work_mem = '2MB';
alter user rs_a set search_path = a, "B";
alter role rs_a set enable_seqscan to off;
alter role rs_a in database rs_db set work_mem = '3MB';
alter database rs_db set work_mem = '4MB';
alter database rs_db set statement_timeout = '10s';
alter role all set lock_timeout = '1min';
alter role rs_a set work_mem = '5MB';
select setdatabase <> 0 as db, setrole <> 0 as role, setconfig from pg_db_role_setting order by 1, 2, 3;
select rolname, rolconfig from pg_roles where rolname like 'rs%' order by 1;
select usename, useconfig from pg_user where usename like 'rs%' order by 1;
\drds
\drds rs_a
\drds * rs_db
-- errors
alter role nosuch set work_mem = '1MB';
alter role rs_a set nosuch = 1;
alter role rs_a set work_mem = 'abc';
alter role rs_a in database nosuch set work_mem = '1MB';
alter database nosuch set work_mem = '1MB';
alter role public set work_mem = '1MB';
alter role rs_a set shared_buffers = '1MB';
alter role rs_a set;
-- privileges: a role may change its own settings; others need CREATEROLE, ALL a superuser
set role rs_b;
alter role rs_b set work_mem = '6MB';
alter role rs_a set work_mem = '6MB';
alter role all set work_mem = '6MB';
alter database rs_db set work_mem = '6MB';
alter role rs_b set session_replication_role = replica;
reset role;
-- transactional
begin;
alter role rs_b set work_mem = '7MB';
rollback;
select setconfig from pg_db_role_setting where setrole = 'rs_b'::regrole;
-- a new session starts with them
\c rs_db rs_a
select name, setting, source from pg_settings
 where name in ('work_mem', 'search_path', 'statement_timeout', 'lock_timeout', 'enable_seqscan') order by name;
show search_path;
set work_mem = '8MB';
reset work_mem;
show work_mem;
\c postgres rs_a
select name, setting, source from pg_settings where name in ('work_mem', 'statement_timeout') order by name;
\c postgres postgres
-- RESET, SET ... TO DEFAULT, RESET ALL
alter role rs_a reset work_mem;
alter role rs_a set enable_seqscan to default;
select setconfig from pg_db_role_setting where setrole = 'rs_a'::regrole and setdatabase = 0;
alter role rs_a reset all;
alter role all reset all;
alter database rs_db reset statement_timeout;
\drds
-- dropping the role or the database removes their settings
drop database rs_db;
drop role rs_a;
drop role rs_b;
select count(*) from pg_db_role_setting;

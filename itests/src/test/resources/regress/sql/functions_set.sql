-- SET clauses of CREATE/ALTER FUNCTION and PROCEDURE (pg_proc.proconfig) and the other ALTER FUNCTION actions
CREATE FUNCTION fs_show() RETURNS text LANGUAGE sql
  SET work_mem = '64MB' SET search_path = public, pg_temp
  AS $$ SELECT current_setting('work_mem') || ' ' || current_setting('search_path') $$;
SELECT proconfig FROM pg_proc WHERE proname = 'fs_show';
SHOW work_mem;
SELECT fs_show();
SHOW work_mem;
SHOW search_path;
SELECT pg_get_functiondef('fs_show'::regproc);
\sf fs_show
-- the setting is undone when the function fails, also where the error is caught
CREATE FUNCTION fs_fail() RETURNS int LANGUAGE plpgsql SET work_mem = '1MB' AS $$
BEGIN
  RAISE EXCEPTION 'failing with work_mem %', current_setting('work_mem');
END $$;
CREATE FUNCTION fs_catch() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fs_fail();
  RETURN 'not reached';
EXCEPTION WHEN raise_exception THEN
  RETURN SQLERRM || ', now ' || current_setting('work_mem');
END $$;
SELECT fs_fail();
SHOW work_mem;
SELECT fs_catch();
-- a plain SET inside the function outlives the call; SET LOCAL does not
CREATE FUNCTION fs_set(v text, local boolean) RETURNS text LANGUAGE plpgsql SET work_mem = '2MB' AS $$
BEGIN
  PERFORM set_config('work_mem', v, local);
  RETURN current_setting('work_mem');
END $$;
SELECT fs_set('3MB', true);
SHOW work_mem;
SELECT fs_set('5MB', false);
SHOW work_mem;
RESET work_mem;
-- FROM CURRENT, custom parameters, SET ... TO DEFAULT, RESET, RESET ALL
SET datestyle = 'SQL, DMY';
CREATE FUNCTION fs_cur() RETURNS text LANGUAGE sql SET datestyle FROM CURRENT SET myapp.flag = 'a b'
  AS $$ SELECT current_setting('datestyle') || ' ' || current_setting('myapp.flag') $$;
RESET datestyle;
SELECT proconfig FROM pg_proc WHERE proname = 'fs_cur';
SELECT fs_cur();
SHOW datestyle;
ALTER FUNCTION fs_show() SET work_mem = '128MB';
ALTER FUNCTION fs_show() SET statement_timeout = 1000;
SELECT proconfig FROM pg_proc WHERE proname = 'fs_show';
ALTER FUNCTION fs_show() RESET work_mem;
ALTER FUNCTION fs_show() SET search_path TO DEFAULT;
SELECT proconfig FROM pg_proc WHERE proname = 'fs_show';
ALTER FUNCTION fs_show() RESET ALL;
SELECT proconfig FROM pg_proc WHERE proname = 'fs_show';
ALTER FUNCTION fs_show() SET nosuch = 1;
ALTER FUNCTION fs_show() SET work_mem = 'lots';
ALTER FUNCTION fs_show() SET server_version = '1';
ALTER FUNCTION fs_show() SET port = 5;
-- procedures take SET too
CREATE PROCEDURE fs_proc(INOUT v text) LANGUAGE plpgsql SET work_mem = '7MB' AS $$
BEGIN
  v := current_setting('work_mem');
END $$;
CALL fs_proc(NULL);
SHOW work_mem;
ALTER PROCEDURE fs_proc(text) SET work_mem = '8MB';
CALL fs_proc(NULL);
ALTER PROCEDURE fs_proc(text) RESET ALL;
CALL fs_proc(NULL);
-- the other actions
ALTER FUNCTION fs_show() IMMUTABLE LEAKPROOF PARALLEL SAFE COST 5 SECURITY DEFINER;
SELECT provolatile, proleakproof, proparallel, procost, prosecdef FROM pg_proc WHERE proname = 'fs_show';
SELECT pg_get_functiondef('fs_show'::regproc);
ALTER FUNCTION fs_show() NOT LEAKPROOF PARALLEL RESTRICTED STABLE;
SELECT provolatile, proleakproof, proparallel FROM pg_proc WHERE proname = 'fs_show';
ALTER FUNCTION fs_show() PARALLEL sometimes;
CREATE FUNCTION fs_par(int) RETURNS SETOF int LANGUAGE sql PARALLEL RESTRICTED LEAKPROOF ROWS 20
  AS $$ SELECT $1 $$;
SELECT proparallel, proleakproof, prorows FROM pg_proc WHERE proname = 'fs_par';
CREATE ROLE regress_fs_user;
ALTER FUNCTION fs_par(int) OWNER TO regress_fs_user;
SET ROLE regress_fs_user;
ALTER FUNCTION fs_par(int) LEAKPROOF;
ALTER FUNCTION fs_par(int) SET session_replication_role = replica;
ALTER FUNCTION fs_par(int) SET work_mem = '1MB';
RESET ROLE;
DROP FUNCTION fs_show(), fs_fail(), fs_catch(), fs_set(text, boolean), fs_cur(), fs_par(int);
DROP PROCEDURE fs_proc(text);
DROP ROLE regress_fs_user;

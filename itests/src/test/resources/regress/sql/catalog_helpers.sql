--
-- Catalog helper functions tools call: to_regclass and the other to_reg* (NULL where the name is unknown),
-- pg_get_keywords, pg_client_encoding, and ORDER BY on the reg types (they sort as OIDs)
--
CREATE TABLE reg_t (id int);
CREATE SCHEMA reg_s;
SELECT to_regclass('reg_t'), to_regclass('public.reg_t'), to_regclass('nope'), to_regclass('nosuchschema.reg_t'),
       to_regclass('pg_class');
SELECT to_regtype('int4'), to_regtype('character varying'), to_regtype('nope'), to_regtype('integer[]');
SELECT to_regproc('now'), to_regproc('nope'), to_regproc('abs'), to_regprocedure('abs(integer)'),
       to_regprocedure('abs(text)');
SELECT to_regnamespace('reg_s'), to_regnamespace('nope'), to_regrole('postgres'), to_regrole('nope');
SELECT to_regclass(NULL), to_regclass('') IS NULL AS empty;
SELECT to_regclass('a.b.c.d');
SELECT to_regclass('postgres.public.reg_t'), to_regclass('otherdb.public.reg_t');
SELECT CASE WHEN to_regclass('reg_t') IS NULL THEN 'missing' ELSE 'exists' END;
SELECT count(*), count(*) FILTER (WHERE catcode = 'R'), count(*) FILTER (WHERE NOT barelabel) FROM pg_get_keywords();
SELECT * FROM pg_get_keywords() WHERE word IN ('abort', 'as', 'authorization', 'between', 'select', 'year') ORDER BY word;
SELECT pg_client_encoding();
SELECT c.oid::regclass FROM pg_class c WHERE c.relname IN ('pg_class', 'pg_type', 'pg_proc', 'pg_namespace')
  ORDER BY 1;
SELECT t::regtype FROM (VALUES (25), (16), (23)) v(t) ORDER BY t::regtype DESC;
SELECT DISTINCT n::regnamespace FROM (VALUES (11), (11), (2200)) v(n) ORDER BY 1;
DROP TABLE reg_t;
DROP SCHEMA reg_s;

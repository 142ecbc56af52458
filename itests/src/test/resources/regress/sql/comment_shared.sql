--
-- Comments on databases (pg_shdescription) and the installed extensions (pg_extension)
--
SELECT d.datname, shobj_description(d.oid, 'pg_database') FROM pg_database d ORDER BY d.datname;
SELECT objoid, classoid::regclass, description FROM pg_shdescription ORDER BY objoid;
CREATE DATABASE regress_comment_db;
COMMENT ON DATABASE regress_comment_db IS 'a database for comments';
SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = 'regress_comment_db';
COMMENT ON DATABASE regress_comment_db IS 'replaced';
SELECT count(*), min(description) FROM pg_shdescription s JOIN pg_database d ON d.oid = s.objoid
WHERE d.datname = 'regress_comment_db';
COMMENT ON DATABASE regress_comment_db IS NULL;
SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = 'regress_comment_db';
COMMENT ON DATABASE regress_comment_db IS 'goes with the database';
DROP DATABASE regress_comment_db;
SELECT count(*) FROM pg_shdescription WHERE objoid NOT IN (SELECT oid FROM pg_database);
COMMENT ON DATABASE regress_no_such_db IS 'x';
-- a comment on a database is not a comment on any relation or schema with the same OID
SELECT obj_description(1, 'pg_class'), shobj_description(1, 'pg_class'), shobj_description(1, 'pg_database');
-- extensions
SELECT extname, extowner::regrole, extnamespace::regnamespace, extrelocatable, extversion, extconfig, extcondition
FROM pg_extension;
SELECT e.extname, obj_description(e.oid, 'pg_extension') FROM pg_extension e;
\dx
\dx+ nosuch

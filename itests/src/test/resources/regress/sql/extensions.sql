--
-- CREATE / DROP / ALTER EXTENSION with the built-in uuid-ossp and pgcrypto
--
SELECT extname, extversion, extnamespace::regnamespace, extrelocatable FROM pg_extension ORDER BY 1;
SELECT name, default_version, installed_version, comment FROM pg_available_extensions
  WHERE name IN ('plpgsql', 'pgcrypto', 'uuid-ossp') ORDER BY 1;
SELECT name, version, installed, superuser, trusted, relocatable, schema, requires, comment
  FROM pg_available_extension_versions WHERE name IN ('plpgsql', 'pgcrypto', 'uuid-ossp') ORDER BY 1, 2;
-- the functions do not exist before CREATE EXTENSION
SELECT uuid_nil();
CREATE EXTENSION no_such_extension;
CREATE EXTENSION "uuid-ossp" VERSION '0.9';
CREATE EXTENSION "uuid-ossp" SCHEMA no_such_schema;
CREATE EXTENSION "uuid-ossp";
CREATE EXTENSION "uuid-ossp";
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
SELECT extname, extversion, extnamespace::regnamespace, extrelocatable FROM pg_extension ORDER BY 1;
SELECT name, installed_version FROM pg_available_extensions WHERE name = 'uuid-ossp';
\dx
\dx+ uuid-ossp
SELECT proname, prolang, provolatile, proisstrict, prosrc, probin, pg_get_function_arguments(oid)
  FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY proname;
SELECT uuid_nil(), uuid_ns_dns(), uuid_ns_url(), uuid_ns_oid(), uuid_ns_x500();
SELECT uuid_generate_v3(uuid_ns_dns(), 'www.example.com'), uuid_generate_v5(uuid_ns_url(), 'http://www.postgresql.org');
SELECT uuid_generate_v3(NULL, 'x') IS NULL AS strict;
SELECT substr(uuid_generate_v1()::text, 15, 1) AS v1, substr(uuid_generate_v1mc()::text, 15, 1) AS v1mc,
       substr(uuid_generate_v4()::text, 15, 1) AS v4, uuid_generate_v4() <> uuid_generate_v4() AS differ;
SELECT substr(uuid_generate_v1()::text, 20, 1) IN ('8', '9', 'a', 'b') AS variant;
-- an extension's function cannot be dropped alone
DROP FUNCTION uuid_nil();
ALTER EXTENSION "uuid-ossp" UPDATE;
ALTER EXTENSION "uuid-ossp" UPDATE TO '1.1';
ALTER EXTENSION "uuid-ossp" UPDATE TO '2.0';
ALTER EXTENSION no_such_extension UPDATE;
DROP EXTENSION "uuid-ossp";
SELECT uuid_nil();
SELECT count(*) FROM pg_proc WHERE proname LIKE 'uuid%' AND prolang = 13;
DROP EXTENSION no_such_extension;
DROP EXTENSION IF EXISTS no_such_extension;
-- CREATE EXTENSION is transactional
BEGIN;
CREATE EXTENSION "uuid-ossp";
SELECT uuid_ns_oid();
ROLLBACK;
SELECT uuid_ns_oid();
-- pgcrypto in a schema of its own
CREATE SCHEMA crypto;
CREATE EXTENSION pgcrypto WITH SCHEMA crypto;
SELECT digest('abc', 'sha1');
SET search_path = public, crypto;
SELECT digest('abc', 'md5'), digest('abc'::bytea, 'sha1');
SELECT encode(digest('abc', 'sha224'), 'hex') AS sha224;
SELECT encode(digest('abc', 'sha256'), 'hex') AS sha256;
SELECT encode(digest('abc', 'sha384'), 'hex') AS sha384;
SELECT encode(digest('abc', 'SHA512'), 'hex') AS sha512;
SELECT digest('abc', 'sha3');
SELECT digest(NULL::text, 'md5') IS NULL AS strict;
SELECT hmac('what do ya want for nothing?', 'Jefe', 'md5');
SELECT hmac('what do ya want for nothing?'::bytea, 'Jefe'::bytea, 'sha256');
SELECT hmac('data', '', 'sha1');
SELECT length(gen_random_bytes(16)), gen_random_bytes(8) <> gen_random_bytes(8) AS differ;
SELECT gen_random_bytes(0);
SELECT gen_random_bytes(1025);
SELECT substr(crypto.gen_random_uuid()::text, 15, 1) AS version;
-- password hashes: fixed salts give fixed hashes, random salts check against themselves
SELECT crypt('password', '$1$saltsalt');
SELECT crypt('', '$1$abc');
SELECT crypt('password', '$1$saltsalt$ignored');
SELECT crypt('password', '$2a$06$RQiOJ.3ELirrXwxIZY8q0O');
SELECT crypt('', '$2a$04$RQiOJ.3ELirrXwxIZY8q0O');
SELECT crypt('a much longer password, with spaces and more than twenty characters', '$2a$05$XXXXXXXXXXXXXXXXXXXXXO');
SELECT substr(gen_salt('md5'), 1, 3) AS md5, length(gen_salt('md5')) AS md5_length;
SELECT substr(gen_salt('bf'), 1, 7) AS bf, length(gen_salt('bf')) AS bf_length, substr(gen_salt('bf', 8), 1, 7) AS bf8;
SELECT crypt('secret', h) = h AS md5_ok, crypt('wrong', h) = h AS md5_wrong FROM (SELECT crypt('secret', gen_salt('md5')) AS h) s;
SELECT crypt('secret', h) = h AS bf_ok, crypt('wrong', h) = h AS bf_wrong FROM (SELECT crypt('secret', gen_salt('bf', 4)) AS h) s;
SELECT gen_salt('foo');
SELECT gen_salt('bf', 3);
SELECT gen_salt('md5', 5);
RESET search_path;
DROP SCHEMA crypto CASCADE;
DROP EXTENSION IF EXISTS pgcrypto;
SELECT extname FROM pg_extension ORDER BY 1;

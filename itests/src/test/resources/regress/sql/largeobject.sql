--
-- Large objects: server-side functions, pg_largeobject pages, descriptors and transactions
-- (lo_open modes: INV_READ 262144 = 0x40000, INV_WRITE 131072 = 0x20000, both 393216)
--
SELECT lo_create(42000);
SELECT lo_create(42000);
SELECT oid, pg_get_userbyid(lomowner) AS owner, lomacl FROM pg_largeobject_metadata ORDER BY oid;
SELECT count(*) FROM pg_largeobject WHERE loid = 42000;
BEGIN;
SELECT lo_open(42000, 393216) AS fd;
SELECT lowrite(0, 'hello, large object');
SELECT lo_tell(0), lo_tell64(0);
SELECT lo_lseek(0, 7, 0);
SELECT loread(0, 5);
SELECT lo_lseek(0, -6, 2), convert_from(loread(0, 100), 'UTF8');
SELECT lo_lseek64(0, 0, 1);
SELECT lo_lseek(0, 0, 3);
SELECT lo_lseek(0, -100, 1);
ROLLBACK;
-- the write was rolled back with its transaction
SELECT lo_get(42000);
BEGIN;
SELECT lo_open(42000, 131072);
SELECT lowrite(0, 'abc');
SELECT lo_close(0);
SELECT lo_close(0);
COMMIT;
SELECT lo_get(42000), lo_get(42000, 1, 1);
-- descriptors close at the end of the transaction
SELECT lo_open(42000, 262144);
SELECT loread(0, 10);
BEGIN;
SELECT lo_open(42000, 262144);
SELECT lowrite(0, 'x');
SELECT loread(0, -1);
ROLLBACK;
SELECT lo_open(42000, 0);
SELECT lo_open(42999, 262144);
-- pages of 2048 bytes; a hole reads as zeros
SELECT lo_put(42000, 4000, 'tail');
SELECT pageno, length(data) FROM pg_largeobject WHERE loid = 42000 ORDER BY pageno;
SELECT length(lo_get(42000)), lo_get(42000, 2046, 4), lo_get(42000, 3998, 100);
SELECT lo_from_bytea(42001, decode(repeat('0123456789abcdef', 300), 'hex'));
SELECT pageno, length(data) FROM pg_largeobject WHERE loid = 42001 ORDER BY pageno;
SELECT md5(lo_get(42001)) = md5(decode(repeat('0123456789abcdef', 300), 'hex')) AS same;
BEGIN;
SELECT lo_open(42001, 393216);
SELECT lo_truncate(0, 3000);
SELECT lo_lseek(0, 0, 2);
SELECT lo_truncate64(0, 5000);
SELECT lo_lseek64(0, 0, 2);
COMMIT;
SELECT pageno, length(data) FROM pg_largeobject WHERE loid = 42001 ORDER BY pageno;
SELECT lo_get(42001, 2998, 4);
SELECT lo_from_bytea(42001, 'again');
SELECT lo_unlink(42001);
SELECT lo_unlink(42001);
SELECT lo_get(42001);
SELECT lo_put(42001, 0, 'x');
SELECT count(*) FROM pg_largeobject WHERE loid = 42001;
-- lo_creat and lo_create(0) pick a new OID
SELECT lo_creat(-1) > 0 AS created, lo_create(0) > 0 AS created;
SELECT lo_unlink(oid) FROM pg_largeobject_metadata WHERE oid NOT IN (42000) ORDER BY oid;
SELECT lo_unlink(42000);
-- psql's \lo_import, \lo_export, \lo_list and \lo_unlink (libpq's lo_* API: fast-path calls by OID)
\set f '/tmp/tusk_regress_lo_' :PORT '.txt'
\set g '/tmp/tusk_regress_lo_' :PORT '_export.txt'
\set h '/tmp/tusk_regress_lo_' :PORT '_server.txt'
\o :f
\qecho 'large object through psql'
\o
\lo_import :f
\set first :LASTOID
SELECT convert_from(lo_get(:first), 'UTF8');
\lo_export :first :g
\lo_import :g
SELECT lo_get(:first) = lo_get(:LASTOID) AS same;
\lo_unlink :LASTOID
\lo_unlink :first
\lo_list
-- server-side files (superuser only)
SELECT lo_import(:'f', 43000);
SELECT convert_from(lo_get(43000), 'UTF8');
SELECT lo_export(43000, :'h');
SELECT lo_import('/nonexistent/file');
\lo_import :h
SELECT lo_get(43000) = lo_get(:LASTOID) AS same;
\lo_unlink :LASTOID
SELECT lo_unlink(43000);
-- privileges: lomacl, GRANT/REVOKE ON LARGE OBJECT, owner-only lo_unlink, superuser-only lo_import
CREATE ROLE regress_lo_user;
SELECT lo_from_bytea(44000, 'secret');
SET ROLE regress_lo_user;
SELECT lo_get(44000);
SELECT lo_open(44000, 262144);
SELECT lo_import('/nonexistent/file');
RESET ROLE;
GRANT SELECT ON LARGE OBJECT 44000 TO regress_lo_user;
SELECT lomacl FROM pg_largeobject_metadata WHERE oid = 44000;
SET ROLE regress_lo_user;
SELECT lo_get(44000);
BEGIN;
SELECT lo_open(44000, 262144);
SELECT loread(0, 3);
SELECT lo_open(44000, 131072);
ROLLBACK;
SELECT lo_put(44000, 0, 'S');
SELECT lo_unlink(44000);
RESET ROLE;
GRANT UPDATE ON LARGE OBJECT 44000 TO regress_lo_user;
REVOKE SELECT ON LARGE OBJECT 44000 FROM regress_lo_user;
SELECT lomacl FROM pg_largeobject_metadata WHERE oid = 44000;
SET ROLE regress_lo_user;
SELECT lo_get(44000);
RESET ROLE;
GRANT ALL ON LARGE OBJECT 44000 TO regress_lo_user;
SET ROLE regress_lo_user;
SELECT lo_put(44000, 0, 'S');
RESET ROLE;
SELECT convert_from(lo_get(44000), 'UTF8');
GRANT DELETE ON LARGE OBJECT 44000 TO regress_lo_user;
GRANT SELECT ON LARGE OBJECT 44999 TO regress_lo_user;
SELECT lo_unlink(44000);
DROP ROLE regress_lo_user;
SELECT count(*) FROM pg_largeobject_metadata;
SELECT count(*) FROM pg_largeobject;

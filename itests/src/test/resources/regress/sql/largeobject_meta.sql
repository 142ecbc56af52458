-- COMMENT ON LARGE OBJECT, ALTER LARGE OBJECT ... OWNER TO, and descriptors across savepoints
SELECT lo_create(43000);
COMMENT ON LARGE OBJECT 43000 IS 'a comment';
SELECT description, classoid::regclass FROM pg_description WHERE objoid = 43000;
SELECT obj_description(43000, 'pg_largeobject');
\dl
COMMENT ON LARGE OBJECT 43999 IS 'none';
COMMENT ON LARGE OBJECT 43000 IS NULL;
SELECT count(*) FROM pg_description WHERE objoid = 43000;
COMMENT ON LARGE OBJECT 43000 IS 'again';
CREATE ROLE regress_lo_owner;
ALTER LARGE OBJECT 43000 OWNER TO regress_lo_owner;
SELECT pg_get_userbyid(lomowner) FROM pg_largeobject_metadata WHERE oid = 43000;
ALTER LARGE OBJECT 43999 OWNER TO regress_lo_owner;
ALTER LARGE OBJECT 43000 OWNER TO no_such_role;
CREATE ROLE regress_lo_other;
SET ROLE regress_lo_other;
COMMENT ON LARGE OBJECT 43000 IS 'not mine';
ALTER LARGE OBJECT 43000 OWNER TO regress_lo_other;
RESET ROLE;
GRANT SELECT ON LARGE OBJECT 43000 TO regress_lo_other;
ALTER LARGE OBJECT 43000 OWNER TO postgres;
SELECT pg_get_userbyid(lomowner), lomacl FROM pg_largeobject_metadata WHERE oid = 43000;
-- descriptors opened in a savepoint close when it is rolled back to, stay when it is released
-- (lo_open takes the lowest free descriptor, so a closed one is handed out again)
BEGIN;
SELECT lo_open(43000, 262144) AS outer_fd;
SAVEPOINT s1;
SELECT lo_open(43000, 262144) AS inner_fd;
ROLLBACK TO SAVEPOINT s1;
SELECT lo_tell(0);
SELECT lo_open(43000, 262144) AS fd_one_again;
SAVEPOINT s2;
SELECT lo_open(43000, 262144) AS kept_fd;
RELEASE SAVEPOINT s2;
SAVEPOINT s3;
SELECT lo_lseek(2, 3, 0);
SELECT lo_open(43000, 262144) AS failed_fd;
SELECT 1 / 0;
ROLLBACK TO SAVEPOINT s3;
SELECT lo_tell(2);
SELECT lo_open(43000, 262144) AS fd_three_again;
SAVEPOINT s4;
SELECT lo_close(1);
ROLLBACK TO SAVEPOINT s4;
SELECT lo_open(43000, 262144) AS fd_one_stays_closed;
COMMIT;
-- the comment goes with the object
SELECT lo_unlink(43000);
SELECT count(*) FROM pg_description WHERE objoid = 43000;
DROP ROLE regress_lo_owner;
DROP ROLE regress_lo_other;

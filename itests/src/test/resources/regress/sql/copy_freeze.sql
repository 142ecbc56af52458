--
-- COPY ... FREEZE: only into a table created or truncated in the current subtransaction, the way
-- pgbench -i loads (TRUNCATE, then COPY ... WITH (FREEZE ON), in one transaction)
--
CREATE TABLE freeze_t (a int PRIMARY KEY, b text);
INSERT INTO freeze_t VALUES (1, 'old');
-- not new in this transaction
COPY freeze_t FROM STDIN (FREEZE);
\.
-- truncated by the parent, not by this subtransaction
BEGIN;
TRUNCATE freeze_t;
SAVEPOINT s;
COPY freeze_t FROM STDIN FREEZE;
\.
ROLLBACK;
-- an open cursor is prior transaction activity
BEGIN;
DECLARE c CURSOR FOR SELECT 1;
TRUNCATE freeze_t;
COPY freeze_t FROM STDIN (FREEZE ON);
\.
ROLLBACK;
SELECT * FROM freeze_t;
-- truncated in this transaction: frozen rows, then changed and checked like any other rows
BEGIN;
TRUNCATE freeze_t;
COPY freeze_t FROM STDIN (FREEZE);
1	x
2	y
\.
SELECT * FROM freeze_t ORDER BY a;
COPY freeze_t FROM STDIN (FREEZE);
2	dup
\.
ROLLBACK;
SELECT * FROM freeze_t;
BEGIN;
TRUNCATE freeze_t;
COPY freeze_t FROM STDIN (FREEZE TRUE);
1	x
2	y
3	z
\.
UPDATE freeze_t SET b = b || '!' WHERE a = 2;
DELETE FROM freeze_t WHERE a = 3;
COMMIT;
SELECT * FROM freeze_t ORDER BY a;
-- a truncation rolled back takes the frozen rows with it
BEGIN;
TRUNCATE freeze_t;
COPY freeze_t FROM STDIN (FREEZE);
9	gone
\.
ROLLBACK;
SELECT * FROM freeze_t ORDER BY a;
-- created in this transaction, and in a released savepoint
BEGIN;
CREATE TABLE freeze_new (a int);
SAVEPOINT s;
CREATE TABLE freeze_sub (a int);
COPY freeze_sub FROM STDIN (FREEZE);
7
\.
RELEASE SAVEPOINT s;
COPY freeze_new FROM STDIN (FREEZE);
8
\.
COMMIT;
SELECT * FROM freeze_new;
SELECT * FROM freeze_sub;
VACUUM ANALYZE freeze_t;
SELECT count(*) FROM freeze_t;
-- FREEZE false asks for nothing; COPY TO takes the option and ignores it
COPY freeze_t TO STDOUT (FREEZE);
COPY freeze_t FROM STDIN (FREEZE false);
4	w
\.
SELECT * FROM freeze_t ORDER BY a;
DROP TABLE freeze_t, freeze_new, freeze_sub;

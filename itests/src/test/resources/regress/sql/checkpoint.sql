--
-- CHECKPOINT: superusers and members of pg_checkpoint; inside a transaction block too
--
CHECKPOINT;
BEGIN;
CREATE TABLE checkpoint_t (a int);
INSERT INTO checkpoint_t VALUES (1), (2);
CHECKPOINT;
SELECT count(*) FROM checkpoint_t;
ROLLBACK;
SELECT count(*) FROM checkpoint_t;
CHECKPOINT now;
checkpoint;
CREATE ROLE regress_checkpointer;
SET ROLE regress_checkpointer;
CHECKPOINT;
RESET ROLE;
GRANT pg_checkpoint TO regress_checkpointer;
SET ROLE regress_checkpointer;
CHECKPOINT;
RESET ROLE;
REVOKE pg_checkpoint FROM regress_checkpointer;
DROP ROLE regress_checkpointer;
BEGIN;
SELECT 1/0;
CHECKPOINT;
ROLLBACK;

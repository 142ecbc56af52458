--
-- TRANSACTIONS
-- Transaction blocks, savepoints, the aborted state and the warnings for misplaced commands.
--
BEGIN;
SELECT 1 AS in_block;
COMMIT;
BEGIN;
SELECT 1/0;
SELECT 1 AS ignored;
COMMIT;
SELECT 'after rollback' AS state;
START TRANSACTION;
SELECT 1;
ROLLBACK;
COMMIT;
ROLLBACK;
BEGIN;
BEGIN;
COMMIT;
END;
ABORT;
BEGIN ISOLATION LEVEL SERIALIZABLE;
SHOW transaction_isolation;
COMMIT;
BEGIN TRANSACTION READ ONLY;
SHOW transaction_read_only;
COMMIT;
SHOW transaction_read_only;
-- an error in COMMIT's place: COMMIT of a failed block reports ROLLBACK
BEGIN;
SELECT nosuchcolumn;
END;
-- transaction chaining
BEGIN;
COMMIT AND CHAIN;
SHOW transaction_isolation;
COMMIT;
COMMIT AND CHAIN;
BEGIN ISOLATION LEVEL REPEATABLE READ;
ROLLBACK AND CHAIN;
SHOW transaction_isolation;
ROLLBACK;
-- SET LOCAL lasts until the end of the block
BEGIN;
SET LOCAL extra_float_digits = 3;
SHOW extra_float_digits;
COMMIT;
SHOW extra_float_digits;
SET LOCAL extra_float_digits = 2;
-- SET inside a rolled-back block is undone
BEGIN;
SET extra_float_digits = 2;
ROLLBACK;
SHOW extra_float_digits;
BEGIN;
SET extra_float_digits = 2;
COMMIT;
SHOW extra_float_digits;
-- (formerly transactions_pending)
BEGIN;
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
SHOW transaction_isolation;
ROLLBACK;
SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
-- savepoints
BEGIN;
SAVEPOINT a;
SELECT 1/0;
SELECT 'still aborted';
ROLLBACK TO SAVEPOINT a;
SELECT 'recovered' AS state;
SAVEPOINT b;
RELEASE SAVEPOINT b;
RELEASE SAVEPOINT b;
SELECT 'aborted again';
ROLLBACK TO a;
COMMIT;
SAVEPOINT outside;
RELEASE outside;
ROLLBACK TO outside;
BEGIN;
ROLLBACK TO nosuch;
ROLLBACK;
-- nested savepoints with the same name
BEGIN;
SAVEPOINT s;
SAVEPOINT s;
RELEASE s;
RELEASE s;
RELEASE s;
ROLLBACK;

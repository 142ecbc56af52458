--
-- CONSTRAINTS_TIMING
-- When constraint checks run within one session: immediate NO ACTION foreign keys at the end of the
-- statement (a statement may give a referenced key back), RESTRICT at once; DEFERRABLE unique keys
-- rechecked at the end of the statement or at COMMIT, also for the rows that ON DELETE / ON UPDATE
-- actions change. Everything created is dropped.
--
SET client_min_messages = warning;
-- NO ACTION: the key leaves one row and comes back in another in the same statement
CREATE TABLE tim_pn (id integer PRIMARY KEY, v text);
CREATE TABLE tim_cn (p integer REFERENCES tim_pn);
INSERT INTO tim_pn VALUES (1, 'a'), (10, 'b');
INSERT INTO tim_cn VALUES (1);
UPDATE tim_pn SET id = CASE id WHEN 1 THEN 11 WHEN 10 THEN 1 END;
SELECT * FROM tim_pn ORDER BY id;
-- the same with ON UPDATE RESTRICT fails at once
CREATE TABLE tim_pr (id integer PRIMARY KEY, v text);
CREATE TABLE tim_cr (p integer REFERENCES tim_pr ON UPDATE RESTRICT ON DELETE RESTRICT);
INSERT INTO tim_pr VALUES (1, 'a'), (10, 'b');
INSERT INTO tim_cr VALUES (1);
UPDATE tim_pr SET id = CASE id WHEN 1 THEN 11 WHEN 10 THEN 1 END;
SELECT * FROM tim_pr ORDER BY id;
-- NO ACTION still fails at the end of the statement if the key does not come back
UPDATE tim_pn SET id = 2 WHERE id = 1;
DELETE FROM tim_pn WHERE id = 1;
DELETE FROM tim_pr WHERE id = 1;
-- ... and a statement that deletes the referencing row too is fine
WITH d AS (DELETE FROM tim_cn WHERE p = 1 RETURNING p) DELETE FROM tim_pn WHERE id IN (SELECT p FROM d);
SELECT * FROM tim_pn ORDER BY id;
-- a NO ACTION key in a chain of cascades
CREATE TABLE tim_a (id integer PRIMARY KEY);
CREATE TABLE tim_b (id integer PRIMARY KEY, a integer REFERENCES tim_a ON DELETE CASCADE);
CREATE TABLE tim_c (b integer REFERENCES tim_b);
INSERT INTO tim_a VALUES (1), (2);
INSERT INTO tim_b VALUES (10, 1), (20, 2);
INSERT INTO tim_c VALUES (10);
DELETE FROM tim_a WHERE id = 1;
DELETE FROM tim_a WHERE id = 2;
SELECT * FROM tim_b ORDER BY id;
-- DEFERRABLE unique keys: a swap in one statement, a duplicate at the statement's end or at COMMIT
CREATE TABLE tim_u (id integer PRIMARY KEY DEFERRABLE, v text);
INSERT INTO tim_u VALUES (1, 'a'), (2, 'b');
UPDATE tim_u SET id = 3 - id;
SELECT * FROM tim_u ORDER BY id;
INSERT INTO tim_u VALUES (1, 'c');
BEGIN;
SET CONSTRAINTS tim_u_pkey DEFERRED;
INSERT INTO tim_u VALUES (1, 'c');
UPDATE tim_u SET id = 5 WHERE v = 'c';
COMMIT;
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO tim_u VALUES (2, 'd');
SET CONSTRAINTS ALL IMMEDIATE;
ROLLBACK;
SELECT * FROM tim_u ORDER BY id;
-- rows changed by ON DELETE SET DEFAULT / ON UPDATE CASCADE are checked against a DEFERRABLE unique key
CREATE TABLE tim_sp (id integer PRIMARY KEY);
INSERT INTO tim_sp VALUES (0), (1), (2), (3);
CREATE TABLE tim_sc (a integer DEFAULT 0 UNIQUE DEFERRABLE REFERENCES tim_sp ON DELETE SET DEFAULT ON UPDATE CASCADE,
  n integer);
INSERT INTO tim_sc VALUES (1, 1), (2, 2);
DELETE FROM tim_sp WHERE id IN (1, 2);
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
DELETE FROM tim_sp WHERE id IN (1, 2);
SELECT * FROM tim_sc ORDER BY n;
COMMIT;
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
DELETE FROM tim_sp WHERE id = 1;
UPDATE tim_sc SET a = 3 WHERE n = 1;
COMMIT;
SELECT * FROM tim_sc ORDER BY n;
UPDATE tim_sp SET id = 4 WHERE id = 2;
SELECT * FROM tim_sc ORDER BY n;
-- a SET DEFAULT value must be in the referenced table; a cascaded key is checked too
CREATE TABLE tim_dp (id integer PRIMARY KEY);
INSERT INTO tim_dp VALUES (1), (2);
CREATE TABLE tim_dc (a integer DEFAULT 0 REFERENCES tim_dp ON DELETE SET DEFAULT ON UPDATE CASCADE);
INSERT INTO tim_dc VALUES (1);
DELETE FROM tim_dp WHERE id = 1;
UPDATE tim_dp SET id = 3 WHERE id = 1;
INSERT INTO tim_dp VALUES (0);
DELETE FROM tim_dp WHERE id = 3;
SELECT * FROM tim_dc;
DROP TABLE tim_cn, tim_pn, tim_cr, tim_pr, tim_c, tim_b, tim_a, tim_u, tim_sc, tim_sp, tim_dc, tim_dp;

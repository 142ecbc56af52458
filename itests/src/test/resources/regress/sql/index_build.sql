-- CREATE INDEX and ADD PRIMARY KEY on tables that already have rows (the sorted bulk build):
-- duplicates found during the build, NULLs, dead versions, multi-column keys, the index used after.
CREATE TABLE ib (a int, b text, c numeric, d int);
INSERT INTO ib SELECT i, 'k' || i, i % 7, i % 10 FROM generate_series(1, 3000) i;
INSERT INTO ib VALUES (NULL, NULL, NULL, NULL), (NULL, NULL, NULL, NULL);
CREATE UNIQUE INDEX ib_a ON ib (a);
CREATE UNIQUE INDEX ib_b ON ib (b);
CREATE UNIQUE INDEX ib_ac ON ib (a, c);
CREATE INDEX ib_d ON ib (d, b DESC);
DROP INDEX ib_a, ib_b, ib_ac;
-- one duplicated key: each kind of key reports it
INSERT INTO ib VALUES (77, 'k77', 0, 1);
CREATE UNIQUE INDEX ib_a2 ON ib (a);
CREATE UNIQUE INDEX ib_b2 ON ib (b);
CREATE UNIQUE INDEX ib_ac2 ON ib (a, c);
CREATE UNIQUE INDEX ib_bd ON ib (b, d);
CREATE UNIQUE INDEX ib_ad ON ib (a, d);
ALTER TABLE ib ADD CONSTRAINT ib_b_key UNIQUE (b);
DELETE FROM ib WHERE a IS NULL;
ALTER TABLE ib ADD PRIMARY KEY (a);
-- the second version deleted: no longer a duplicate
DELETE FROM ib WHERE a = 77 AND c = 0;
CREATE UNIQUE INDEX ib_a3 ON ib (a);
ALTER TABLE ib ADD CONSTRAINT ib_b_key UNIQUE (b);
-- an updated row leaves a dead version behind
UPDATE ib SET b = 'changed' WHERE a = 5;
CREATE UNIQUE INDEX ib_b4 ON ib (b);
SELECT a, b FROM ib WHERE b = 'changed' OR b = 'k5' OR a = 77 ORDER BY a;
ALTER TABLE ib ADD PRIMARY KEY (a);
\d ib
SELECT count(*) FROM ib WHERE d = 3 AND b > 'k2';
-- within one transaction: a table created, loaded, a duplicate deleted again before the build
BEGIN;
CREATE TABLE ib2 (a int, b varchar(10));
INSERT INTO ib2 SELECT i, 'v' || i FROM generate_series(1, 500) i;
INSERT INTO ib2 VALUES (42, 'again');
SAVEPOINT s;
CREATE UNIQUE INDEX ib2_a ON ib2 (a);
ROLLBACK TO s;
DELETE FROM ib2 WHERE b = 'again';
CREATE UNIQUE INDEX ib2_a ON ib2 (a);
SELECT * FROM ib2 WHERE a = 42;
ROLLBACK;
DROP TABLE ib;
-- beyond maintenance_work_mem the build sorts in runs on disk and merges them: same answers
SET maintenance_work_mem = '1MB';
SHOW maintenance_work_mem;
CREATE TABLE ib3 (a int, b text);
INSERT INTO ib3 SELECT i, md5(i::text) FROM generate_series(1, 30000) i;
INSERT INTO ib3 VALUES (30001, md5('777'));
CREATE UNIQUE INDEX ib3_b ON ib3 (b);
DELETE FROM ib3 WHERE a = 30001;
CREATE UNIQUE INDEX ib3_b ON ib3 (b);
CREATE INDEX ib3_ba ON ib3 (b DESC, a);
SELECT a FROM ib3 WHERE b = md5('777');
SELECT count(*) FROM ib3 WHERE b BETWEEN 'a' AND 'b';
SET maintenance_work_mem = '100kB';
SET maintenance_work_mem = 2048;
SHOW maintenance_work_mem;
RESET maintenance_work_mem;
SHOW maintenance_work_mem;
DROP TABLE ib3;

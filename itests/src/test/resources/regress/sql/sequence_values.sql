-- nextval, setval and the sequence's row (last_value, log_cnt, is_called): log_cnt counts down the values
-- the last WAL record claimed ahead (32 at a time), as PostgreSQL's nextval_internal does.
CREATE SEQUENCE q1;
SELECT last_value, log_cnt, is_called FROM q1;
SELECT nextval('q1');
SELECT last_value, log_cnt, is_called FROM q1;
SELECT nextval('q1'), nextval('q1');
SELECT last_value, log_cnt, is_called FROM q1;
SELECT setval('q1', 10);
SELECT last_value, log_cnt, is_called FROM q1;
SELECT nextval('q1');
SELECT last_value, log_cnt, is_called FROM q1;
SELECT setval('q1', 20, false);
SELECT last_value, log_cnt, is_called FROM q1;
SELECT nextval('q1');
SELECT last_value, log_cnt, is_called FROM q1;
SELECT currval('q1');
-- a cycling sequence stops its claim at the bound
CREATE SEQUENCE c1 MINVALUE 1 MAXVALUE 3 CYCLE;
SELECT nextval('c1'), nextval('c1'), nextval('c1'), nextval('c1');
SELECT last_value, log_cnt, is_called FROM c1;
CREATE SEQUENCE m1 MAXVALUE 2;
SELECT nextval('m1'), nextval('m1');
SELECT last_value, log_cnt, is_called FROM m1;
SELECT nextval('m1');
CREATE SEQUENCE d1 INCREMENT -5 MINVALUE -12;
SELECT nextval('d1'), nextval('d1'), nextval('d1');
SELECT last_value, log_cnt, is_called FROM d1;
SELECT nextval('d1');
-- a rollback keeps the values handed out, and takes a sequence it created with it
BEGIN;
SELECT nextval('q1');
ROLLBACK;
SELECT nextval('q1');
BEGIN;
CREATE SEQUENCE n1;
SELECT nextval('n1'), nextval('n1');
SELECT last_value, log_cnt, is_called FROM n1;
ROLLBACK;
SELECT nextval('n1');
-- a serial column past one claim
CREATE TABLE serials (id serial, x int);
INSERT INTO serials (x) SELECT g FROM generate_series(1, 100) g;
SELECT count(*), count(DISTINCT id), min(id), max(id) FROM serials;
SELECT last_value, log_cnt, is_called FROM serials_id_seq;
DROP TABLE serials;
DROP SEQUENCE q1, c1, m1, d1;

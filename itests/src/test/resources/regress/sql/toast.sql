--
-- TOAST: values wider than a page are compressed and moved out of line, and come back byte for byte
--
CREATE TABLE toasty (id int PRIMARY KEY, t text, b bytea, n int);
-- compressible (repeat) and incompressible (md5 chains) values, 10 kB to a few MB
INSERT INTO toasty VALUES (1, repeat('abcdefghij', 1000), NULL, 0);
INSERT INTO toasty SELECT 2, string_agg(md5(i::text), ''), NULL, 0 FROM generate_series(1, 400) i;
INSERT INTO toasty SELECT 3, NULL, decode(string_agg(md5(i::text), ''), 'hex'), 0 FROM generate_series(1, 70000) i;
INSERT INTO toasty SELECT 4, string_agg(md5(i::text), '') || repeat('x', 100000),
    decode(string_agg(md5((-i)::text), ''), 'hex'), 0 FROM generate_series(1, 30000) i;
INSERT INTO toasty VALUES (5, 'short', '\x0102'::bytea, 0);
SELECT id, length(t), octet_length(t), md5(t), length(b), md5(b) FROM toasty ORDER BY id;
-- parts of wide values
SELECT id, substr(t, 9995, 10), substr(t, 12001, 8), encode(substring(b from 100001 for 4), 'hex')
  FROM toasty WHERE id IN (1, 2, 3, 4) ORDER BY id;
SELECT id, position('x' in t), t LIKE '%xxxx', right(t, 3) FROM toasty WHERE id IN (1, 2, 4) ORDER BY id;
-- an UPDATE of another column keeps the wide values
UPDATE toasty SET n = n + 1;
SELECT id, n, length(t), md5(t), md5(b) FROM toasty ORDER BY id;
-- an UPDATE of the wide value itself
UPDATE toasty SET t = t || t WHERE id = 2;
UPDATE toasty SET b = b || b, t = NULL WHERE id = 3;
SELECT id, length(t), md5(t), length(b), md5(b) FROM toasty WHERE id IN (2, 3) ORDER BY id;
-- copying rows copies the values
CREATE TABLE toasty2 (id int, t text, b bytea);
INSERT INTO toasty2 SELECT id + 10, t, b FROM toasty;
INSERT INTO toasty2 SELECT id + 20, t, b FROM toasty WHERE id < 3;
SELECT id, length(t), md5(t), md5(b) FROM toasty2 ORDER BY id;
SELECT count(*) FROM toasty a JOIN toasty2 c ON a.t = c.t;
-- a rolled back change leaves the old values
BEGIN;
UPDATE toasty SET t = repeat('z', 50000) WHERE id = 1;
DELETE FROM toasty WHERE id = 4;
SELECT id, length(t), md5(t) FROM toasty WHERE id IN (1, 4) ORDER BY id;
ROLLBACK;
SELECT id, length(t), md5(t) FROM toasty WHERE id IN (1, 4) ORDER BY id;
-- DELETE and VACUUM, then new values
DELETE FROM toasty WHERE id IN (2, 4);
VACUUM toasty;
INSERT INTO toasty SELECT 6, string_agg(md5((i * 7)::text), ''), NULL, 0 FROM generate_series(1, 5000) i;
SELECT id, length(t), md5(t), md5(b) FROM toasty ORDER BY id;
-- TRUNCATE in a transaction that rolls back, then for real
BEGIN;
TRUNCATE toasty2;
SELECT count(*) FROM toasty2;
ROLLBACK;
SELECT count(*), sum(length(t)) FROM toasty2;
TRUNCATE toasty2;
INSERT INTO toasty2 SELECT id, t, b FROM toasty;
SELECT id, md5(t), md5(b) FROM toasty2 ORDER BY id;
-- a wide value in an array, a jsonb document
CREATE TABLE toasty3 (a text[], j jsonb);
INSERT INTO toasty3 SELECT array_agg(md5(i::text)), jsonb_build_object('k', string_agg(md5(i::text), ''))
  FROM generate_series(1, 2000) i;
SELECT array_length(a, 1), md5(a[1999]), length(j->>'k'), md5(j->>'k') FROM toasty3;
DROP TABLE toasty, toasty2, toasty3;

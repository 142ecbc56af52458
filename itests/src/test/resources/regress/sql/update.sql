--
-- UPDATE
-- SET lists, DEFAULT, WHERE through an index and without, RETURNING, errors.
--
CREATE TABLE upd (id int PRIMARY KEY, v int DEFAULT 0, s text, n numeric(5,1));
INSERT INTO upd VALUES (1, 10, 'a', 1.0), (2, 20, 'b', 2.0), (3, 30, 'c', 3.0), (4, 40, 'd', 4.0);
UPDATE upd SET v = v + 1 WHERE id = 2;
UPDATE upd SET v = v + 1 WHERE id = 2 RETURNING id, v;
UPDATE upd SET s = upper(s) WHERE id >= 3 RETURNING *;
UPDATE upd SET (v, s) = (v * 2, s || s) WHERE id BETWEEN 1 AND 1 RETURNING v, s;
UPDATE upd SET v = DEFAULT WHERE id = 4 RETURNING v;
UPDATE upd SET n = n / 3 WHERE id = 1 RETURNING n;
UPDATE upd SET n = 12345 WHERE id = 1;
UPDATE upd SET v = 0 WHERE id = 99;
UPDATE upd SET v = 0 WHERE id = 5000000000;
UPDATE upd SET v = 1 WHERE v > 1000;
UPDATE upd x SET v = x.v + 100 WHERE x.id = 3 RETURNING x.id, x.v;
UPDATE upd x SET v = upd.v WHERE x.id = 3;
-- errors
UPDATE upd SET v = 1, v = 2;
UPDATE upd SET (v, s) = (1);
UPDATE upd SET nosuch = 1;
UPDATE upd SET v = 'x';
UPDATE upd SET v = true;
UPDATE upd SET id = 2 WHERE id = 1;
UPDATE upd SET id = NULL WHERE id = 1;
UPDATE nosuch SET a = 1;
UPDATE upd SET id = id + 10 RETURNING id;
-- t.* at the top of RETURNING stands for the columns; (t.*) and t are the whole row.
UPDATE upd SET v = v WHERE id = 12 RETURNING upd.*;
UPDATE upd u SET v = v WHERE id = 12 RETURNING u.*, u, u.id;
DELETE FROM upd WHERE id = 12 RETURNING upd.*, 'deleted' AS what;
DROP TABLE upd;

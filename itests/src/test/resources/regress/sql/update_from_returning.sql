-- RETURNING x.* of an UPDATE ... FROM / DELETE ... USING relation stands for x's columns, as in a select list
CREATE TABLE ufr_t (id int, v text);
CREATE TABLE ufr_x (id int, amount int, note text);
INSERT INTO ufr_t VALUES (1, 'one'), (2, 'two'), (3, 'three');
INSERT INTO ufr_x VALUES (1, 10, 'a'), (2, 20, 'b');
UPDATE ufr_t SET v = v || '!' FROM ufr_x WHERE ufr_x.id = ufr_t.id AND ufr_x.id = 1 RETURNING ufr_x.*;
UPDATE ufr_t t SET v = v || '?' FROM ufr_x x WHERE x.id = t.id AND x.id = 2 RETURNING x.*, t.*;
UPDATE ufr_t t SET v = upper(v) FROM ufr_x x WHERE x.id = t.id AND x.id = 1 RETURNING t.id, x.*, x.amount * 2 AS twice;
UPDATE ufr_t t SET v = lower(v) FROM ufr_x x WHERE x.id = t.id AND x.id = 1 RETURNING x, x.note;
UPDATE ufr_t t SET v = v FROM (SELECT id, amount + 1 AS a1 FROM ufr_x) s WHERE s.id = t.id AND s.id = 2 RETURNING s.*;
UPDATE ufr_t t SET v = v FROM ufr_x x WHERE x.id = t.id AND x.id = 2 RETURNING nosuch.*;
DELETE FROM ufr_t t USING ufr_x x WHERE x.id = t.id AND x.id = 2 RETURNING x.*;
DELETE FROM ufr_t USING ufr_x, (VALUES (1, 'v')) AS vv(k, label) WHERE ufr_x.id = ufr_t.id AND vv.k = ufr_x.id
  RETURNING vv.*, ufr_x.*, ufr_t.*;
SELECT * FROM ufr_t ORDER BY id;
DROP TABLE ufr_t, ufr_x;

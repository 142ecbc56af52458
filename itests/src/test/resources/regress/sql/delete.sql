--
-- DELETE
-- WHERE through an index and without, RETURNING, aliases.
--
CREATE TABLE del (id int PRIMARY KEY, v text);
INSERT INTO del VALUES (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four'), (5, 'five');
DELETE FROM del WHERE id = 1;
DELETE FROM del WHERE id = 1;
DELETE FROM del WHERE id > 3 RETURNING *;
DELETE FROM del d WHERE d.v = 'two' RETURNING d.id, length(d.v);
DELETE FROM del WHERE id = 5000000000;
DELETE FROM del WHERE nosuch = 1;
DELETE FROM del d WHERE del.id = 1;
DELETE FROM nosuch;
COPY del TO STDOUT;
DELETE FROM del;
COPY del TO STDOUT;
DROP TABLE del;

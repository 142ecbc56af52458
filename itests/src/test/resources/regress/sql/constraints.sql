--
-- CONSTRAINTS
-- NOT NULL, CHECK, UNIQUE, PRIMARY KEY and FOREIGN KEY with their messages and details.
--
CREATE TABLE chk (a int CHECK (a > 0), b int, CONSTRAINT b_small CHECK (b < 100), c text NOT NULL DEFAULT 'c');
INSERT INTO chk VALUES (1, 1);
INSERT INTO chk VALUES (0, 1);
INSERT INTO chk VALUES (1, 100);
INSERT INTO chk VALUES (NULL, NULL);
INSERT INTO chk VALUES (-1, 1000);
UPDATE chk SET b = 200 WHERE a = 1;
UPDATE chk SET c = NULL;
CREATE TABLE uq (a int PRIMARY KEY, b text UNIQUE, c int, d int, UNIQUE (c, d));
INSERT INTO uq VALUES (1, 'x', 1, 1);
INSERT INTO uq VALUES (1, 'y', 2, 2);
INSERT INTO uq VALUES (2, 'x', 2, 2);
INSERT INTO uq VALUES (2, 'y', 1, 1);
INSERT INTO uq VALUES (2, NULL, NULL, 1), (3, NULL, NULL, 1);
INSERT INTO uq VALUES (4, 'z', 5, 5), (5, 'w', 5, 5);
UPDATE uq SET a = 1 WHERE a = 2;
INSERT INTO uq (b) VALUES ('q');
-- foreign keys
CREATE TABLE parent (id int PRIMARY KEY, name text);
CREATE TABLE child (id int PRIMARY KEY, pid int REFERENCES parent);
CREATE TABLE child_c (id int PRIMARY KEY, pid int REFERENCES parent ON DELETE CASCADE ON UPDATE CASCADE);
CREATE TABLE child_n (id int PRIMARY KEY, pid int DEFAULT 0 REFERENCES parent ON DELETE SET NULL ON UPDATE SET DEFAULT);
INSERT INTO parent VALUES (0, 'zero'), (1, 'one'), (2, 'two'), (3, 'three');
INSERT INTO child VALUES (10, 1), (11, NULL);
INSERT INTO child VALUES (12, 9);
UPDATE child SET pid = 8 WHERE id = 10;
DELETE FROM parent WHERE id = 1;
UPDATE parent SET id = 7 WHERE id = 1;
UPDATE parent SET name = 'uno' WHERE id = 1 RETURNING *;
INSERT INTO child_c VALUES (20, 2), (21, 2), (22, 3);
UPDATE parent SET id = 5 WHERE id = 2;
COPY child_c TO STDOUT;
DELETE FROM parent WHERE id = 5;
COPY child_c TO STDOUT;
INSERT INTO child_n VALUES (30, 3), (31, 3);
UPDATE parent SET id = 6 WHERE id = 3;
COPY child_n TO STDOUT;
DELETE FROM parent WHERE id = 0;
DROP TABLE child_n, child_c, child, parent, uq, chk;

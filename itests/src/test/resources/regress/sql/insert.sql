--
-- INSERT
-- VALUES, DEFAULT, column defaults, assignment casts and type modifiers, RETURNING.
--
CREATE TABLE ins (a int NOT NULL, b text DEFAULT 'dflt', c varchar(5), d numeric(6,2), e char(4), f int8 DEFAULT 42);
INSERT INTO ins VALUES (1, 'one', 'abc', 1.005, 'x', 7);
INSERT INTO ins (a) VALUES (2);
INSERT INTO ins (a, b) VALUES (3, DEFAULT), (4, NULL);
INSERT INTO ins VALUES (5, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT);
INSERT INTO ins (f, a) VALUES ('9', '6');
COPY ins TO STDOUT;
-- RETURNING
INSERT INTO ins (a, c) VALUES (10, 'ten') RETURNING *;
INSERT INTO ins (a, d) VALUES (11, 2.5), (12, 3.333) RETURNING a, d, d * 2 AS twice, b || '!' AS bang;
INSERT INTO ins (a) VALUES (13) RETURNING f + 1, upper(b);
-- assignment conversions
INSERT INTO ins (a, c) VALUES (20, 'abcde') RETURNING c;
INSERT INTO ins (a, c) VALUES (21, 'abc   ') RETURNING c, length(c);
INSERT INTO ins (a, c) VALUES (22, 'abcdef');
INSERT INTO ins (a, e) VALUES (23, 'ab') RETURNING e;
INSERT INTO ins (a, e) VALUES (24, 'abcde');
INSERT INTO ins (a, d) VALUES (25, 1234.567) RETURNING d;
INSERT INTO ins (a, d) VALUES (26, 12345.6);
INSERT INTO ins (a, d) VALUES (27, -0.004) RETURNING d;
INSERT INTO ins (a) VALUES (2.6) RETURNING a;
INSERT INTO ins (a) VALUES (true);
INSERT INTO ins (a, b) VALUES (28, 5) RETURNING b;
INSERT INTO ins (a) VALUES ('x');
INSERT INTO ins (a) VALUES (3000000000);
-- column lists and VALUES shapes
INSERT INTO ins (a, zz) VALUES (1, 2);
INSERT INTO ins (a, a) VALUES (1, 2);
INSERT INTO ins (a) VALUES (1, 2);
INSERT INTO ins (a, b) VALUES (1);
INSERT INTO ins VALUES (a);
INSERT INTO nosuch VALUES (1);
INSERT INTO ins (a) VALUES (30), (31), (32);
-- NOT NULL
INSERT INTO ins (b) VALUES ('no a');
INSERT INTO ins VALUES (NULL, 'x');
INSERT INTO ins DEFAULT VALUES;
DROP TABLE ins;
-- INSERT ... SELECT: unknown-type expressions take the target columns' types
CREATE TABLE ins_unknown (a int, b int, c date);
INSERT INTO ins_unknown SELECT 1, NULL, '2020-01-02';
INSERT INTO ins_unknown SELECT 2, '7', NULL;
SELECT * FROM ins_unknown ORDER BY a;
DROP TABLE ins_unknown;

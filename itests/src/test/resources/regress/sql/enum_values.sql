-- Values of enum types: columns, literals and casts, comparisons in the labels' order, sorting, grouping,
-- indexes, enum_first/enum_last/enum_range, enum arrays, ADD VALUE and RENAME VALUE seen by stored rows,
-- ALTER COLUMN TYPE, DROP TYPE with dependent columns.
CREATE TYPE ev_mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE ev_color AS ENUM ('red', 'green');
CREATE TABLE ev_t (id int PRIMARY KEY, m ev_mood, note text);
INSERT INTO ev_t VALUES (1, 'happy', 'a'), (2, 'sad', 'b'), (3, 'ok', 'c'), (4, NULL, 'd');
INSERT INTO ev_t VALUES (5, 'angry', 'e');
INSERT INTO ev_t VALUES (5, 'ok'::text, 'e');
INSERT INTO ev_t VALUES (5, 'red'::ev_color, 'e');
SELECT * FROM ev_t ORDER BY m, id;
SELECT * FROM ev_t ORDER BY m DESC NULLS LAST;
SELECT 'ok'::ev_mood, 'happy'::ev_mood > 'ok', CAST('sad' AS ev_mood) < 'ok'::ev_mood;
SELECT 'nope'::ev_mood;
SELECT * FROM ev_t WHERE m = 'ok';
SELECT * FROM ev_t WHERE m = 'nope';
SELECT * FROM ev_t WHERE m > 'sad' ORDER BY id;
SELECT * FROM ev_t WHERE m <= 'ok' ORDER BY id;
SELECT * FROM ev_t WHERE m <> 'ok' ORDER BY id;
SELECT * FROM ev_t WHERE m IN ('ok', 'happy') ORDER BY id;
SELECT * FROM ev_t WHERE m BETWEEN 'sad' AND 'ok' ORDER BY id;
SELECT * FROM ev_t WHERE m = 'ok'::text;
SELECT * FROM ev_t WHERE m = 'ok'::varchar;
SELECT * FROM ev_t WHERE m = 1;
SELECT * FROM ev_t WHERE m = 'red'::ev_color;
SELECT m::text, m::varchar(2), note::ev_mood FROM ev_t WHERE id = 1;
SELECT 'ok'::text::ev_mood, 'happy'::varchar::ev_mood, 'sad'::name::ev_mood;
SELECT 1::ev_mood;
SELECT 'red'::ev_color::ev_mood;
SELECT min(m), max(m), count(DISTINCT m) FROM ev_t;
SELECT DISTINCT m FROM ev_t ORDER BY m;
SELECT m, count(*) FROM ev_t GROUP BY m ORDER BY m;
SELECT a.id, b.id FROM ev_t a JOIN ev_t b ON a.m = b.m ORDER BY 1;
SELECT m, CASE WHEN m = 'ok' THEN 'fine' ELSE 'not' END FROM ev_t ORDER BY id;
SELECT coalesce(m, 'ok') FROM ev_t ORDER BY id;
UPDATE ev_t SET m = 'ok' WHERE id = 4 RETURNING *;
UPDATE ev_t SET m = 'nope' WHERE id = 4;
SELECT pg_typeof(m), pg_typeof(m::text) FROM ev_t WHERE id = 1;
-- the functions of enum.c
SELECT enum_first(NULL::ev_mood), enum_last(NULL::ev_mood), enum_range(NULL::ev_mood);
SELECT enum_range('ok'::ev_mood, NULL), enum_range(NULL, 'ok'::ev_mood), enum_range('sad'::ev_mood, 'happy');
SELECT enum_range('happy'::ev_mood, 'sad');
SELECT enum_first(m) FROM ev_t WHERE id = 1;
SELECT enum_first('ok');
SELECT enum_first(1);
-- indexes order by the labels' sort order, unique too
CREATE INDEX ev_t_m ON ev_t (m);
CREATE TABLE ev_u (m ev_mood UNIQUE, x int);
INSERT INTO ev_u VALUES ('ok'), ('sad');
INSERT INTO ev_u VALUES ('ok');
SET enable_seqscan = off;
SELECT * FROM ev_t WHERE m = 'ok' ORDER BY id;
SELECT * FROM ev_t WHERE m >= 'ok' ORDER BY id;
-- ADD VALUE puts a label between others; RENAME VALUE changes what stored rows print
ALTER TYPE ev_mood ADD VALUE 'meh' BEFORE 'ok';
ALTER TYPE ev_mood ADD VALUE 'great';
INSERT INTO ev_t VALUES (6, 'meh', 'f'), (7, 'great', 'g');
SELECT * FROM ev_t WHERE m < 'ok' ORDER BY id;
SELECT * FROM ev_t WHERE m > 'meh' ORDER BY m, id;
RESET enable_seqscan;
SELECT id, m FROM ev_t ORDER BY m, id;
SELECT enum_range(NULL::ev_mood);
ALTER TYPE ev_mood RENAME VALUE 'sad' TO 'blue';
SELECT id, m FROM ev_t ORDER BY m, id;
SELECT * FROM ev_t WHERE m = 'sad';
SELECT * FROM ev_u ORDER BY m;
-- arrays of enums
CREATE TABLE ev_a (id int, ms ev_mood[]);
INSERT INTO ev_a VALUES (1, '{ok,happy}'), (2, ARRAY['blue', 'meh']::ev_mood[]), (3, ARRAY['great'::ev_mood]);
INSERT INTO ev_a VALUES (4, '{ok,nope}');
SELECT * FROM ev_a ORDER BY id;
SELECT id FROM ev_a WHERE 'ok' = ANY (ms) ORDER BY id;
SELECT id FROM ev_a WHERE 'ok'::ev_mood = ANY (ms) ORDER BY id;
SELECT ms[1], pg_typeof(ms[1]) FROM ev_a ORDER BY id;
SELECT array_agg(m ORDER BY m) FROM ev_t;
SELECT * FROM ev_t WHERE m = ANY ('{ok,great}') ORDER BY id;
-- ALTER COLUMN TYPE between text and the enum
ALTER TABLE ev_t ALTER COLUMN note TYPE ev_mood;
ALTER TABLE ev_t ALTER COLUMN m TYPE text;
SELECT id, m FROM ev_t ORDER BY m, id;
ALTER TABLE ev_t ALTER COLUMN m TYPE ev_mood USING m::ev_mood;
SELECT id, m FROM ev_t ORDER BY m, id;
\d ev_t
\d ev_a
-- a new label is usable after the transaction that added it commits
BEGIN;
ALTER TYPE ev_color ADD VALUE 'blue';
COMMIT;
SELECT 'blue'::ev_color;
-- DROP TYPE with dependent columns
CREATE TABLE ev_c (id int, c ev_color, cs ev_color[]);
DROP TYPE ev_mood;
DROP TYPE ev_color;
DROP TYPE ev_color CASCADE;
\d ev_c
DROP TYPE ev_mood CASCADE;
\d ev_t
SELECT count(*) FROM pg_type WHERE typname LIKE '%ev\_%';
DROP TABLE ev_t, ev_u, ev_a, ev_c;
-- COPY (text, csv), defaults, views, parameters, set operations, the unsafe use of a new label
CREATE TYPE ev_e2 AS ENUM ('a', 'b', 'c');
CREATE TABLE ev_e2t (id int, v ev_e2 DEFAULT 'b', vs ev_e2[]);
INSERT INTO ev_e2t (id) VALUES (1);
COPY ev_e2t FROM stdin;
2	c	{a,c}
3	\N	\N
\.
COPY ev_e2t FROM stdin (FORMAT csv);
4,a,"{b}"
\.
COPY ev_e2t FROM stdin;
5	zz	\N
\.
COPY ev_e2t TO stdout;
COPY ev_e2t TO stdout (FORMAT csv, HEADER);
COPY (SELECT v, vs FROM ev_e2t ORDER BY id) TO stdout;
\d ev_e2t
SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'ev_e2t'::regclass;
CREATE VIEW ev_e2v AS SELECT id, v, v = 'a' AS isa, v::text AS t FROM ev_e2t WHERE v > 'a';
SELECT pg_get_viewdef('ev_e2v'::regclass);
SELECT * FROM ev_e2v ORDER BY id;
\d ev_e2v
PREPARE p(text) AS SELECT id FROM ev_e2t WHERE v::text = $1;
EXECUTE p('c');
PREPARE q AS SELECT id FROM ev_e2t WHERE v = $1;
EXECUTE q('a');
SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'ev_e2t'::regclass AND attnum > 0;
SELECT v, row_number() OVER (ORDER BY v) FROM ev_e2t ORDER BY id;
SELECT v FROM ev_e2t UNION SELECT 'b' ORDER BY 1;
SELECT * FROM (VALUES ('a'::ev_e2), ('c')) x(v) ORDER BY v;
SELECT greatest('a'::ev_e2, 'c'), least('b'::ev_e2, 'c');
SELECT 'a'::ev_e2 || 'x';
SELECT v IS DISTINCT FROM 'a' FROM ev_e2t ORDER BY id;
SELECT id FROM ev_e2t WHERE v::text LIKE 'c%';
BEGIN;
ALTER TYPE ev_e2 ADD VALUE 'd';
SELECT 'd'::ev_e2;
ROLLBACK;
BEGIN;
CREATE TYPE ev_e3 AS ENUM ('x');
ALTER TYPE ev_e3 ADD VALUE 'y';
SELECT 'y'::ev_e3;
ROLLBACK;
SELECT enum_range(NULL::ev_e2);
DROP VIEW ev_e2v;
DROP TABLE ev_e2t;
DROP TYPE ev_e2;

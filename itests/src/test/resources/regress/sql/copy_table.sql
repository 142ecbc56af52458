--
-- COPY with tables
-- COPY table FROM STDIN in the text, CSV and old syntaxes, COPY table TO STDOUT, errors with CONTEXT.
--
CREATE TABLE cp (a int PRIMARY KEY, b text, c numeric, d int DEFAULT 7, e varchar(3));
COPY cp FROM STDIN;
1	one	1.5	2	abc
2	\N	-3	\N	x\ty
3	back\\slash	0	4	\101
\.
COPY cp TO STDOUT;
COPY cp (a, b) FROM STDIN WITH (FORMAT csv, HEADER);
a,b
4,"quoted, ""text"""
5,
6,"multi
line"
\.
COPY cp TO STDOUT WITH (FORMAT csv);
COPY cp (a, e) FROM STDIN WITH CSV DELIMITER ';' NULL 'NULL';
7;NULL
8;zz
\.
COPY cp (a, b) TO STDOUT WITH (FORMAT csv, HEADER, DELIMITER '|');
COPY cp (b, a) FROM STDIN (FORMAT csv, FORCE_NOT_NULL (b));
,9
\.
COPY cp (a, b) TO STDOUT (FORMAT csv, NULL 'N');
-- errors (psql skips the data of a COPY FROM STDIN that fails before it starts, up to \.)
COPY cp FROM STDIN;
10	x	1	1	a
11	x	zz	1	a
\.
COPY cp (a, e) FROM STDIN;
12	toolong
\.
COPY cp (a) FROM STDIN;
13	extra
\.
COPY cp (a, b) FROM STDIN;
14
\.
COPY cp (a) FROM STDIN;
1
\.
COPY cp (b) FROM STDIN;
no key
\.
COPY cp (nosuch) FROM STDIN;
\.
COPY cp (a, a) FROM STDIN;
\.
COPY nosuch FROM STDIN;
\.
COPY cp FROM STDIN (FORMAT csv, FORCE_NOT_NULL (zz));
\.
COPY cp FROM STDIN (FORCE_NOT_NULL (b));
\.
COPY cp TO STDOUT (FORCE_NOT_NULL (b));
COPY cp (a) TO STDOUT;
DROP TABLE cp;

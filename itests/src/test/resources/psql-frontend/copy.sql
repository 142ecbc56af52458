-- \copy to and from STDOUT, STDIN and files, text and CSV
create temp table c(id int, t text, n numeric);
\copy c from stdin
1	plain	1.5
2	tab\there	\N
3	back\\slash	-2
\.
select * from c order by id;
\copy c to stdout
\copy c (id, t) to stdout with csv header
\copy (select id, t || ',x' as t from c order by id) to stdout (format csv, header)
\copy c to 'copy-out.txt'
\copy c from 'copy-out.txt'
select count(*) from c;
\copy c from stdin with (format csv)
4,"quoted, comma",4
5,,
\.
\copy c to stdout csv
\copy c from 'no-such-file.txt'
\copy (select 1) to stdout
\copy c to stdout with delimiter '|' null 'NULL'
-- the server's COPY errors, with their CONTEXT, and the line numbers after the data
\copy c from stdin
6	six	6
x	bad	7
8	eight	8
\.
select count(*) from c;
\copy c from stdin (format csv, header)
id,t,n
9,nine,9
10,ten,"not a number"
\.
\copy c (id, t) from stdin with csv
11,"multi
line"
\.
select id, t from c where id = 11;
\copy c to stdout (format csv, force_quote *)
\copy c to stdout (format xml)
\copy c from stdin (delimiter '')
\copy c into stdout
\copy c to
\copy c to '.'
\copy c from '.'
\copy c to pstdout csv
\copy (select 42 as answer) to 'copy-q.txt' csv header
\copy c from 'copy-q.txt' csv header
-- binary: written to a file and read back
\copy c to 'copy-out.bin' binary
\copy c from 'copy-out.bin' with (format binary)
\copy binary c to 'copy-out.bin'
select count(*) from c;
-- plain SQL COPY statements: data from the script, output to the query output
copy c from stdin;
12	twelve	12
\.
copy c (id, t) from stdin with (format csv);
13,thirteen
x,fourteen
\.
copy c to stdout with (format csv, header);
copy (select i, 10 / (3 - i) from generate_series(1, 5) i) to stdout;
copy (select 1 as one) to stdout (format binary);
select 'after the binary data' as t;
copy c from stdin; select 1;
15	fifteen	15
\.
\set ECHO queries
\copy c to stdout csv
\set ECHO none
\o copy-o.txt
\copy (select 'into the -o file' as t) to stdout
copy (select 'also into it' as t) to stdout;
\o
\! cat copy-o.txt
\echo :ROW_COUNT :ERROR
select count(*) from c;
-- a COPY FROM STDIN the server refuses before the data: psql still reads (and drops) the data
copy nosuch from stdin;
\echo 'not run: COPY data'
\.
\copy nosuch from stdin
\echo 'not run either'
\.
copy nosuch to stdout;
\echo 'run: no data follows a COPY TO'

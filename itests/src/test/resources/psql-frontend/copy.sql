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

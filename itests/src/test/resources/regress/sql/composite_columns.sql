-- Columns of composite types: CREATE TYPE ... AS, a table's row type, arrays of them.
create type cc_addr as (street text, zip int);
create table cc_p (id int, home cc_addr);
insert into cc_p values (1, row('Main', 123));
insert into cc_p values (2, '("Elm St",456)');
insert into cc_p values (3, row('Oak', null)::cc_addr);
insert into cc_p values (4, null);
insert into cc_p values (5, row(null, null));
insert into cc_p values (6, row('a"b\c', 7));
insert into cc_p values (7, row('', 8));
insert into cc_p values (8, row(' lead', -1));
select * from cc_p order by id;
select id, (home).zip, (home).street from cc_p order by id;
select id, (home).* from cc_p order by id;
select id, home is null as isnull, home is not null as notnull from cc_p order by id;
-- assignment: a row of other field types, too few or too many fields, a value of another type, bad literals
insert into cc_p values (9, row(1, '2'));
insert into cc_p values (10, row('a'));
insert into cc_p values (10, row('a', 1, 2));
insert into cc_p values (10, 5);
insert into cc_p values (10, '(a,b)');
insert into cc_p values (10, '(a,1');
delete from cc_p where id = 9;
-- UPDATE: a field (PostgreSQL's SET col.field), the whole value
update cc_p set home.zip = 5 where id = 1;
update cc_p set home = row('New', 9) where id = 2;
update cc_p set home.zip = 1 where id = 4 returning home;
update cc_p set home.nope = 9;
update cc_p set id.x = 9;
update cc_p set home = row('Gone', 0) where id = 4 returning (home).*;
select * from cc_p where id in (1, 2, 4) order by id;
-- record comparison: ORDER BY, =, <, an index on the column
select id, home from cc_p order by home, id;
select id from cc_p where home = row('Main', 5)::cc_addr;
select id from cc_p where home > row('M', 0)::cc_addr order by id;
create index cc_p_home on cc_p (home);
select id from cc_p where home = row('New', 9)::cc_addr;
select home, count(*) from cc_p group by home order by home;
-- a table's row type as a column type, arrays of composites
create table cc_q (x cc_p, tags cc_addr[]);
insert into cc_q values (row(1, row('Main', 1)), array[row('a', 1)::cc_addr, row('b', 2)::cc_addr]);
insert into cc_q select cc_p, array[home] from cc_p where id = 6;
insert into cc_q (tags) values ('{"(c,3)",NULL}');
insert into cc_q (tags) values (array[row('d', 4)]);
select * from cc_q;
select (x).id, ((x).home).zip, tags[2], (tags[1]).street from cc_q;
\d cc_p
\d cc_q
-- dependencies
drop type cc_addr;
drop table cc_p;
alter type cc_addr alter attribute zip type bigint;
-- COPY
copy cc_p to stdout;
copy cc_p to stdout (format csv);
create table cc_p2 (like cc_p);
copy cc_p2 from stdin;
9	("x y",1)
10	\N
11	(,)
\.
select * from cc_p2 order by id;
copy cc_p2 from stdin;
12	(a,b)
\.
-- binary COPY (record_send, record_recv), through a client-side file
\copy cc_p to '/tmp/tusk_regress_composite_columns.bin' with (format binary)
create table cc_p3 (like cc_p);
\copy cc_p3 from '/tmp/tusk_regress_composite_columns.bin' with (format binary)
select * from cc_p3 order by id;
drop table cc_p3;
-- ALTER TYPE with columns using the type: new attributes read as NULL, dropped ones are gone
alter type cc_addr add attribute extra int;
select * from cc_p order by id;
alter type cc_addr drop attribute zip;
select * from cc_p order by id;
alter type cc_addr rename attribute extra to code;
update cc_p set home.code = 3 where id = 1;
select id, (home).code from cc_p order by id;
drop table cc_q;
drop type cc_addr cascade;
\d cc_p
select * from cc_p order by id;
drop table cc_p, cc_p2;

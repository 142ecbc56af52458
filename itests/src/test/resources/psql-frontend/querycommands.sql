-- \gexec, \gdesc and \crosstabview: psql 15 rules, outputs and error messages
create table gx(a int, b text);
select 'insert into gx values (' || g || ', ''v' || g || ''')' from generate_series(1,3) g \gexec
select 'select count(*) from gx', null, 'select 1/0', 'select 2 as two' \gexec
select 'create table gy(a int)' as c1, 'drop table gy' \gexec
\set ECHO queries
select 'select 42 as answer' \gexec
\set ECHO all
select 'select 43 as answer' \gexec
\set ECHO none
select 1/0 \gexec
create table gz(a int) \gexec
select 'select 1' where false \gexec
select 'x' as a \gdesc
select 1 as a, 'b'::varchar(10) as "B c", now() as t, 1.5::numeric(5,2) \gdesc
create table gd(a int) \gdesc
selec 1 \gdesc
select nosuch \gdesc
\echo :ERROR :SQLSTATE :ROW_COUNT
select 1 as one, 2 as two \gdesc
\echo :ERROR :SQLSTATE :ROW_COUNT
\p
select 5 \gexec
insert into gx values (9,'x') returning 'select ' || a \gexec
create table ct(v text, h text, d int, s int);
insert into ct values ('r1','c2',1,2),('r1','c1',2,1),('r2','c1',3,1),('r2',null,4,3),(null,'c3',5,0),('r3','c2',null,2);
select v, h, d from ct \crosstabview
select v, h, d from ct order by v, h \crosstabview
select * from ct \crosstabview v h d s
select * from ct \crosstabview 1 2 3 4
select * from ct \crosstabview h v d
select * from ct \crosstabview
select v, h from ct \crosstabview
select v, h, d from ct \crosstabview v v
select * from ct \crosstabview 9
select * from ct \crosstabview 0
select * from ct \crosstabview nosuch
select * from ct \crosstabview "V" h d
select v, v as "V", h, d from ct \crosstabview "V" h d
select v, v, h, d from ct \crosstabview v h d
select 'a' v, 'b' h, 1 d union all select 'a', 'b', 2 \crosstabview
create table ct2(a int) \crosstabview
\pset null (null)
select v, h, d from ct \crosstabview
select 'a' v, null h, 1 d union all select 'a', null, 2 \crosstabview
\pset null ''
select d, h, v from ct \crosstabview
\x
select v, h, d from ct \crosstabview
\x
\pset format unaligned
select v, h, d from ct \crosstabview
\pset format aligned
select v, h, d, s from ct \crosstabview v h d s
select v, h, d, -s from ct \crosstabview v h d 4
select v, h, d, 'x' || s from ct \crosstabview v h d 4
select 1/0 \crosstabview
\echo :ROW_COUNT
select v, h, d from ct
\crosstabview
select 'x' \gexec
select 'a' v, null h, 1 d union all select 'a', null, 2 \crosstabview
\pset null ''
select 'a' v, null h, 1 d union all select 'a', null, 2 \crosstabview
\pset null ''
select 'select 1 union select 2 union select 3', 'select 1/0' \gexec
\echo :ERROR :SQLSTATE :ROW_COUNT
select 'select 1/0', 'select 1 union select 2 union select 3' \gexec
\echo :ERROR :SQLSTATE :ROW_COUNT
\set ON_ERROR_STOP 1
select 'select 1/0', 'select 1 union select 2 union select 3' \gexec
\echo :ERROR :SQLSTATE :ROW_COUNT

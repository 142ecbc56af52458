-- CREATE TABLE ... AS and SELECT ... INTO: columns, types, rows, tags and errors
create table cta_src (a int, b text, n numeric(10,2), v varchar(5), d date);
insert into cta_src values (1, 'x', 1.5, 'ab', '2024-01-31'), (2, 'y', 2.25, 'cd', null), (3, null, null, 'ef', '2020-02-29');
create table cta1 as select * from cta_src where a > 1;
select * from cta1 order by a;
\d cta1
create table cta2 as select 'lit' as l, 1.5 as f, null as nul, array[1, 2] as arr, n * 2 as n2, v, d + 1 as next_day,
    count(*) over () as cnt from cta_src;
\d cta2
select * from cta2 order by next_day nulls first;
create table cta3 (x, y) as select a, b from cta_src order by a desc with data;
select * from cta3;
create table cta4 (x, y) as values (1, 'one'), (2, 'two') with no data;
select count(*) from cta4;
\d cta4
create table if not exists cta4 as select 1;
create table cta4 as select 1;
create table cta5 as with w as (select a, b from cta_src where a <> 2) select b, sum(a) from w group by b;
select * from cta5 order by b nulls last;
create table cta6 as select a from cta_src limit 0;
create table cta7 as table cta_src;
select count(*) from cta7;
create table cta8 with (fillfactor = 70) as select generate_series(1, 1000) as g;
select count(*), sum(g) from cta8;
select reloptions from pg_class where relname = 'cta8';
-- errors
create table cte1 (x, y, z) as select 1, 2;
create table cte2 as select 1 as q, 2 as q;
create table cte3 as select 1, 2;
create table cte4 as select 1 / 0 as x;
select count(*) from pg_class where relname = 'cte4';
create table nosuch.cte5 as select 1;
create table cte6 as select * from no_table;
-- in a transaction block: rolled back with it, visible inside it
begin;
create table cta_tx as select 42 as answer;
insert into cta_tx values (43);
select * from cta_tx order by 1;
rollback;
select * from cta_tx;
-- SELECT ... INTO
select a, b into si1 from cta_src where a < 3 order by a;
select * from si1 order by a;
select count(*) as n into table public.si2 from cta_src;
select * from si2;
select a into si3 from cta_src union all select 10;
select * from si3 order by a;
select * from (select 1 as a into si4) s;
select 1 as one into si1;
-- UNLOGGED is accepted (Tusk logs the table anyway: what queries see is the same)
create unlogged table ul (a int primary key, b text);
insert into ul values (1, 'one'), (2, 'two');
select * from ul order by a;
select a into unlogged ul2 from ul where a > 1;
select * from ul2;
create unlogged sequence ul_seq;
select nextval('ul_seq');
drop table ul, ul2;
drop sequence ul_seq;
drop table cta_src, cta1, cta2, cta3, cta4, cta5, cta6, cta7, cta8, si1, si2, si3;

-- the new meta-commands against Tusk's own SQL (each run leaves nothing behind)
create table ct(v text, h text, d int, s int);
insert into ct values ('r1','c2',1,2),('r1','c1',2,1),('r2','c1',3,1),('r2',null,4,3),(null,'c3',5,0),('r3','c2',null,2);
select v, h, d from ct \crosstabview
select * from ct \crosstabview v h d s
select * from ct \crosstabview 1 2 3 4
select v, h from ct \crosstabview
select 'insert into ct values (''g' || g || ''', ''c1'', ' || g || ', 0)' from generate_series(1,3) g \gexec
select 'select count(*) from ct', null, 'select 1/0', 'select 2 as two' \gexec
select v, d from ct where v like 'g%' order by v \gdesc
select 1 as a, 'b'::varchar(10) as "B c", 1.5::numeric(5,2) \gdesc
create table gd(a int) \gdesc
selec 1 \gdesc
\H
select v, d, '<&>' as x from ct order by v, d limit 3;
\x
select v, d from ct order by v, d limit 2;
\x
\T 'id=t'
select 1 as one;
\H
\o |cat -n
select 1 as piped;
\o
select 2 as b \g |tr a-z A-Z
\dp ct
\db
create view tv as select 1 as a;
\sv tv
\sv+ tv
drop view tv;
drop table ct;

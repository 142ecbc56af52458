-- AUTOCOMMIT off, \gx, \g FILE, \!
create table ac(a int);
\set AUTOCOMMIT off
insert into ac values (1);
rollback;
select count(*) from ac;
/* comment */ begin;
insert into ac values (2);
commit;
select count(*) as n from ac;
insert into ac values (3);
select 1/0;
rollback;
select count(*) as still from ac;
commit;
\set AUTOCOMMIT on
drop table ac;
select 1 as a, 'two' as b \gx
select 3 as c \g gout.txt
\! cat gout.txt
\gx
\! echo from the shell

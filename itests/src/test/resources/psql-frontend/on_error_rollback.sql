-- ON_ERROR_ROLLBACK
create table r(a int primary key);
\set ON_ERROR_ROLLBACK on
begin;
insert into r values (1);
insert into r values (1);
insert into r values (2);
savepoint s1;
insert into r values (1);
rollback to s1;
commit;
select * from r order by a;
\set ON_ERROR_ROLLBACK interactive
begin;
insert into r values (3);
insert into r values (3);
insert into r values (4);
commit;
select * from r order by a;
drop table r;

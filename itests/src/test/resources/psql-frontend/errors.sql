-- errors, notices, positions, command tags
select 1;
selec 1;
select foo from
  (select 1 as a) s;
select 1/0;
create temp table t(a int primary key, b text not null);
insert into t values (1, 'x');
insert into t values (1, 'y');
insert into t values (2, null);
update t set b = 'z' where a = 1;
delete from t where a = 5;
do $$ begin raise notice 'hello %', 42; end $$;
do $$ begin raise warning 'careful'; end $$;
do $$ begin raise exception 'boom' using detail = 'some detail', hint = 'a hint'; end $$;
begin;
select 1/0;
select 1;
rollback;
set search_path = public;
show search_path;
select 'a very long line to exercise the truncation of the error position excerpt in libpq, yes very long', nosuchcolumn, 'and more text after the error position to cut' from t;
\set ON_ERROR_STOP 1
select 'before';
select nosuch;
select 'after';

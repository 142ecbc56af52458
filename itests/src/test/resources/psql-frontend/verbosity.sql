-- VERBOSITY and SHOW_CONTEXT
create table v(a int primary key);
insert into v values (1);
\set VERBOSITY verbose
select nosuch from v;
insert into v values (1);
do $$ begin raise notice 'n %', 1; end $$;
\set VERBOSITY terse
select nosuch from v;
insert into v values (1);
do $$ begin raise exception 'inner'; end $$;
\set VERBOSITY sqlstate
select 1/0;
\set VERBOSITY default
\set SHOW_CONTEXT always
do $$ begin raise notice 'with context'; end $$;
\set SHOW_CONTEXT never
do $$ begin raise exception 'no context'; end $$;
\set SHOW_CONTEXT errors
do $$ begin raise exception 'ctx'; end $$;

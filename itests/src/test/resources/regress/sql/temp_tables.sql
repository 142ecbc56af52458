-- temporary tables: the session's own schema, searched first, ON COMMIT, DISCARD TEMP
create table tt (a int, b text);
insert into tt values (1, 'permanent');
select pg_my_temp_schema() = 0 as no_temp_schema_yet;
create temp table tt (a int primary key, b text default 'temp');
insert into tt (a) values (2);
select * from tt;
select * from public.tt;
select * from pg_temp.tt;
select relpersistence, relkind from pg_class where oid = 'tt'::regclass;
select relpersistence from pg_class where oid = 'public.tt'::regclass;
select nspname like 'pg_temp_%' as temp_schema, pg_my_temp_schema() = n.oid as mine
  from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = 'tt'::regclass;
select pg_is_other_temp_schema(pg_my_temp_schema());
select pg_table_is_visible('tt'::regclass), pg_table_is_visible('public.tt'::regclass);
select array_length(current_schemas(true), 1) as implicit, current_schemas(false);
show search_path;
select attname, format_type(atttypid, atttypmod), attnotnull, pg_get_expr(adbin, adrelid) as def
  from pg_attribute left join pg_attrdef on adrelid = attrelid and adnum = attnum
  where attrelid = 'tt'::regclass and attnum > 0 order by attnum;
select indexrelid::regclass, indisprimary from pg_index where indrelid = 'tt'::regclass;
\d public.tt
create temporary table temp2 (x int) on commit delete rows;
create local temp table temp3 (x int) on commit preserve rows;
create temporary table temp4 (x int);
create table pg_temp.temp5 (x int);
select relname, relpersistence from pg_class where relname like 'temp_' order by relname;
begin;
insert into temp2 values (1), (2);
insert into temp3 values (1), (2);
select count(*) from temp2;
commit;
select count(*) from temp2;
select count(*) from temp3;
insert into temp2 values (3);
select count(*) from temp2;
begin;
create temp table gone (x int) on commit drop;
insert into gone values (1);
select * from gone;
commit;
select * from gone;
create temp table ctas_temp on commit drop as select 1 as one;
select * from ctas_temp;
begin;
create temp table ctas2 on commit delete rows as select g from generate_series(1, 3) g;
select count(*) from ctas2;
commit;
select count(*) from ctas2;
select 42 as answer into temp table si_temp;
select * from si_temp;
select relpersistence from pg_class where relname = 'si_temp';
create temp sequence tseq;
select nextval('tseq'), nextval('tseq');
create temp view tview as select a from tt;
select * from tview;
select relkind, relpersistence from pg_class where relname in ('tseq', 'tview') order by 1;
create temp table tserial (id serial primary key, v text);
insert into tserial (v) values ('a'), ('b') returning id, v;
-- errors
create temp table public.bad (x int);
create table bad2 (x int) on commit drop;
create table bad3 (x int) on commit delete rows;
create temp table tt (z int);
-- DISCARD TEMP drops them all; the permanent table is found again
discard temp;
select * from tt;
select count(*) from pg_class where relname in ('temp2', 'temp3', 'temp4', 'temp5', 'si_temp', 'tseq', 'tview', 'tserial', 'tt_pkey');
create temp table again (x int);
insert into again values (7);
select * from again;
discard all;
select * from again;
drop table tt;

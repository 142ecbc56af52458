-- Row values and composite types: constructors, their text form, field selection, comparisons,
-- whole-row references, tables' row types, CREATE TYPE ... AS, casts and record_in, rows as JSON.
select row(1, 'a');
select (1, 'a') as pair;
select row('a b', null, 'x"y', '', 'back\slash', '(', ',');
select row(row(1, 2), 'x');
select row();
select (row(1, 2)).f2;
select (row(1, 2)).f3;
select (1).f1;
select row(1, 'a') = row(1, 'a'), row(1, null) = row(1, null), row(1, 2) < row(1, 3), row(2, 0) > row(1, 9);
select row(1, null) is distinct from row(1, null), row(1, null) is distinct from row(1, 2);
select row(null, null) is null, row(1, null) is null, row(1, null) is not null, row(1, 2) is not null;
select (1, 2) = (1, 2, 3);
select (1, 'a') < (1, 2);
select (1, 2) in ((1, 2), (3, 4)), (1, 2) not in ((1, 2), (3, 4)), (1, null) in ((1, 2), (3, 4));
select (1, 2) < (1, null), (null, 2) < (1, 3), (1, 2) <= (1, null), (2, null) > (1, 5), (0, null) > (1, 5);
create table keys (a int, b int, primary key (a, b));
insert into keys select g / 10, g % 10 from generate_series(0, 999) g;
select * from keys where (a, b) > (50, 5) order by a, b limit 3;
select * from keys where (a, b) >= (49, 9) and (a, b) <= (50, 0) order by a, b;
select count(*) from keys where (a, b) < (1, 5);
drop table keys;
create table rt (a int, b text);
insert into rt values (1, 'x'), (2, null), (3, 'a b');
select rt from rt order by a;
select rt.* from rt order by a;
select count(rt.*), count(rt) from rt;
select (rt).b, (rt.*).a from rt where a = 1;
select x from rt x where x.b is null;
select s from (select rt.* from rt where a = 1) s;
select a from rt where (a, b) = (1, 'x');
select a from rt where (a, b) > (1, 'z') order by a;
select a from rt where (a, b) >= (2, null) order by a;
select a from rt where (a, b) in ((1, 'x'), (3, 'a b')) order by a;
select a from rt where (a, b) not in ((1, 'x'), (3, 'a b')) order by a;
select a from rt where rt = row(1, 'x')::rt;
select rt from rt order by rt desc;
select r, count(*) from (select rt from rt union all select rt from rt) s(r) group by r order by r;
select distinct r from (select rt from rt union all select rt from rt) s(r) order by 1;
select a, rt is null, rt is not null from rt order by a;
select a from rt where (a, b) in (select a, b from rt where a <> 2) order by a;
select a from rt where (a, b) not in (select 1, 'x' union all select 3, 'a b') order by a;
select (1, 'x') in (select a, b from rt), (2, 'y') in (select a, b from rt),
  (9, 'y') in (select a, b from rt where b is not null);
select a from rt o where (a, b) = any (select a, b from rt i where i.a = o.a and i.a = 1);
select a from rt where (a, b) in (select a, b, 1 from rt);
select a from rt where (a, b) in (select a from rt);
select t.typname, t.typtype, t.typcategory, t.typlen, a.typname, a.typcategory
  from pg_class c join pg_type t on t.oid = c.reltype join pg_type a on a.oid = t.typarray
  where c.relname = 'rt';
create type pair as (x int, y text);
select row(1, 'a')::pair, '(2,b)'::pair, ('(2,b)'::pair).y, ('(3,)'::pair).y is null;
select ('(2,b)'::pair).*;
select '(1,a,b)'::pair;
select '1,a'::pair;
select '(1'::pair;
select '(1,a) x'::pair;
select row(1)::pair;
select '(1,a)'::record;
select ' ( 1 ," a b" ) '::pair;
select '(1,"x""y\\z")'::pair, ('(1,"x""y\\z")'::pair).y;
select c.relkind, t.typtype from pg_class c join pg_type t on t.typrelid = c.oid where c.relname = 'pair';
create type pair as (z int);
select * from pair;
\dT
\d pair
select row(rt.*), row(rt.*, 0) from rt order by a;
select row_to_json(rt) from rt order by a;
select row_to_json(rt, true) from rt where a = 1;
select row_to_json(row(1, 'a')), to_json('(2,b)'::pair);
select to_jsonb(rt) from rt where a = 3;
select json_agg(rt order by a), jsonb_agg(rt order by a) from rt;
select json_populate_record(null::pair, '{"x": 1, "y": "a", "z": 0}'),
  jsonb_populate_record('(5,b)'::pair, '{"y": null}');
select (json_populate_record(null::pair, '{"x": 7}')).*;
drop type pair;
drop type pair;
drop type if exists pair;
drop type rt;
drop table rt;
select count(*) from pg_type where typname in ('rt', '_rt', 'pair', '_pair');

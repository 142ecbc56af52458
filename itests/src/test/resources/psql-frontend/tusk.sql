-- what Tusk's SQL engine runs today (expressions, SET/SHOW, transactions), in every output format
select 1 as n, 'text' as t, 2.5 * 4 as x, null as nul, true as b;
select 'héllo wörld' as u, '日本語' as wide;
select E'multi\nline' as m, 12345 as num;
selec 1;
select 1 +;
select 1/0;
begin;
select 2 as in_tx;
commit;
set search_path = public;
show search_path;
\pset null (null)
select null as n;
\x
select 1 as a, 'two' as b;
\x off
\a
select 1 as a, 'two' as b;
\a
\pset format csv
select 1 as a, 'x,y' as b;
\pset format aligned
\set v 7
select :v * 2 as twice, :'v' as lit;
\echo done :v

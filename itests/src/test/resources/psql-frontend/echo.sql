-- ECHO (-a, -e, -b), -E and \gset
select 1 as a;
select 1/0;
\d nosuch
select 5 as x, null as y, 7 as z \gset p_
\echo :p_x :p_z
select 1 as a, 2 as b union all select 3, 4 \gset
select 1 as a where false \gset
select 9 as "bad name" \gset
\set ECHO queries
select 2;

-- included with \i; includes its neighbour with \ir
select 'sub/inc.sql' as file;
\ir inc2.sql

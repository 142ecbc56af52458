select 'sub/inc2.sql' as file;
select nosuch;

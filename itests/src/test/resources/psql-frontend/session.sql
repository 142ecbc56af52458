-- \timing, \connect, \conninfo, \watch, \i and \ir, and a failed \connect ending the script with exit 2
\timing on
select 1 as t;
\timing off
\c - - localhost
\conninfo
\c postgres
\conninfo
create temp sequence s;
select 10/(3 - nextval('s')) as v
\watch 0.1
\i sub/inc.sql
\c nosuchdb
select 'never';

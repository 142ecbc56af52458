-- variables, interpolation, \echo, \i, \o, quoting
\set answer 42
\set name 'O''Brien'
\set ident 'My Table'
\set empty
\set parts a b 'c d'
select :answer as n, :'name' as lit, :'answer'::int + 1 as plus;
select 1 as :"ident";
select ':answer' as not_interpolated, E':answer' as e_str, $$:answer$$ as dollar;
select :nosuch;
\echo answer is :answer and :'name' and :"ident"
\echo -n no newline
\echo
\echo 'quoted  spaces' "double quoted" `echo backtick`
\echo :parts
\unset answer
\echo :answer
select 1 -- comment with ; semicolon
  + 2 as sum /* block ; comment */ , 'semi;colon' as s, "n;x".a from (select 3 as a) "n;x";
select (1
  ;
  +1) as paren;
select $tag$ dollar ; quoted $tag$ as d;
select 'multi
line ; string' as m;
\set ON_ERROR_STOP off
\i nosuchfile.sql
\echo :ON_ERROR_STOP
\set x 'select 7 as seven;'
:x
\pset null NULL
select null as n \g
select 'g' as x
\g
\o out1
select 'to file' as f;
\echo echo goes to stdout
\qecho qecho goes to the file
\o
select 'back' as b;
\unset VERSION
\unset VERSION_NAME
\unset VERSION_NUM
\set

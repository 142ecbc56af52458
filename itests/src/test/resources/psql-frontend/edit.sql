-- \e, \ef, \ev, \sf, \sv with an editor script (ed.sh) that shows what it gets and edits it with sed
create function add_one(i int) returns int language sql immutable as 'select i + 1';
create function add_one(i text) returns text language plpgsql as $$
begin
  return i || '1';
end $$;
create view v1 as select 1 as a, 'x'::text as b;
create view v2 with (security_barrier) as select a from v1 where a > 0 with local check option;
\sf add_one(int)
\sf+ add_one(text)
\sf add_one
\sf nosuch
\sf
\sf+ add_one(integer) extra
\sv v1
\sv+ v2
\sv nosuch
\sv
\sv add_one
\sf v1
\sv pg_class
\setenv EDITOR 'sh ed.sh'
\setenv EDIT_SED 's/1/2/;$s/$/;/'
select 1 as one
\e
\echo after edit
\setenv EDIT_SED ''
\e
\p
select 3 as three
\e 2
\p
\r
\e 0
\setenv PSQL_EDITOR_LINENUMBER_ARG '--line='
select 4 as four \e 1
\setenv PSQL_EDITOR_LINENUMBER_ARG
\r
\setenv EDIT_SED 's/i + 1/i + 10/'
\ef add_one(int)
;
select add_one(1);
\ef add_one(int) 1
\r
\ef add_one(text) 3
\r
\setenv EDIT_SED ''
\ef add_one(int)
\ev v2 2
\ef
\ev
\ef nosuch
\ev nosuch 4
\ef add_one(int) 0
\setenv EDIT_SED 's/a > 0/a > 1/;$s/$/;/'
\ev v2
\sv v2
\! printf 'select 5 as five;\n' > edit-file.sql
\setenv EDIT_SED 's/5/66/'
\e edit-file.sql
\setenv EDIT_SED ''
\e edit-file.sql
\p
\e no-such-file.sql
\setenv EDITOR 'false'
select 7
\e
\p
\r
\setenv EDITOR 'sh ed.sh'
\setenv PSQL_EDITOR_LINENUMBER_ARG '+'
select 8 as eight
\e 2
\r
\ef add_one(int) 1
\ef add_one(text) 3
\ev v2 2
\ef add_one(text)2

-- \o |command, \g |command, \w |command, \cd, \s in a script, \H and \T (html output), \pset tableattr
\set wd `pwd`
\o |cat -n
select 1 as a;
\qecho hello
\o
select 2 as b;
\g |tr a-z A-Z
\w |cat -n
\cd /nonexistent
\cd /tmp
\! pwd
\cd
\! pwd
\cd :wd
\s
\encoding
\H
select 1 as a, null as b, '<x&"y">' as c, '  lead  sp' d, E'two\nlines' e;
\pset title 'T<1>'
\T 'class="x"'
select 1 as a, 2 as b \g
\pset tableattr
\x
select 1 as a, '' as b union all select 2, 'x';
\t
select 1 as a, '' as b union all select 2, 'x';
\x
select 1 as a, '' as b union all select 2, 'x';
\t
\pset title
\pset footer off
select 1 as a;
\pset footer on
create table h(a int primary key, b text);
\d
\d h
\x
\dt
\x
\?
\H
\pset format h
\pset
\pset format aligned
\! pwd
select 1 as a \g out.txt
\! cat out.txt; rm out.txt

-- output formats: aligned, unaligned, csv, expanded, tuples-only, NULL display
select 1 as n, 'text' as t, 1.50::numeric as num, 2.5::float8 as f, true as b, null::text as nul;
select * from (values (1, 'a'), (22, 'bb'), (333, 'ccc')) v(id, name);
select 'only' as one where false;
select;
select 'x' as "long header name", 12 as "Ä";
select E'line1\nline two\nl3' as multi, 42 as num, E'a\tb' as tab;
select '日本語' as wide, 'ｶﾀｶﾅ' as half, 'é' as combining, 'x' as narrow;
select E'\r\x01' as ctrl;
\pset null '(null)'
select null as a, 1 as b;
\pset null ''
\x
select 1 as a, 'two' as bb, E'x\ny' as ccc;
select 1 as a where false;
\x off
\a
select 1 as a, 'two' as b, null as c;
select E'x\ny' as m;
\x
select 1 as a, 'two' as b;
select 1 as a, 2 as b union all select 3, 4;
\x
\a
\pset format csv
select 1 as a, 'with,comma' as b, 'with"quote' as c, E'nl\nx' as d, null as e;
\x
select 1 as a, 'with,comma' as b;
\x
\pset csv_fieldsep ;
select 1 as a, 'x;y' as b;
\pset format aligned
\t
select 1 as a, 'b' as b;
\t
\pset footer off
select 1 as a;
\pset footer on
\pset fieldsep ,
\a
select 1 as a, 2 as b;
\a
\pset border 2
select 1 as a, 'xx' as b;
\pset border 0
select 1 as a, 'xx' as b;
\pset border 1
\pset title 'My title'
select 1 as a;
\pset title
\x auto
select 1 as a;
\x off
\pset border 2
\x on
select 1 as a, E'two\nlines' as bb;
\pset border 0
select 1 as a, E'two\nlines' as bb;
\x off
select 1 as a, E'two\nlines' as bb, 3 as c;
\pset border 2
select 1 as a, E'two\nlines' as bb, 3 as c;
\pset border 1
\pset columns 20
\x auto
select 1 as a, 'short' as b;
select 1 as a, 'a much longer value than twenty' as b;
\pset columns 0
\x off
\pset title 'Title longer than the table'
select 1 as a;
\pset title 'T'
select 1 as aaaaaaa, 2 as bbbbbbbb;
\a
select 1 as a;
\x
select 1 as a, 2 as b;
\x
\a
\pset title
\pset
\pset format unal
\pset format wrapped
select 'x' as wr;
\pset format aligned
\pset expanded maybe
\pset footer

-- \if \elif \else \endif: nesting, skipped branches (no interpolation), errors, EOF inside \if
\set x 1
\if :x
\echo one
\elif true
\echo no
\else
\echo no
\endif
\if false
select :nosuch_inactive;
\echo no
\elif maybe
\echo m
\else
\echo else-branch
\endif
\else
\endif
\elif 1
\if 0
\if 1
\echo nested-no
\endif
\else
\echo outer-else
\endif
select 1 as 
\if true
a;
\endif
\if on
\echo open

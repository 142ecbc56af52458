-- cheap meta-commands: \copyright, \p, \w, \warn, \getenv, \setenv, \C, \f
\copyright
\p
select 1 as a
\p
;
\p
select 2 as b,
  3 as c
\p
\r
\p
\w wout.txt
\! cat wout.txt
\w
\warn hello warn
\warn -n no newline
\warn
\echo :'HOME_VAR'
\getenv HOME_VAR HOME
\echo :HOME_VAR
\getenv nosuch_var TUSK_NO_SUCH_ENV
\echo :nosuch_var
\getenv only_one
\setenv TUSK_TEST_ENV hello
\getenv from_env TUSK_TEST_ENV
\echo :from_env
\! echo "shell sees $TUSK_TEST_ENV"
\setenv TUSK_TEST_ENV
\! echo "shell sees [$TUSK_TEST_ENV]"
\setenv
\setenv A=B c
\C my title
select 1 as one;
\C
select 1 as one;
\f
\f ;
\a
select 1 as a, 2 as b;
\a
\f |
-- \g and \gx with (OPTIONS): \pset options for one query; a bad list keeps the query buffer
select 1 as a, null as n \g (format=unaligned null=NULL fieldsep=;) gout.txt
\! cat gout.txt
select 3 as c \g ()
select 4 as d \g (border=2 footer)
select 5;
select 6 as e \gx (tuples_only)
select 7 \g (format=csv
select 8 as f \g (format=nosuch)
;

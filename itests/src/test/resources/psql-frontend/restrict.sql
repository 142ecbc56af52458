-- \restrict and \unrestrict (psql 15.14): only \unrestrict KEY runs in restricted mode, SQL still does
\restrict
\restrict abc
select 1;
\echo hi
\unrestrict wrong
\restrict xyz
\unrestrict abc
\echo after
\unrestrict abc
\restrict a-b!
\unrestrict a-b!
\if true
\restrict k1
\endif
\if false
\echo no
\endif
\unrestrict k1
\echo done

--
-- TEXT
-- String functions and operators.
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT format('%s and %s', 'this', 'that');
SELECT format('%I', 'Foo');
SELECT format('%L', 'x');
SELECT regexp_replace('hello', 'l+', 'L');
SELECT 'ab' ~ 'a.';
SELECT 'ab' ~* 'A.';
SELECT 'ab' !~ 'z';

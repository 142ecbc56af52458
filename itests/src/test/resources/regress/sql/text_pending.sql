--
-- TEXT
-- String functions and operators.
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT concat_ws(',', 'a', null, 'b', 1), concat_ws(null, 'a', 'b'), concat_ws('-');
SELECT translate('12345', '143', 'ax'), to_hex(255), to_hex(-1);
SELECT quote_ident('foo bar'), quote_literal('it''s'), quote_nullable(null);
SELECT format('%s and %s', 'this', 'that'), format('%I', 'Foo'), format('%L', 'x');
SELECT regexp_replace('hello', 'l+', 'L');
SELECT 'ab' ~ 'a.', 'ab' ~* 'A.', 'ab' !~ 'z';
SELECT length(repeat('x', 1000)), overlay('Txxxxas' placing 'hom' from 2 for 4);
SELECT string_to_array('a,b,c', ','), array_to_string(ARRAY[1,2,3], '-');

--
-- TEXT
-- String functions and operators.
--
SELECT 'hello' || ' ' || 'world' AS greeting, 'a' || 1 AS text_int, 1 || 'a' AS int_text, 'x' || null AS is_null;
SELECT length('hello'), length(''), char_length('héllo'), character_length('abc'), octet_length('héllo');
SELECT substr('hello world', 7), substr('hello world', 1, 5), substr('hello', 0, 3), substr('hello', -1, 3);
SELECT substr('hello', 2, -1);
SELECT substring('hello world' from 7), substring('hello world' from 1 for 5), substring('hello' for 2);
SELECT position('lo' in 'hello'), position('z' in 'hello'), strpos('hello', 'l'), strpos('', '');
SELECT upper('MiXeD 123'), lower('MiXeD 123'), initcap('hello wORLD-foo bar_baz');
SELECT trim('  both  ') || '|', ltrim('  left') || '|', rtrim('right  ') || '|';
SELECT trim(both 'x' from 'xxhixx'), trim(leading 'x' from 'xxhixx'), trim(trailing 'x' from 'xxhixx');
SELECT btrim('xyhixy', 'xy'), ltrim('xyhi', 'yx'), rtrim('hixy', 'xy');
SELECT trim(from '  a  ') || '|', trim('  a  ' from '  ') || '|';
SELECT replace('abcabc', 'b', 'XX'), replace('abc', '', 'z'), replace('aaa', 'a', '');
SELECT split_part('a,b,c', ',', 2), split_part('a,b,c', ',', 4), split_part('a,b,c', ',', -1);
SELECT split_part('a,b,c', ',', 0);
SELECT concat('a', 1, null, true, 2.5), concat(), concat(null);
SELECT left('hello', 2), left('hello', -2), right('hello', 2), right('hello', -2), left('hi', 10);
SELECT lpad('hi', 5), lpad('hi', 5, 'xy'), lpad('hello', 3), rpad('hi', 5, '*'), rpad('hi', 1), lpad('hi', 5, '');
SELECT repeat('ab', 3), repeat('x', 0), repeat('x', -1);
SELECT reverse('hello'), reverse(''), ascii('A'), ascii(''), chr(65), chr(233);
SELECT chr(0);
SELECT md5('abc'), md5('');
SELECT starts_with('hello', 'he'), starts_with('hello', 'lo');
SELECT 'abc' < 'abd', 'abc' = 'abc', 'B' > 'a', 'abc' <> 'ABC';
SELECT upper(null), length(null::text) IS NULL AS t;
SELECT 'E string: ' || E'tab\there', E'\x41\102', U&'\0041';
SELECT 'multi'
       'line' AS concatenated;
SELECT $$dollar 'quoted'$$, $tag$with $$ inside$tag$;
SELECT concat_ws(',', 'a', null, 'b', 1), concat_ws(null, 'a', 'b'), concat_ws('-');
SELECT translate('12345', '143', 'ax'), to_hex(255), to_hex(-1);
SELECT quote_ident('foo bar'), quote_literal('it''s'), quote_nullable(null);
SELECT length(repeat('x', 1000));
SELECT concat_ws('-');
SELECT concat_ws();
SELECT quote_ident('select'), quote_ident('int'), quote_ident('abort'), quote_ident('a"b'), quote_ident('_x1'), quote_ident('1x'), quote_ident('');
SELECT quote_literal('a\b'), quote_literal(''), quote_nullable('x'), quote_literal(null) IS NULL AS t;
SELECT translate('héllo', 'hé', 'HE'), translate('abc', '', 'x'), translate('abc', 'abc', '');
SELECT string_to_array('a,b,c', ',');
SELECT string_to_array('a,,b', ','), string_to_array('', ','), string_to_array('abc', null), string_to_array('abc', '');
SELECT string_to_array('1,NULL,3', ',', 'NULL'), string_to_array(null, ',') IS NULL AS t, string_to_array('a|b', '|')::text;
SELECT array_to_string(ARRAY[1,2,3], '-');
SELECT overlay('Txxxxas' placing 'hom' from 2 for 4);
-- OVERLAY: the FOR length defaults to the replacement's length
SELECT overlay('abcdef' placing 'XY' from 3), overlay('abcdef' placing 'XY' from 3 for 0), overlay('abc' placing 'X' from 10);
SELECT overlay('abcdef' placing '' from 2 for 3), overlay('abc' placing 'x' from 2 for -1), overlay('abc', 'Z', 1, 1);
SELECT overlay('abc' placing 'x' from 0);
SELECT overlay('abc' placing 'x' from 2147483647 for 1);
SELECT overlay('abc' placing 'x');
-- format(), regular-expression operators and functions
SELECT format('%s and %s', 'this', 'that');
SELECT format('%I', 'Foo');
SELECT format('%L', 'x');
SELECT regexp_replace('hello', 'l+', 'L');
SELECT 'ab' ~ 'a.';
SELECT 'ab' ~* 'A.';
SELECT 'ab' !~ 'z';
SELECT format('%2$s %1$s %s', 1, 2), format('|%5s|%-5s|', 42, 42), format('|%*s|%*s|', 3, 'x', -3, 'x');
SELECT format('%s', NULL) IS NULL AS f, format(NULL, 1) IS NULL AS t, format('%L', NULL), format('100%% %s', 1.5);
SELECT format('%s %s', 1);
SELECT format('%d', 1);
SELECT format('%I', NULL);
SELECT regexp_replace('a-b-c', '[a-z]', 'X', 'g'), regexp_replace('The QUick', '[aeiou]', 'X', 'gi'), regexp_replace('a-b', '(\w)-(\w)', '\2-\1');
SELECT regexp_match('foobarbequebaz', '(bar)(beque)'), regexp_match('foobarbequebaz', 'barbeque'), regexp_match('abc', 'z') IS NULL AS none;
SELECT regexp_like('Hello', 'h', 'i'), regexp_count('ababab', 'ab'), regexp_count('ababab', 'ab', 2);
SELECT regexp_split_to_array('hello world  x', '\s+'), regexp_split_to_array('abc', '');
SELECT regexp_replace('a', 'a', 'b', 'z');

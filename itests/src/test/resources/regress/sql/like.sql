--
-- LIKE / ILIKE / SIMILAR
--
SELECT 'hawkeye' LIKE 'h%' AS t, 'hawkeye' NOT LIKE 'h%' AS f, 'hawkeye' LIKE 'H%' AS f2;
SELECT 'hawkeye' LIKE 'indio%' AS f, 'hawkeye' LIKE 'h%eye' AS t, 'indio' LIKE '_ndio' AS t2;
SELECT 'indio' LIKE 'in__o' AS t, 'indio' LIKE 'in_o' AS f, 'indio' NOT LIKE 'in_o' AS t2;
SELECT 'hawkeye' ILIKE 'H%' AS t, 'hawkeye' NOT ILIKE 'H%' AS f, 'hawkeye' ILIKE 'H%Eye' AS t2;
SELECT 'Hawkeye' ILIKE 'h%' AS t, 'ABC' ~~ 'A%' AS t2, 'ABC' ~~* 'a%' AS t3, 'ABC' !~~ 'A%' AS f, 'ABC' !~~* 'a%' AS f2;
-- escapes
SELECT 'h%' LIKE 'h#%' ESCAPE '#' AS t, 'h%wkeye' LIKE 'h#%' ESCAPE '#' AS f, 'h%' LIKE 'h\%' AS t2;
SELECT 'h_' LIKE 'h\_' AS t, 'hx' LIKE 'h\_' AS f, 'a\b' LIKE 'a\\b' AS t2;
SELECT 'abc' LIKE 'abc' ESCAPE '' AS t, 'a_c' LIKE 'a_c' ESCAPE '' AS t2;
SELECT 'ab' LIKE 'ab\';
SELECT '' LIKE '' AS t, '' LIKE '%' AS t2, 'a' LIKE '' AS f, null LIKE 'a' AS n, 'a' LIKE null AS n2;
SELECT 'foo%bar' LIKE 'foo$%bar' ESCAPE '$' AS t, 'foobar' LIKE 'foo$%bar' ESCAPE '$' AS f;
SELECT 'ÄBC' ILIKE 'äbc' AS t;
SELECT 'foo' LIKE 'f' || '%' AS t;
SELECT 'h%' LIKE 'h%' ESCAPE '##';
-- SIMILAR TO
SELECT 'abc' SIMILAR TO 'abc' AS t;
SELECT 'abc' SIMILAR TO 'a' AS f;
SELECT 'abc' SIMILAR TO '%(b|d)%' AS t2;
SELECT 'a.c' SIMILAR TO 'a.c' AS t, 'abc' SIMILAR TO 'a.c' AS f, 'abc' NOT SIMILAR TO 'a_c' AS f2;
SELECT 'a%c' SIMILAR TO 'a#%c' ESCAPE '#' AS t, 'xyz' SIMILAR TO '[x-z]+' AS t2;
SELECT similar_to_escape('%(b|d)%'), similar_to_escape('a.b');
SELECT 'a' SIMILAR TO 'a' ESCAPE 'xy';

--
-- Miscellaneous built-in functions: regexp_instr and regexp_substr (PostgreSQL 15), num_nulls and
-- num_nonnulls (VARIADIC "any"), bit_length, txid_current
--
SELECT regexp_instr('number of your street, town zip, FR', '[^,]+', 1, 2),
       regexp_instr('ABCDEFGHI', '(c..)(...)', 1, 1, 0, 'i', 2),
       regexp_instr('abcabc', 'b'), regexp_instr('abcabc', 'b', 3), regexp_instr('abcabc', 'b', 1, 2, 1),
       regexp_instr('abc', 'x'), regexp_instr('abc', 'b', 10), regexp_instr('héllo wörld', 'w');
SELECT regexp_substr('number of your street, town zip, FR', '[^,]+', 1, 2),
       regexp_substr('ABCDEFGHI', '(c..)(...)', 1, 1, 'i', 2), regexp_substr('abcabc', 'b.', 1, 2),
       regexp_substr('abc', 'x') IS NULL AS no_match, regexp_substr('abc', '(x)?b', 1, 1, '', 1) IS NULL AS no_group,
       regexp_substr('abc', '(b)', 1, 1, '', 3) IS NULL AS past_groups, regexp_substr('a1b22c333', '\d+', 1, 3);
SELECT regexp_instr('abc', 'b', 0);
SELECT regexp_instr('abc', 'b', 1, 0);
SELECT regexp_instr('abc', 'b', 1, 1, 2);
SELECT regexp_substr('abc', 'b', 1, 1, '', -1);
SELECT regexp_substr('abc', 'b', 1, 1, 'g');
SELECT regexp_instr(NULL, 'b'), regexp_substr('abc', NULL);
SELECT num_nulls(1, NULL, 2), num_nonnulls(1, NULL, 2), num_nulls(NULL::int, NULL::text, 'x'),
       num_nonnulls(ARRAY[1, NULL]), num_nulls(NULL), num_nonnulls(NULL);
SELECT num_nulls();
SELECT bit_length('abc'), bit_length('é'), bit_length('\x0102'::bytea), bit_length(''), bit_length(NULL::text);
BEGIN;
SELECT txid_current() = txid_current() AS same_in_transaction, txid_current() > 0 AS positive;
COMMIT;

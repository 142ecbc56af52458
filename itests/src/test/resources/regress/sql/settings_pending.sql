--
-- SET / SHOW / RESET (pending)
-- HINT with valid units, the nonstandard-backslash warning, lower-cased DateStyle detail, current_setting/set_config.
--
SET statement_timeout = 'fast';
SET standard_conforming_strings = off;
SELECT 'a\\b' AS escaped;
RESET standard_conforming_strings;
SET DateStyle = 'Nonsense';
SELECT current_setting('extra_float_digits'), set_config('extra_float_digits', '2', false);
SHOW extra_float_digits;
SELECT current_setting('nosuch');
SELECT current_setting('nosuch', true) IS NULL AS missing_ok;
SET statement_timeout = '1 hour';

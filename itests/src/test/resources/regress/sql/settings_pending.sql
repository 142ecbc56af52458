--
-- SET / SHOW / RESET (pending)
-- HINT with valid units, the nonstandard-backslash warning, lower-cased DateStyle detail, set_config.
--
SET statement_timeout = 'fast';
SET standard_conforming_strings = off;
SELECT 'a\\b' AS escaped;
RESET standard_conforming_strings;
SET DateStyle = 'Nonsense';
SELECT set_config('extra_float_digits', '2', false);
SHOW extra_float_digits;
SET statement_timeout = '1 hour';

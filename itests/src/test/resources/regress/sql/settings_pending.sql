--
-- SET / SHOW / RESET (pending)
-- HINT with valid units, the nonstandard-backslash warning, lower-cased DateStyle detail.
--
SET statement_timeout = 'fast';
SET standard_conforming_strings = off;
SELECT 'a\\b' AS escaped;
RESET standard_conforming_strings;
SET DateStyle = 'Nonsense';
SET statement_timeout = '1 hour';

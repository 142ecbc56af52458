--
-- VARIADIC
-- Functions with a VARIADIC parameter called with a list of arguments or with VARIADIC array, named
-- notation (=> and :=) with defaults, and OUT parameters of functions. Everything created is dropped.
--
CREATE FUNCTION va_count(VARIADIC a integer[]) RETURNS integer LANGUAGE sql AS 'SELECT array_length(a, 1)';
SELECT va_count(1, 2, 3), va_count(VARIADIC ARRAY[1]), va_count(VARIADIC NULL);
SELECT va_count();
SELECT va_count(ARRAY[1, 2]);
SELECT va_count(VARIADIC a => ARRAY[4, 5]);
CREATE FUNCTION va_join(sep text, VARIADIC parts text[]) RETURNS text LANGUAGE sql AS 'SELECT array_to_string(parts, sep)';
SELECT va_join('-', 'a', 'b', 'c'), va_join(',', 'x');
SELECT va_join('-');
CREATE FUNCTION va_sum(VARIADIC v numeric[]) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE s numeric := 0; x numeric;
BEGIN
  FOREACH x IN ARRAY v LOOP s := s + x; END LOOP;
  RETURN s;
END $$;
SELECT va_sum(1, 2.5, 3), va_sum(VARIADIC ARRAY[1.5, 1.5]);
SELECT provariadic::regtype, proargmodes FROM pg_proc WHERE proname = 'va_join';
CREATE FUNCTION va_bad(VARIADIC a integer) RETURNS integer LANGUAGE sql AS 'SELECT a';
CREATE FUNCTION va_bad(VARIADIC a integer[], b integer) RETURNS integer LANGUAGE sql AS 'SELECT b';
-- named notation
CREATE FUNCTION va_named(a integer, b integer DEFAULT 2, c integer DEFAULT 3) RETURNS text LANGUAGE sql
  AS $$ SELECT a || ',' || b || ',' || c $$;
SELECT va_named(1, b => 5), va_named(a := 7), va_named(b => 8, a => 9), va_named(1, 2, c => 4);
SELECT va_named(x => 1);
SELECT va_named(a => 1, 2);
SELECT va_named(1, a => 2);
-- built-in variadic functions
SELECT concat('a', 1, NULL, true), concat_ws('/', 'a', NULL, 'b'), format('%s-%I-%L', 'x', 'Y z', 'it''s');
SELECT json_build_object('a', 1, 'b', ARRAY[1, 2]), json_build_array(1, 'two', NULL);
-- OUT parameters of functions
CREATE FUNCTION va_out(a integer, OUT doubled integer, OUT label text) LANGUAGE sql AS $$ SELECT a * 2, 'n' || a $$;
SELECT * FROM va_out(4);
SELECT va_out(5);
SELECT doubled FROM va_out(6);
DROP FUNCTION va_count, va_join, va_sum, va_named, va_out;

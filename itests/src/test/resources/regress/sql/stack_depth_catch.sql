--
-- 54001 "stack depth limit exceeded" is an ordinary ERROR: an EXCEPTION block around the recursion
-- catches it, and the transaction goes on
--
CREATE FUNCTION sdc_endless(n int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN sdc_endless(n + 1);
END $$;
CREATE FUNCTION sdc_catch_others() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sdc_endless(0);
  RETURN 'not reached';
EXCEPTION WHEN others THEN
  RETURN sqlstate || ': ' || sqlerrm;
END $$;
CREATE FUNCTION sdc_catch_named() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sdc_endless(0);
  RETURN 'not reached';
EXCEPTION WHEN statement_too_complex THEN
  RETURN 'statement_too_complex';
END $$;
CREATE FUNCTION sdc_catch_class() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sdc_endless(0);
  RETURN 'not reached';
EXCEPTION WHEN program_limit_exceeded THEN
  RETURN 'program_limit_exceeded';
END $$;
CREATE FUNCTION sdc_not_caught() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sdc_endless(0);
  RETURN 'not reached';
EXCEPTION WHEN division_by_zero THEN
  RETURN 'division_by_zero';
END $$;
SELECT sdc_catch_others();
SELECT sdc_catch_named();
SELECT sdc_catch_class();
\set VERBOSITY terse
SELECT sdc_not_caught();
\set VERBOSITY default
-- the innermost block catches it, deep in the recursion; the result depends on the platform, so
-- only its order of magnitude is shown
CREATE FUNCTION sdc_deepest(n int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN sdc_deepest(n + 1);
EXCEPTION WHEN statement_too_complex THEN
  RETURN n;
END $$;
SELECT sdc_deepest(0) BETWEEN 500 AND 2000 AS deep;
-- what the block did before the error is rolled back, what came before it stays
CREATE TABLE sdc_log (step text);
CREATE FUNCTION sdc_steps() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sdc_log VALUES ('before');
  BEGIN
    INSERT INTO sdc_log VALUES ('inside');
    PERFORM sdc_endless(0);
  EXCEPTION WHEN others THEN
    INSERT INTO sdc_log VALUES ('handler: ' || sqlstate);
  END;
  INSERT INTO sdc_log VALUES ('after');
END $$;
BEGIN;
SELECT sdc_steps();
SELECT step FROM sdc_log;
COMMIT;
SELECT count(*) FROM sdc_log;
-- a smaller max_stack_depth stops the recursion sooner
SET max_stack_depth = '100kB';
SELECT sdc_deepest(0) < 100 AS shallow;
RESET max_stack_depth;
SELECT sdc_deepest(0) > 100 AS deep_again;
DROP TABLE sdc_log;
DROP FUNCTION sdc_steps(), sdc_deepest(int), sdc_catch_others(), sdc_catch_named(), sdc_catch_class(),
  sdc_not_caught(), sdc_endless(int);

-- DROP SCHEMA takes the schema's functions and procedures with it (CASCADE), in creation order with its
-- tables, and lists them when it refuses.
CREATE SCHEMA dsf;
CREATE FUNCTION dsf.dsf_f(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x + 1';
CREATE TABLE dsf.t (a integer);
CREATE PROCEDURE dsf.dsf_p(a text) LANGUAGE sql AS 'SELECT 1';
DROP SCHEMA dsf;
DROP SCHEMA dsf CASCADE;
SELECT proname FROM pg_proc WHERE proname IN ('dsf_f', 'dsf_p');
CREATE SCHEMA dsf2;
CREATE FUNCTION dsf2.dsf2_g() RETURNS integer LANGUAGE sql AS 'SELECT 1';
DROP SCHEMA dsf2;
DROP SCHEMA dsf2 CASCADE;
SELECT proname FROM pg_proc WHERE proname = 'dsf2_g';
CREATE SCHEMA dsf2;
CREATE FUNCTION dsf2.dsf2_g() RETURNS integer LANGUAGE sql AS 'SELECT 2';
SELECT dsf2.dsf2_g();
CREATE TYPE dsf2.pair AS (a integer, b text);
DROP SCHEMA dsf2;
DROP SCHEMA dsf2 CASCADE;
SELECT typname FROM pg_type WHERE typname IN ('pair', '_pair');

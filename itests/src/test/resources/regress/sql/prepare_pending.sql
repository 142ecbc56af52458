--
-- pg_prepared_statements (the view is not there yet)
--
PREPARE q3 AS SELECT $1::int * 2 AS doubled;
SELECT name, statement FROM pg_prepared_statements ORDER BY name;

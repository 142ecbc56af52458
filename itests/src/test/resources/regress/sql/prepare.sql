--
-- PREPARE / EXECUTE / DEALLOCATE (pg_prepared_statements: prepare_pending)
--
PREPARE q1 AS SELECT 1 AS one;
EXECUTE q1;
PREPARE q2(int, text) AS SELECT $1 + 1 AS n, $2 || '!' AS t;
EXECUTE q2(41, 'hi');
EXECUTE q2('x', 'hi');
EXECUTE q2(1);
PREPARE q1 AS SELECT 2;
EXECUTE nosuch;
DEALLOCATE q1;
EXECUTE q1;
DEALLOCATE q1;
DEALLOCATE ALL;
EXECUTE q2(1, 'a');
PREPARE q3 AS SELECT $1::int * 2 AS doubled;
EXECUTE q3(21);
PREPARE q4(numeric) AS SELECT $1 / 3 AS third;
EXECUTE q4(1);
DEALLOCATE PREPARE q4;
-- pg_prepared_statements: the session's statements, with their text, types and plan counts
PREPARE q5(int, text) AS SELECT $1, $2;
EXECUTE q5(1, 'a');
SELECT name, statement, parameter_types, from_sql, generic_plans, custom_plans FROM pg_prepared_statements ORDER BY name;
DEALLOCATE ALL;
SELECT count(*) FROM pg_prepared_statements;

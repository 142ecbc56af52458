--
-- COPY (SELECT) TO STDOUT
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
COPY (SELECT 1.5::float8, 'NaN'::numeric, true) TO STDOUT WITH CSV HEADER;

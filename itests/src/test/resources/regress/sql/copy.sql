--
-- COPY (SELECT) TO STDOUT
--
COPY (SELECT 1 AS a, 'two' AS b, null AS c) TO STDOUT;
COPY (SELECT 1 AS a, 'two' AS b, null AS c) TO STDOUT WITH (FORMAT csv);
COPY (SELECT 1 AS a, 'two' AS b, null AS c) TO STDOUT WITH (FORMAT csv, HEADER);
COPY (SELECT 'tab	and\backslash' AS t, E'new\nline' AS n) TO STDOUT;
COPY (SELECT 'needs "quotes", commas' AS t, '' AS empty, null AS n) TO STDOUT (FORMAT csv);
COPY (SELECT 1, 2) TO STDOUT WITH (DELIMITER '|', NULL 'NULL');
COPY (SELECT 1, 2) TO STDOUT WITH (FORMAT xml);
COPY (SELECT 1, 2) TO STDOUT WITH (DELIMITER '||');
COPY (SELECT 1/0) TO STDOUT;
COPY (SELECT ARRAY[1,2], interval '1 day', '\xff'::bytea) TO STDOUT;
COPY (SELECT 1) TO STDOUT (HEADER);
COPY nosuch TO STDOUT;

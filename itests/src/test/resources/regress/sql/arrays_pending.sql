--
-- ARRAYS
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT '{{1,2},{3,4}}'::int[];
SELECT ARRAY[[1,2],[3,4]] AS two_d;
SELECT ARRAY[ARRAY[1],ARRAY[2]] AS nested;
SELECT '{{1,2},{3}}'::int[];
SELECT ARRAY[1,2,3][2] AS second;
SELECT ARRAY[1,2,3][5] AS out_of_range;
SELECT (ARRAY[[1,2],[3,4]])[2][1] AS two_d;
SELECT (ARRAY[1,2,3,4])[2:3] AS slice;
SELECT (ARRAY[1,2,3,4])[:2] AS head;
SELECT (ARRAY[1,2,3,4])[3:] AS tail;
SELECT ARRAY[1,2] || ARRAY[3] AS cat;
SELECT ARRAY[1,2] || 3 AS append;
SELECT 0 || ARRAY[1,2] AS prepend;
SELECT cardinality(ARRAY[[1,2],[3,4]]);
SELECT array_dims(ARRAY[[1,2],[3,4]]);
SELECT array_append(ARRAY[1], 2);
SELECT array_prepend(0, ARRAY[1]);
SELECT array_cat(ARRAY[1], ARRAY[2,3]);
SELECT array_position(ARRAY['a','b','c'], 'b');
SELECT array_remove(ARRAY[1,2,1], 1);
SELECT array_replace(ARRAY[1,2,1], 1, 9);
SELECT ARRAY[1,2] = ARRAY[1,2] AS t;
SELECT ARRAY[1,2] < ARRAY[1,3] AS t2;
SELECT ARRAY[1,2] @> ARRAY[1] AS t3;
SELECT ARRAY[1] && ARRAY[2] AS f;
SELECT 2 = ANY('{1,2,3}'::int[]) AS t;
SELECT 5 > ALL('{1,2,3}'::int[]) AS t2;
SELECT ARRAY[]::int[] AS empty;
SELECT '{}'::text[] = ARRAY[]::text[] AS t;
SELECT unnest(ARRAY[1,2,3]);

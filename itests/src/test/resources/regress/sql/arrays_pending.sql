--
-- ARRAYS
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT '{1,2,3}'::int[], '{}'::int[], '{{1,2},{3,4}}'::int[], '{"a b",c,NULL,"NULL"}'::text[];
SELECT ARRAY[[1,2],[3,4]] AS two_d, ARRAY[ARRAY[1],ARRAY[2]] AS nested;
SELECT '{{1,2},{3}}'::int[];
SELECT ARRAY[1,2,3][2] AS second, ARRAY[1,2,3][5] AS out_of_range, (ARRAY[[1,2],[3,4]])[2][1] AS two_d;
SELECT (ARRAY[1,2,3,4])[2:3] AS slice, (ARRAY[1,2,3,4])[:2] AS head, (ARRAY[1,2,3,4])[3:] AS tail;
SELECT ARRAY[1,2] || ARRAY[3] AS cat, ARRAY[1,2] || 3 AS append, 0 || ARRAY[1,2] AS prepend;
SELECT array_length(ARRAY[1,2,3], 1), array_length('{}'::int[], 1), cardinality(ARRAY[[1,2],[3,4]]);
SELECT array_dims(ARRAY[[1,2],[3,4]]), array_ndims(ARRAY[1]), array_lower(ARRAY[1,2], 1), array_upper(ARRAY[1,2], 1);
SELECT array_append(ARRAY[1], 2), array_prepend(0, ARRAY[1]), array_cat(ARRAY[1], ARRAY[2,3]);
SELECT array_position(ARRAY['a','b','c'], 'b'), array_remove(ARRAY[1,2,1], 1), array_replace(ARRAY[1,2,1], 1, 9);
SELECT ARRAY[1,2] = ARRAY[1,2] AS t, ARRAY[1,2] < ARRAY[1,3] AS t2, ARRAY[1,2] @> ARRAY[1] AS t3, ARRAY[1] && ARRAY[2] AS f;
SELECT 2 = ANY('{1,2,3}'::int[]) AS t, 5 > ALL('{1,2,3}'::int[]) AS t2;
SELECT array_to_string(ARRAY[1,null,3], ',', '*'), string_to_array('1|2|3', '|')::int[];
SELECT ARRAY[]::int[] AS empty, '{}'::text[] = ARRAY[]::text[] AS t;
SELECT unnest(ARRAY[1,2,3]);

--
-- ARRAYS
--
SELECT ARRAY[1,2,3] AS ints, ARRAY['a','b'] AS texts, ARRAY[1.5, 2] AS nums, ARRAY[true, null] AS bools;
SELECT '{1,2'::int[];
SELECT '{1,a}'::int[];
SELECT ARRAY[1, 'x'];
SELECT ARRAY[1,2]::text[], '{1.5,2.5}'::numeric[]::text;
SELECT ARRAY[]; 
SELECT '[0:1]={5,6}'::int[] AS lower_bound_zero;
SELECT ARRAY['a"b', 'c\d', '', ' x'] AS quoting;
SELECT '{1,2,3}'::int[];
SELECT '{}'::int[];
SELECT '{"a b",c,NULL,"NULL"}'::text[];
SELECT string_to_array('1|2|3', '|')::int[];
SELECT array_length(ARRAY[1,2,3], 1);
SELECT array_length('{}'::int[], 1);
SELECT array_ndims(ARRAY[1]);
SELECT array_lower(ARRAY[1,2], 1);
SELECT array_upper(ARRAY[1,2], 1);
SELECT array_to_string(ARRAY[1,null,3], ',', '*');
-- inquiry functions: an empty array has no dimensions
SELECT array_length(ARRAY[1,2,3], 2), array_lower('[0:1]={5,6}'::int[], 1), array_upper('[0:1]={5,6}'::int[], 1), array_dims('[0:1]={5,6}'::int[]);
SELECT array_ndims('{}'::int[]), array_dims('{}'::text[]), cardinality('{}'::int[]), array_lower('{}'::int[], 1);
SELECT cardinality(ARRAY['a', null]), array_length(ARRAY[null::int], 1);
SELECT array_to_string(ARRAY['a', null, 'c'], '/'), array_to_string(ARRAY[1.50, null], ', ', 'none'), array_to_string('{}'::int[], ',');
SELECT array_to_string(ARRAY[true, false], ''), array_to_string(ARRAY['x'], null) IS NULL AS t, array_to_string(ARRAY[1, null], ',', null);

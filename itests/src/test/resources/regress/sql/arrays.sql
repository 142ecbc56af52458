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

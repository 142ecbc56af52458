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
-- multidimensional arrays, subscripts, operators and functions
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
-- multidimensional arrays: literals, constructors, bounds
SELECT '[0:1][3:4]={{1,2},{3,4}}'::int[] AS bounds, array_dims('[0:1][3:4]={{1,2},{3,4}}'::int[]);
SELECT ARRAY[[1.5],[2]] AS nums, ARRAY['[0:1]={1,2}'::int[], '[0:1]={3,4}'] AS inner_bounds;
SELECT '{{{1}},{{2}}}'::text[], '{ {1} , {2} }'::int[];
SELECT '{1,{2}}'::int[];
SELECT '{{1},2}'::int[];
SELECT '{{}}'::int[];
SELECT '[1:2]={{1},{2}}'::int[];
SELECT '[2:1]={}'::int[];
SELECT '{{{{{{{1}}}}}}}'::int[];
SELECT ARRAY[[1,2],[3]];
SELECT ARRAY[ARRAY[1,2], NULL];
-- subscripts and slices
SELECT a[2][1], a[2], a[1:1], a[2:][2:], a[:1][:1] FROM (SELECT ARRAY[[1,2],[3,4]] AS a) s;
SELECT a[0], a[4], a[NULL], a[-5:2], a[4:5] FROM (SELECT ARRAY[1,2,3] AS a) s;
SELECT ('{1,2,3}'::int[])['2'], ('[5:6]={5,6}'::int[])[6];
SELECT (1)[1];
SELECT ('{1}'::int[])['1'::text];
-- operators
SELECT ARRAY[1,2] || 2.5 AS numeric_append, ARRAY[[1,2]] || ARRAY[3,4] AS add_row, ARRAY[1] || NULL::int[] AS cat_null;
SELECT ARRAY[1,2] < ARRAY[1,2,0], ARRAY[[1,2]] = ARRAY[1,2], ARRAY[NULL::int] = ARRAY[NULL::int], ARRAY[1,2] <> '{1,2}';
SELECT ARRAY[1,2] <@ ARRAY[2,1,3], ARRAY[1] @> ARRAY[NULL::int], ARRAY[1,NULL] && ARRAY[NULL,1], ARRAY[[1,2],[3,4]] @> ARRAY[4];
SELECT 3 = ANY('{{1,2},{3,4}}'::int[]), 2 = ANY(ARRAY[1,NULL]), 2 = ALL('{}'::int[]);
SELECT ARRAY[1] = ARRAY[1.5];
SELECT ARRAY['a'] || 'b';
SELECT ARRAY[[1]] || ARRAY[[1,2]];
-- functions
SELECT array_position(ARRAY[1,NULL,3], NULL), array_position(ARRAY[1,2,1], 1, 2), array_positions(ARRAY[1,2,1], 1);
SELECT array_remove(ARRAY[1,NULL], NULL), array_replace(ARRAY[[1,2],[1,3]], 1, 0), array_remove('[3:5]={1,2,1}'::int[], 1);
SELECT array_append(NULL, 1), array_prepend(0, '[5:6]={1,2}'::int[]), array_cat(NULL::int[], NULL);
SELECT array_length(ARRAY[[1,2,3],[3,4,5]], 2), array_upper(ARRAY[[1,2,3],[3,4,5]], 2), array_ndims(ARRAY[[1]]);
SELECT array_fill(7, ARRAY[2,2]), array_fill('x'::text, ARRAY[2], ARRAY[0]), array_fill(1, '{}'::int[]);
SELECT array_fill(7, ARRAY[2,2], ARRAY[1]);
SELECT array_append(ARRAY[[1]], 2);
SELECT array_position('{{1}}'::int[], 1);
SELECT array_to_string(ARRAY[[1,2],[NULL,4]], ',', '*');
SELECT ARRAY[]::int[] AS empty_int, ARRAY['1','2']::int[] AS from_strings, ARRAY[[1,2],[3,4]]::text[] AS texts;
SELECT unnest(ARRAY[[1,2],[3,4]]) AS flat;
-- ARRAY(subquery) and array_agg over arrays
SELECT ARRAY(SELECT g FROM generate_series(1,3) g) AS ints, ARRAY(SELECT ARRAY[g, g*10] FROM generate_series(1,2) g) AS rows;
SELECT array_agg(ARRAY[g, g+1]) FROM generate_series(1,3) g;
SELECT array_agg(x) FROM (VALUES (ARRAY[1]), (ARRAY[1,2])) v(x);
SELECT array_agg(x) FROM (VALUES (ARRAY[1]), (NULL)) v(x);
SELECT x FROM (VALUES (ARRAY[2,1]), (ARRAY[1,5]), (ARRAY[1]), (ARRAY[[1]])) v(x) ORDER BY x;
-- arrays of several dimensions and other lower bounds in a table: stored, read back, compared, indexed, copied
CREATE TABLE arr_tab (id int, a int[], t text[], n numeric[]);
INSERT INTO arr_tab VALUES (1, '{{1,2},{3,4}}', '{{a,b},{NULL,"d e"}}', '{{{1.5}},{{NULL}}}'),
  (2, '[0:1][2:3]={{5,6},{7,8}}', '[-2:-1]={x,y}', '{}'), (3, ARRAY[[9]], NULL, '{1}');
SELECT id, a, t, n, array_dims(a), array_lower(a, 1), array_ndims(n) FROM arr_tab ORDER BY id;
SELECT id FROM arr_tab WHERE a = '{{1,2},{3,4}}';
SELECT id, a[1][2], a[0][3], t[-2], t[2][1] FROM arr_tab ORDER BY id;
COPY arr_tab TO STDOUT;
UPDATE arr_tab SET a = a || ARRAY[[10,11]] WHERE id = 1;
SELECT id, a FROM arr_tab ORDER BY a;
CREATE INDEX arr_tab_a ON arr_tab (a);
SELECT id, a FROM arr_tab WHERE a >= '{{5,6}}' ORDER BY a DESC;
COPY arr_tab (id, a, t) FROM STDIN;
4	{{1},{2}}	[2:3]={p,q}
\.
SELECT id, a, t, array_dims(t) FROM arr_tab WHERE id = 4;
DROP TABLE arr_tab;

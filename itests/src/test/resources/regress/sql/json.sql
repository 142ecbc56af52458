--
-- JSON: the json type keeps its input text; its functions parse it again each time
--
SELECT '{"b":1, "a":[1,  2.50, "x"],   "b":3}'::json;
SELECT '"\u0000"'::json, '  [1, true, null]  '::json, '""'::json, '-0.5e+3'::json;
SELECT ''::json;
SELECT '{"a":1,}'::json;
SELECT 'tru'::json;
SELECT '[1 2]'::json;
SELECT '{"a" 1}'::json;
SELECT '"abc'::json;
SELECT '"\x"'::json;
SELECT '01'::json;
SELECT '{1:2}'::json;
SELECT '[1,2,3]  x'::json;
SELECT E'[\n1,\n2,\nfoo]'::json;
SELECT '{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": tru}'::json;
SELECT E'"a\tb"'::json;
-- operators return sub-values as they were written
SELECT '{"a": [1,  2], "b":"x\ty", "c": null}'::json -> 'a' AS a, '{"a": [1,  2], "b":"x\ty"}'::json ->> 'b' AS b;
SELECT '{"a": [1,  2]}'::json #> '{a,1}', '{"a": {"b":  {"c": 3}}}'::json #>> '{a,b}', '[1,2,3]'::json -> -1;
SELECT '{"a":1, "a":2}'::json -> 'a' AS last_wins, '{"a":null}'::json ->> 'a' IS NULL AS null_text, '[1]'::json -> 'a' AS not_object;
SELECT '{"a":1}'::json -> 0, '[1,2]'::json -> 2, '{"a":{"b":1}}'::json #> '{a,x}', '[[1]]'::json #> '{0,x}';
SELECT json_typeof('{}'), json_typeof('[]'), json_typeof('1.5'), json_typeof('"s"'), json_typeof('true'), json_typeof('null');
SELECT json_array_length('[1, [2, 3], {}]'), json_array_length('[]');
SELECT json_array_length('{}');
SELECT json_array_length('5');
SELECT json_extract_path('{"a":{"b": [1,  2]}}', 'a', 'b'), json_extract_path_text('{"a":{"b":"x"}}', 'a', 'b'), json_extract_path('{"a":1}', 'x');
SELECT json_strip_nulls('{"a": null, "b" : [ null , 1.50, {"c":null, "d": "e"} ]}');
-- constructors
SELECT to_json(1.5), to_json('a"b\c'::text), to_json(array[1,2,null]), to_json(array[['a','b'],['c','d']]), to_json(true);
SELECT to_json('NaN'::float8), to_json('Infinity'::numeric), to_json(1e3::float8), to_json(null::int), to_json('{"a": 1}'::json);
SELECT to_json(date '2020-01-02'), to_json(timestamp '2020-01-02 03:04:05.120'), to_json('{"x":1}'::jsonb);
SELECT to_json('abc');
SELECT array_to_json(array['a','b']), array_to_json('{}'::int[]);
SELECT json_build_object('a', 1, 'b', array['x'], 'c', null, 'd', '{"e": 1}'::json), json_build_object();
SELECT json_build_object(1.5, 'x', true, 2, 'k', 'v'::text);
SELECT json_build_object('a');
SELECT json_build_object(null, 1);
SELECT json_build_object(array[1], 1);
SELECT json_build_array(1, 'a', null, '{"a":1}'::json, array[1,2]), json_build_array();
SELECT json_object('{a,1,b,2}'), json_object('{{a,1},{b,null}}'), json_object('{a,b}', '{1,2}'), json_object('{}');
SELECT json_object('{a,b,c}');
SELECT json_object('{{a,b,c}}');
SELECT json_object('{a,null}', '{1,2}');
SELECT json_object('{a,b}', '{1}');
-- aggregates
SELECT json_agg(x), json_object_agg(x, x * 2) FROM generate_series(1, 3) x;
SELECT json_agg(array[x, x]) FROM generate_series(1, 3) x;
SELECT json_agg(x) FROM (VALUES (null::int), (1)) v(x);
SELECT json_agg(x) IS NULL AS no_rows FROM generate_series(1, 0) x;
SELECT json_object_agg('k' || x, CASE WHEN x = 2 THEN null ELSE x END) FROM generate_series(1, 3) x;
SELECT json_object_agg(null::text, 1);
-- set-returning functions
SELECT * FROM json_each('{"b":[1,  2],"a":null,"b":"x"}');
SELECT * FROM json_each_text('{"b":[1,  2],"a":null,"c":"x"}');
SELECT * FROM json_object_keys('{"bb":1,"a":2,"bb":3}');
SELECT * FROM json_array_elements('[1,"a",{"b":  null}]');
SELECT * FROM json_array_elements_text('[1,"a",{"b":  null}, null]');
SELECT json_array_elements('[1, 2]') AS e, json_object_keys('{"k":1}') AS k;
SELECT * FROM json_each('[1]');
SELECT * FROM json_each('1');
SELECT * FROM json_object_keys('[1]');
SELECT * FROM json_array_elements('{"a":1}');
SELECT * FROM json_array_elements_text('1');
-- casts
SELECT '{"a":  1}'::json::jsonb, '{"b":1, "a":2}'::json::text, '[1,2]'::text::json;
-- a json column
CREATE TABLE json_docs (id int PRIMARY KEY, doc json);
INSERT INTO json_docs VALUES (1, '{"name": "a",  "tags": ["x", "y"]}'), (2, '{"name": "b", "tags": []}'), (3, NULL);
INSERT INTO json_docs VALUES (4, '{"name": }');
SELECT id, doc, doc ->> 'name' AS name, json_array_length(doc -> 'tags') AS ntags FROM json_docs ORDER BY id;
SELECT json_agg(doc -> 'name') FROM json_docs WHERE doc IS NOT NULL;
-- json has no equality or ordering: it cannot be sorted, grouped or made distinct
SELECT doc FROM json_docs ORDER BY doc;
SELECT DISTINCT doc FROM json_docs;
SELECT doc, count(*) FROM json_docs GROUP BY doc;
SELECT doc = doc FROM json_docs;
COPY json_docs TO STDOUT;
DROP TABLE json_docs;

--
-- JSONB: normalized on input (keys sorted by length then bytes, the last duplicate kept), with jsonb's order
--
SELECT '{"b":1, "a":[1,  2.50, "x"],   "b":3, "aa": {"z": null, "y": false}}'::jsonb;
SELECT '1e2'::jsonb, '-0.0'::jsonb, '1.50E-3'::jsonb, '"\u00e9\ud83d\ude00"'::jsonb, '{"a":"x\ny\u0001"}'::jsonb, '"\/"'::jsonb;
SELECT '"\u0000"'::jsonb;
SELECT '"\ud83d"'::jsonb;
SELECT '"\ud83d\ud83d"'::jsonb;
SELECT '"\ude00x"'::jsonb;
SELECT '{"a":"\uzzzz"}'::jsonb;
SELECT '[1,2'::jsonb;
-- operators
SELECT '{"a":{"b":[10,20,30]}}'::jsonb -> 'a' -> 'b' -> -1, '{"a":{"b":[10,20,30]}}'::jsonb #> '{a,b,1}', '{"a":{"b":[10,20,30]}}'::jsonb #>> '{a,b}';
SELECT '[1,2,3]'::jsonb -> 5, '{"a":1}'::jsonb -> 0, '[1]'::jsonb -> 'a', '{"a":null}'::jsonb ->> 'a' IS NULL AS null_text, '"x"'::jsonb #>> '{}';
SELECT '{"a":1,"b":2}'::jsonb @> '{"a":1}', '[1,2,[3]]'::jsonb @> '[[3]]', '[1,2]'::jsonb @> '1', '1'::jsonb @> '[1]', '{"a":1}'::jsonb <@ '{"a":1,"b":2}';
SELECT '[1,2]'::jsonb @> '[2,2,1]', '{"a":[1,2]}'::jsonb @> '{"a":[2]}', '{"a":[1]}'::jsonb @> '{"a":1}', '[[1]]'::jsonb @> '[1]';
SELECT '{"a":1,"b":2}'::jsonb ? 'a', '["a","b"]'::jsonb ?| array['x','b'], '["a","b"]'::jsonb ?& array['a','c'], '"a"'::jsonb ? 'a', '{"a":{"b":1}}'::jsonb ? 'b';
SELECT '{"a":1}'::jsonb || '{"b":2,"a":3}', '[1]'::jsonb || '2', '{"a":1}'::jsonb || '[2]', '1'::jsonb || '2', '[1]'::jsonb || 'x'::text;
SELECT '{"a":1,"b":2}'::jsonb - 'a', '["a","b","a"]'::jsonb - 'a', '[1,2,3]'::jsonb - -1, '{"a":1,"b":2,"c":3}'::jsonb - '{a,c}'::text[];
SELECT '{"a":[1,2,{"b":3}]}'::jsonb #- '{a,2,b}', '{"a":[1,2]}'::jsonb #- '{a,-1}', '{"a":1}'::jsonb #- '{x,y}';
SELECT '1'::jsonb - 'a';
SELECT '{"a":1}'::jsonb - 0;
SELECT '[1]'::jsonb #- '{a}';
-- comparison, ordering and grouping
SELECT '{"a":1}'::jsonb = '{"a":1.0}', '[1,2]'::jsonb < '[1,3]', '"abc"'::jsonb > 'null', '[]'::jsonb < 'null';
SELECT x FROM (VALUES ('1'::jsonb), ('"a"'), ('null'), ('[]'), ('[1]'), ('{}'), ('true'), ('[1,2]'), ('{"a":1}'), ('1.0'), ('{"b":0}'), ('{"a":1,"b":0}')) v(x) ORDER BY x;
SELECT count(DISTINCT x) FROM (VALUES ('1'::jsonb), ('1.0'), ('1.00'), ('{"a":1}'), ('{"a":1.0}')) v(x);
SELECT x, count(*) FROM (VALUES ('[1]'::jsonb), ('[1.0]'), ('{"k":"v"}'), ('{"k":"v"}')) v(x) GROUP BY x ORDER BY x;
-- functions
SELECT jsonb_typeof('{}'), jsonb_typeof('1.5'), jsonb_typeof('null'), jsonb_array_length('[1,2,3]');
SELECT jsonb_array_length('{}');
SELECT jsonb_array_length('"x"');
SELECT jsonb_set('{"a":[1,2,3]}', '{a,1}', '"x"'), jsonb_set('{"a":1}', '{b}', '2'), jsonb_set('{"a":1}', '{b}', '2', false), jsonb_set('[1,2]', '{-5}', '0');
SELECT jsonb_set('{"a":1}', '{a,b}', '1'), jsonb_set('{"a":1}', '{}', '1'), jsonb_set('{"a":1}', '{x,y}', '1'), jsonb_set('{"a":1}', '{a}', null);
SELECT jsonb_set('1', '{a}', '1');
SELECT jsonb_set('{"a":[1]}', '{a,x}', '2');
SELECT jsonb_set('{"a":1}', array['a', null], '1');
SELECT jsonb_insert('{"a":[1,2,3]}', '{a,1}', '"x"'), jsonb_insert('{"a":[1,2,3]}', '{a,1}', '"x"', true), jsonb_insert('{"a":[1]}', '{a,9}', '2'), jsonb_insert('{"a":1}', '{b}', '2');
SELECT jsonb_insert('{"a":1}', '{a}', '2');
SELECT jsonb_strip_nulls('{"a":null,"b":[null,{"c":null}]}');
SELECT jsonb_pretty('{"a":[1,{"b":[]},{}],"c":"d"}');
SELECT jsonb_pretty('[]'), jsonb_pretty('{}'), jsonb_pretty('1'), jsonb_pretty('[1]');
SELECT jsonb_extract_path('{"a":{"b":[1,2]}}', 'a', 'b', '1'), jsonb_extract_path_text('{"a":{"b":"x"}}', 'a', 'b'), jsonb_extract_path('{"a":1}', null);
SELECT to_jsonb(array[[1,2],[3,4]]), to_jsonb('x'::text), to_jsonb(2.50), to_jsonb('{"a": [1, 2]}'::json), to_jsonb(null::text);
SELECT jsonb_build_object('b', 1, 'a', '{"x":1}'::jsonb, 'b', 2), jsonb_build_array(1, 'a', null, array[true]), jsonb_build_object(), jsonb_build_array();
SELECT jsonb_build_object(null, 1);
SELECT jsonb_build_object('a', 1, 'b');
SELECT jsonb_object('{a,1,b,2}'), jsonb_object('{{b,1},{a,null}}'), jsonb_object('{a,b}', '{1,2}');
-- casts
SELECT ('1'::jsonb)::int, ('1.5'::jsonb)::numeric, ('true'::jsonb)::bool, ('2.5'::jsonb)::int, ('"x"'::jsonb)::text, ('{"a":1}'::jsonb)::json, ('12.5'::jsonb)::float8;
SELECT ('"x"'::jsonb)::int;
SELECT ('null'::jsonb)::int;
SELECT ('[1]'::jsonb)::bool;
SELECT ('1'::jsonb)::bool;
-- aggregates and set-returning functions
SELECT jsonb_agg(x), jsonb_object_agg('k' || x, x) FROM generate_series(1, 3) x;
SELECT jsonb_agg(x ORDER BY x DESC) FROM generate_series(1, 3) x;
SELECT jsonb_object_agg(null::text, 1);
SELECT * FROM jsonb_each('{"b":[1,2],"a":null}');
SELECT * FROM jsonb_each_text('{"b":[1,2],"a":null,"c":"x"}');
SELECT * FROM jsonb_object_keys('{"bb":1,"a":2}');
SELECT * FROM jsonb_array_elements('[1,"a",{"b":null}]');
SELECT * FROM jsonb_array_elements_text('[1,"a",{"b":null},null]');
SELECT * FROM jsonb_each('[1]');
SELECT * FROM jsonb_object_keys('1');
SELECT * FROM jsonb_array_elements('{"a":1}');
SELECT * FROM jsonb_array_elements_text('"x"');
-- a jsonb column: storage, a unique index, grouping
CREATE TABLE jsonb_docs (id int PRIMARY KEY, doc jsonb);
INSERT INTO jsonb_docs VALUES (1, '{"name": "a", "tags": ["x", "y"], "n": 1}'), (2, '{"tags": [], "name": "b", "n": 2.0}'), (3, NULL), (4, '[1, 2]');
INSERT INTO jsonb_docs VALUES (5, '{"name": }');
SELECT id, doc, doc ->> 'name' AS name, doc -> 'tags' -> 0 AS first_tag FROM jsonb_docs ORDER BY id;
SELECT id FROM jsonb_docs WHERE doc @> '{"tags": ["y"]}' ORDER BY id;
SELECT id FROM jsonb_docs WHERE doc ? 'name' AND (doc ->> 'n')::numeric > 1;
UPDATE jsonb_docs SET doc = jsonb_set(doc, '{tags}', doc -> 'tags' || '"z"') WHERE doc ? 'tags';
SELECT id, doc FROM jsonb_docs ORDER BY doc, id;
SELECT doc -> 'tags' AS tags, count(*) FROM jsonb_docs GROUP BY doc -> 'tags' ORDER BY 1;
CREATE UNIQUE INDEX jsonb_docs_doc ON jsonb_docs (doc);
SELECT id FROM jsonb_docs WHERE doc = '[1, 2]';
SELECT a.id, b.id FROM jsonb_docs a JOIN jsonb_docs b ON a.doc -> 'tags' = b.doc -> 'tags' ORDER BY 1, 2;
SELECT DISTINCT doc ->> 'name' AS name FROM jsonb_docs ORDER BY 1;
SELECT min(doc) FROM jsonb_docs;
COPY jsonb_docs TO STDOUT;
INSERT INTO jsonb_docs VALUES (6, '[1,2]');
SELECT jsonb_agg(doc ORDER BY id) FROM jsonb_docs;
DROP TABLE jsonb_docs;

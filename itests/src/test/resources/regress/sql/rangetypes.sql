-- Range types: input and output, constructors, operators, functions, range columns in tables.
-- Literals: bounds, quoting, canonical form of the discrete types.
SELECT '[1,5)'::int4range, '(1,5]'::int4range, '[1,1)'::int4range, '(,3]'::int4range, 'empty'::int4range;
SELECT ' [ 1, 5 ] '::int4range, '(0,0)'::int4range, '[0,0]'::int4range, '(,)'::int8range, '[,5]'::int8range;
SELECT '  EMPTY '::numrange, '[1.50, 3]'::numrange, '("1.5","2.25"]'::numrange, '[-1e3,)'::numrange;
SELECT '[2020-01-01,2020-01-05]'::daterange, '(2020-01-01,2020-01-05)'::daterange, '[infinity,infinity]'::daterange,
       '(-infinity,infinity)'::daterange;
SELECT '["2020-01-01 10:00","2020-01-02 00:00")'::tsrange, '[2020-01-01 10:00:00.5,)'::tsrange;
SET TimeZone = 'UTC';
SELECT '[2020-01-01 10:00+02,2020-01-01 12:00+02)'::tstzrange;
SET DateStyle = 'SQL, DMY';
SELECT '[2020-01-01 10:00,2020-01-02)'::tsrange, '[2020-01-01,2020-01-02)'::daterange;
RESET DateStyle;
-- Malformed literals and bad bounds.
SELECT 'x'::int4range;
SELECT '[1,2'::int4range;
SELECT '[1,2,3)'::int4range;
SELECT '(1,2) x'::int4range;
SELECT 'empty x'::int4range;
SELECT '[1'::int4range;
SELECT '[5,1)'::int4range;
SELECT '[a,b)'::int4range;
SELECT '[2147483647,2147483647]'::int4range;
SELECT '["a b",c)'::tsrange;
-- Constructors: a NULL bound is infinite; the flags.
SELECT int4range(1, 5), int4range(1, 5, '[]'), int4range(1, 5, '()'), int4range(NULL, 5), int4range(NULL, NULL);
SELECT int8range(10, 20, '(]'), numrange(1.5, 2.5, '[]'), daterange('2020-01-01', '2020-02-01', '[]');
SELECT tsrange('2020-01-01 10:00', '2020-01-01 12:00', '(]'), tstzrange('2020-01-01 00:00+00', NULL);
SELECT int4range(1, 5, NULL);
SELECT int4range(1, 5, 'x');
SELECT int4range(1, 5, '[[');
SELECT int4range(5, 1);
-- Comparisons (range_cmp's order: empty first, then lower bound, then upper bound).
SELECT int4range(1, 5) = '[1,4]', int4range(1, 5) <> int4range(1, 6), int4range(1, 5) < int4range(1, 6),
       'empty'::int4range < int4range(1, 2), '(,1)'::int4range < '[0,1)'::int4range,
       numrange(1, 2) < numrange(1, 2, '[]'), numrange(1, 2, '()') > numrange(1, 2);
SELECT '[1.0,2)'::numrange = '[1.00,2)'::numrange, int4range(1, 5) >= int4range(1, 5), int4range(2, 3) <= int4range(1, 9);
-- Containment, overlap, position.
SELECT int4range(1, 10) @> 5, int4range(1, 10) @> 10, int4range(1, 10) @> int4range(2, 3), int4range(1, 10) @> '[2,3)',
       5 <@ int4range(1, 10), int4range(2, 3) <@ int4range(1, 10), 'empty'::int4range <@ int4range(1, 2),
       int4range(1, 2) @> 'empty'::int4range, 'empty'::int4range @> 1;
SELECT numrange(1, 2) @> 2.0, numrange(1, 2, '[]') @> 2.0, '(,)'::numrange @> 1e100,
       tsrange('2020-01-01', NULL) @> '2021-06-01'::timestamp, daterange('2020-01-01', '2020-01-31') @> '2020-01-31'::date;
-- The element operators take the range's own subtype (anyelement), an unknown literal beside a range is a range.
SELECT numrange(1, 2) @> 1;
SELECT 2::smallint <@ int4range(1, 5);
SELECT int4range(1, 5) @> '3';
SELECT int4range(1, 5) = int8range(1, 5);
SELECT int4range(1, 5) && int4range(4, 8), int4range(1, 5) && int4range(5, 8), 'empty'::int4range && int4range(1, 2),
       int4range(1, 5) << int4range(6, 8), int4range(1, 5) << int4range(4, 8), int4range(6, 8) >> int4range(1, 5),
       int4range(1, 5) &< int4range(2, 8), int4range(1, 9) &< int4range(2, 8), int4range(1, 5) &> int4range(0, 8),
       int4range(1, 5) &> int4range(2, 8);
SELECT int4range(1, 5) -|- int4range(5, 8), int4range(1, 5) -|- int4range(6, 8), int4range(1, 5, '[]') -|- int4range(6, 8),
       numrange(1, 2) -|- numrange(2, 3, '()'), numrange(1, 2, '[]') -|- numrange(2, 3, '()'), numrange(1, 2) -|- numrange(2, 3);
-- Union, intersection, difference, range_merge.
SELECT int4range(1, 5) + int4range(4, 8), int4range(1, 5) + int4range(5, 8), int4range(1, 5) + 'empty',
       int4range(1, 5) * int4range(4, 8), int4range(1, 5) * int4range(6, 8), int4range(1, 10) - int4range(4, 20),
       int4range(1, 10) - int4range(-5, 4), int4range(1, 10) - int4range(0, 20), int4range(1, 10) - int4range(20, 30);
SELECT numrange(1, 5) - numrange(3, 5, '[]'), numrange(NULL, 5) * numrange(2, NULL), range_merge(int4range(1, 2), int4range(5, 6)),
       range_merge('empty'::int4range, int4range(5, 6));
SELECT int4range(1, 5) + int4range(7, 8);
SELECT int4range(1, 10) - int4range(4, 5);
-- Functions.
SELECT lower(int4range(1, 5)), upper(int4range(1, 5)), lower('(,5)'::int4range), upper('empty'::int4range),
       isempty(int4range(1, 1)), isempty(int4range(1, 2)), lower_inc(int4range(1, 5)), upper_inc(int4range(1, 5)),
       lower_inf('(,1)'::int4range), upper_inf('(,1)'::int4range), lower_inf('empty'::int4range);
SELECT lower(numrange(1.5, 2.5, '(]')), upper(daterange('2020-01-01', '2020-01-05', '[]')),
       lower_inc(numrange(1.5, 2.5, '(]')), upper_inc(numrange(1.5, 2.5, '(]'));
SELECT lower('ABC'), upper('abc'), pg_typeof(lower(int8range(1, 2))), pg_typeof(upper(tstzrange(now(), NULL)));
SELECT int4range_subdiff(5, 2), daterange_subdiff('2020-03-01', '2020-02-01'), tsrange_subdiff('2020-01-01 00:01', '2020-01-01');
-- Casts to and from text, arrays of ranges.
SELECT int4range(1, 5)::text, '[1,5)'::text::int4range, int4range(1, 5)::varchar;
SELECT ARRAY[int4range(1, 2), 'empty', NULL], '{"[1,3)","(,)",empty}'::int4range[], '{"[\"a b\",c)"}'::text[];
SELECT ('{"[1,3)","[2,4)"}'::int4range[])[2], '{"[1,3)"}'::int4range[] = '{"[1,3)"}';
-- Range columns in tables.
CREATE TABLE booking (id int PRIMARY KEY, room int, during tsrange, seats int4range, days daterange,
                      price numrange, at tstzrange, big int8range, parts int4range[]);
INSERT INTO booking VALUES
  (1, 101, '[2020-01-01 10:00, 2020-01-01 12:00)', '[1,5)', '[2020-01-01,2020-01-05]', '[1.5,2.5]',
   '[2020-01-01 10:00+00,)', '(1,10)', '{"[1,2)","empty"}'),
  (2, 102, '[2020-01-01 11:00, 2020-01-01 13:00)', '[3,7)', 'empty', '(,)', NULL, '[5,6]', NULL),
  (3, 101, NULL, 'empty', '[2020-02-01,)', '[0,1]', '(,2021-01-01 00:00+00]', NULL, '{}'),
  (4, 103, '(,)', '[3,7)', NULL, NULL, NULL, NULL, NULL);
SELECT * FROM booking ORDER BY id;
SELECT seats FROM booking ORDER BY seats;
SELECT seats FROM booking ORDER BY seats DESC NULLS LAST;
SELECT seats, count(*) FROM booking GROUP BY seats ORDER BY seats;
SELECT DISTINCT days FROM booking ORDER BY days;
SELECT id FROM booking WHERE during && '[2020-01-01 11:30, 2020-01-01 11:45)' ORDER BY id;
SELECT id FROM booking WHERE seats @> 4 ORDER BY id;
SELECT id FROM booking WHERE at @> '2020-06-01 00:00+00'::timestamptz ORDER BY id;
SELECT id, lower(seats), upper(seats), isempty(seats), upper_inf(days) FROM booking ORDER BY id;
SELECT a.id, b.id FROM booking a JOIN booking b ON a.during && b.during AND a.id < b.id ORDER BY 1, 2;
UPDATE booking SET seats = seats + '[5,9)' WHERE id = 2;
SELECT seats FROM booking WHERE id = 2;
CREATE UNIQUE INDEX booking_big ON booking (big);
INSERT INTO booking (id, big) VALUES (5, '[5,7)');
SET enable_seqscan = off;
SELECT seats FROM booking WHERE seats < '[3,8)' ORDER BY seats;
SELECT id FROM booking WHERE big = '[5,7)';
RESET enable_seqscan;
\d booking
COPY booking TO STDOUT;
COPY booking TO STDOUT (FORMAT csv);
CREATE TABLE booking_copy (LIKE booking);
COPY booking_copy FROM STDIN;
1	101	["2020-01-01 10:00:00","2020-01-01 12:00:00")	[1,5)	[2020-01-01,2020-01-06)	[1.5,2.5]	["2020-01-01 10:00:00+00",)	[2,10)	{"[1,2)",empty}
2	102	\N	(3,7]	empty	(,)	\N	[5,7)	\N
\.
COPY booking_copy FROM STDIN (FORMAT csv);
3,101,,"[1,3]",,,,,
\.
SELECT * FROM booking_copy ORDER BY id;
COPY booking_copy FROM STDIN;
9	1	\N	[3,1]	\N	\N	\N	\N	\N
\.
-- The catalogs.
SELECT t.typname, t.typtype, t.typcategory, t.typarray::regtype, r.rngsubtype::regtype, r.rngcanonical, r.rngsubdiff
FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid ORDER BY t.oid;
SELECT pg_typeof(seats), pg_typeof(parts), format_type('int4range'::regtype, NULL) FROM booking LIMIT 1;
\dT int4range
DROP TABLE booking, booking_copy;
-- pg_column_size: range_serialize's layout (header, type OID, aligned bounds, flags), packed when stored.
SELECT pg_column_size(int4range(1, 5)), pg_column_size('empty'::int4range), pg_column_size('[2020-01-01,2020-02-01)'::tstzrange),
       pg_column_size(numrange(1.5, 2)), pg_column_size(numrange(NULL, 1e100)), pg_column_size(int8range(1, NULL)),
       pg_column_size(daterange('2020-01-01', '2020-02-01'));
CREATE TABLE range_sizes (r int4range, n numrange);
INSERT INTO range_sizes VALUES ('[1,5)', '[1.5,2)'), ('empty', NULL);
SELECT pg_column_size(r), pg_column_size(n) FROM range_sizes;
DROP TABLE range_sizes;
-- range_intersect_agg.
SELECT range_intersect_agg(r) FROM (VALUES (int4range(1, 9)), (NULL), (int4range(3, 12)), (int4range(2, 5))) v(r);
SELECT range_intersect_agg(r) FROM (VALUES (int4range(1, 3)), (int4range(5, 7))) v(r);
SELECT g, range_intersect_agg(r) FROM (VALUES (1, numrange(1, 5)), (1, numrange(2, NULL)), (2, NULL::numrange)) v(g, r)
GROUP BY g ORDER BY g;
SELECT range_intersect_agg(r) FROM (VALUES (1)) v(r);

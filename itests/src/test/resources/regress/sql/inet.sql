--
-- INET and CIDR
--
SELECT '192.168.1.5'::inet, '192.168.1.5/24'::inet, '10.1'::cidr, '10'::cidr, '192.168'::cidr, '224'::cidr;
SELECT '::1'::inet, '::ffff:1.2.3.4'::inet, '2001:db8::/32'::cidr, '1:0:0:1:0:0:0:1'::inet, '::'::inet, '::2'::inet;
SELECT '0x0a01/16'::cidr, '10.1.2'::cidr, '128'::cidr, '240'::cidr, '225'::cidr, '10.0.0.0/00'::inet;
SELECT '10.1'::inet;
SELECT '10.1.2.3/8'::cidr;
SELECT '1.2.3.4/33'::inet;
SELECT ' 1.2.3.4'::inet;
SELECT '1::2::3'::inet;
SELECT '::1/129'::inet;
SELECT 'x'::cidr;
-- functions
SELECT host('1.2.3.4/8'::inet), text('::1'::inet), abbrev('10.1.0.0/16'::cidr), abbrev('1.2.3.4/24'::inet),
       abbrev('2001:db8::/32'::cidr), abbrev('0.0.0.0/0'::cidr), abbrev('::ffff:1.2.3.0/120'::cidr);
SELECT masklen('10.0.0.0/8'), family('::1'), netmask('1.2.3.4/20'), hostmask('1.2.3.4/20'),
       network('1.2.3.4/20'), broadcast('1.2.3.4/20'::inet), broadcast('::1/100'), netmask('::1/100');
SELECT set_masklen('1.2.3.4/24'::inet, 16), set_masklen('1.2.3.0/24'::cidr, 8), set_masklen('1.2.3.4/24'::inet, -1);
SELECT set_masklen('1.2.3.4/8'::inet, 40);
SELECT inet_same_family('1.2.3.4', '::1'), inet_merge('1.2.3.4/24', '1.2.5.4/30');
SELECT inet_merge('1.2.3.4', '::1');
-- operators
SELECT '1.2.3.4'::inet << '1.2.0.0/16', '1.2.0.0/16'::inet << '1.2.0.0/16', '1.2.0.0/16'::inet <<= '1.2.0.0/16',
       '1.2.0.0/16'::inet >> '1.2.3.4', '1.2.0.0/16'::inet >>= '1.2.0.0/16', '1.2.0.0/16'::inet && '1.0.0.0/8',
       '::1'::inet && '1.0.0.0/8';
SELECT ~ '10.0.0.0/8'::cidr, '1.2.3.4/24'::inet & '0.0.255.255/16'::inet, '1.2.3.4'::inet | '0.0.0.255'::inet,
       '1.2.3.4/24'::inet - 2, '1.2.3.4'::inet + 300, 3::int8 + '1.2.3.4'::inet, '1.2.3.4'::inet - '1.2.2.255'::inet;
SELECT '255.255.255.255'::inet + 1;
SELECT '1.2.3.4'::inet & '::1'::inet;
SELECT '1.2.3.4'::inet - '::1'::inet;
-- casts
SELECT '1.2.3.4'::inet::text, '10.0.0.0/8'::cidr::text, '1.2.3.4'::inet::varchar, '1.2.3.4/24'::inet::cidr,
       cidr('1.2.3.4/24'::inet), '10.0.0.0/8'::cidr::inet, pg_typeof('1.2.3.4'::cidr + 1);
-- tables, order, indexes
CREATE TABLE inet_tbl (c cidr, i inet);
INSERT INTO inet_tbl VALUES ('192.168.1', '192.168.1.226/24'), ('192.168.1', '192.168.1.226'),
  ('192.168.1', '192.168.1.0/24'), ('192.168.1', '192.168.1.0/25'), ('10', '10.1.2.3/8'), ('10.0.0.0', '10.1.2.3/8'),
  ('10.1.2', '10.1.2.3/24'), ('10.1.2.3', '10.1.2.3/32'), ('10', '11.1.2.3/8'), ('10', '9.1.2.3/8'),
  ('10:23::f1', '10:23::f1/64'), ('10:23::8000/113', '10:23::ffff'), ('::ffff:1.2.3.4', '::4.3.2.1/24'), (NULL, NULL);
SELECT c, i FROM inet_tbl ORDER BY i, c;
SELECT c AS cidr, i AS inet FROM inet_tbl WHERE c = i ORDER BY 1, 2;
SELECT i, c, i < c AS lt, i <= c AS le, i = c AS eq, i >= c AS ge, i > c AS gt, i <> c AS ne, i << c AS sb,
       i <<= c AS sbe, i >> c AS sup, i >>= c AS spe, i && c AS ovr FROM inet_tbl ORDER BY i, c;
CREATE INDEX inet_idx ON inet_tbl (i);
SET enable_seqscan = off;
SELECT i FROM inet_tbl WHERE i << '192.168.1.0/24'::cidr ORDER BY i;
SELECT i FROM inet_tbl WHERE i > '10.1.2.3/24' AND i < '192.168.1.226' ORDER BY i;
RESET enable_seqscan;
SELECT max(i), min(c), count(DISTINCT i) FROM inet_tbl;
CREATE TABLE inet_uniq (ip inet PRIMARY KEY, seen int);
INSERT INTO inet_uniq VALUES ('10.0.0.1', 1), ('10.0.0.1/8', 2), ('::1', 3);
INSERT INTO inet_uniq VALUES ('10.0.0.1/32', 4);
COPY inet_uniq FROM stdin;
192.168.0.1/16	5
2001:db8::1	6
\.
COPY inet_uniq TO stdout;
COPY inet_uniq TO stdout WITH (FORMAT csv);
SELECT ARRAY['1.2.3.4', '::1/64']::inet[], '{10.0.0.0/8}'::cidr[];
\d inet_tbl
DROP TABLE inet_tbl, inet_uniq;

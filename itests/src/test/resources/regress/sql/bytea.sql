--
-- BYTEA
--
SELECT '\x'::bytea, '\xdeadbeef'::bytea, '\xDEADBEEF'::bytea, 'abc'::bytea, '\000\001'::bytea;
SELECT '\x1'::bytea;
SELECT '\xzz'::bytea;
SELECT 'a\b'::bytea;
SELECT '\\'::bytea, E'\\\\'::bytea;
SELECT '\x01'::bytea < '\x02'::bytea AS t, '\xab'::bytea = '\xAB'::bytea AS t2;
SELECT length('\xdeadbeef'::bytea), octet_length('abc'::bytea);
SELECT md5('abc'::bytea), sha256('abc'::bytea);
SELECT encode('\x00ff'::bytea, 'hex'), encode('hello'::bytea, 'base64'), decode('aGVsbG8=', 'base64');
SELECT get_byte('\x0102'::bytea, 1), set_byte('\x0102'::bytea, 0, 255);
SELECT '\xdeadbeef'::bytea, 'abc\000def'::bytea, '\x7f80ff'::bytea;
SELECT encode('\x5c00ff41'::bytea, 'escape'), encode(''::bytea, 'base64'), encode(decode('414243', 'hex'), 'escape');
SELECT encode(repeat('x', 60)::bytea, 'base64');
SELECT encode('\x00'::bytea, 'nosuch');
SELECT decode('41 42', 'hex'), decode('', 'hex');
SELECT decode('4', 'hex');
SELECT decode('4g', 'hex');
SELECT get_byte('\x0102'::bytea, 2);
SELECT get_byte('\x0102'::bytea, -1);
SELECT set_byte('\x01'::bytea, 0, 256), set_byte('\x01'::bytea, 0, -1);
SELECT sha224('abc'::bytea), sha512(''::bytea);
SELECT length(''::bytea), md5(''::bytea);
-- bytea || bytea, substring, conversions, and the escape output format
SELECT '\x01'::bytea || '\x02'::bytea AS concat;
SELECT substring('\x010203'::bytea from 2 for 1);
SELECT convert_to('héllo', 'UTF8');
SELECT convert_from('\x68c3a96c6c6f', 'UTF8');
SET bytea_output = 'escape';
SELECT '\xdeadbeef'::bytea, 'abc\000def'::bytea, '\x7f80ff'::bytea, '\x5c20'::bytea;
RESET bytea_output;
SELECT '\x01'::bytea || '\x0203', substr('\x010203'::bytea, 3), substring('\x010203'::bytea from 0 for 2);
SELECT substr('\x0102'::bytea, 1, -1);
SELECT convert_from('\xff', 'UTF8');
SELECT convert_from('\x41c328', 'UTF8');
SELECT convert_from('\x4100', 'UTF8');
SELECT convert_from('\xe282', 'UTF8');
SELECT convert_to('abc', 'utf-8'), convert_from('abc'::bytea, 'Utf8');
SET bytea_output = 'escape';
SELECT '\x00015c7e7f20'::bytea, ''::bytea, 'plain text'::bytea;
SHOW bytea_output;

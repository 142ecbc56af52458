--
-- BYTEA
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT length('\xdeadbeef'::bytea), octet_length('abc'::bytea);
SELECT '\x01'::bytea || '\x02'::bytea AS concat;
SELECT md5('abc'::bytea), sha256('abc'::bytea);
SELECT encode('\x00ff'::bytea, 'hex'), encode('hello'::bytea, 'base64'), decode('aGVsbG8=', 'base64');
SELECT get_byte('\x0102'::bytea, 1), set_byte('\x0102'::bytea, 0, 255);
SELECT substring('\x010203'::bytea from 2 for 1);
SELECT convert_to('héllo', 'UTF8'), convert_from('\x68c3a96c6c6f', 'UTF8');
SET bytea_output = 'escape';
SELECT '\xdeadbeef'::bytea, 'abc\000def'::bytea, '\x7f80ff'::bytea;
RESET bytea_output;

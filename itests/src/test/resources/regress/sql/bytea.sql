--
-- BYTEA
--
SELECT '\x'::bytea, '\xdeadbeef'::bytea, '\xDEADBEEF'::bytea, 'abc'::bytea, '\000\001'::bytea;
SELECT '\x1'::bytea;
SELECT '\xzz'::bytea;
SELECT 'a\b'::bytea;
SELECT '\\'::bytea, E'\\\\'::bytea;
SELECT '\x01'::bytea < '\x02'::bytea AS t, '\xab'::bytea = '\xAB'::bytea AS t2;

--
-- BIT and BIT VARYING
--
SELECT B'1010', X'1F', B'', pg_typeof(B'1'), B'101'::bit, B'101'::bit(5), B'10101'::bit(3), B'101'::varbit(2);
SELECT '101'::bit(4), '10101'::varbit(3), '101'::varbit, 'x'::bit varying, length(''::varbit);
SELECT '1012'::bit(4);
SELECT X'1G';
SELECT B'1'::bit(0);
-- operators
SELECT B'1010' & B'1100', B'1010' | B'1100', B'1010' # B'1100', ~B'1010', B'1010' << 1, B'1010' >> 2, B'1010' << -1;
SELECT B'10' || B'011', pg_typeof(B'10' || B'011'), B'1' || '10';
SELECT B'1010' & B'101';
SELECT B'11' # B'1';
SELECT B'1' < B'10', B'01' < B'1', B'11'::bit(4) = B'1100', B'1010'::varbit = B'1010', B'0' <> B'00';
-- functions
SELECT length(B'10101'), bit_length(B'10101'), octet_length(B'101010101'), position(B'01' IN B'1101'),
       position(B'' IN B'1'), substring(B'110101' FROM 2 FOR 3), substring(B'1101' FROM 3),
       substring(B'1101' FROM 0 FOR 2);
SELECT overlay(B'11111' PLACING B'00' FROM 2 FOR 3), overlay(B'1111' PLACING B'000' FROM 3), get_bit(B'0100', 1),
       set_bit(B'0000', 2, 1), bit_count(B'10111');
SELECT get_bit(B'0100', 5);
SELECT set_bit(B'0000', 4, 1);
SELECT set_bit(B'01', 0, 2);
SELECT substring(B'1101' FROM 2 FOR -1);
-- integer casts
SELECT 5::bit(4), (-1)::bit(40), 5::int8::bit(3), B'0101'::int4, (-5)::bit(8), 5::bit, 300::bit(4), B'0101'::int8;
SELECT B'1111111111111111111111111111111111'::int4;
-- tables
CREATE TABLE bit_tbl (a bit(4), b varbit(3));
INSERT INTO bit_tbl VALUES (B'101');
INSERT INTO bit_tbl (b) VALUES (B'1011');
INSERT INTO bit_tbl VALUES (B'1010', B'1'), (B'0001', B'10'), ('1111', ''), (B'0000', B'01'), (X'4', B'100');
SELECT a, b, a & B'0110' AS masked, b || a AS cat FROM bit_tbl ORDER BY a;
CREATE UNIQUE INDEX bit_tbl_b ON bit_tbl (b);
SET enable_seqscan = off;
SELECT b FROM bit_tbl WHERE b >= B'' ORDER BY b;
SELECT b FROM bit_tbl WHERE b = B'10';
RESET enable_seqscan;
INSERT INTO bit_tbl VALUES (B'0110', B'10');
COPY bit_tbl TO stdout;
COPY bit_tbl FROM stdin;
0111	111
\.
SELECT count(*), count(DISTINCT a) FROM bit_tbl;
\d bit_tbl
-- bare bit means bit(1), so a bit without a length is written quoted
CREATE VIEW bit_view AS SELECT a & B'0011' AS f, B'01' AS c FROM bit_tbl;
SELECT pg_get_viewdef('bit_view'::regclass);
SELECT format_type(1560, -1), format_type(1560, NULL), format_type(1560, 4), format_type(1562, 8);
DROP VIEW bit_view;
DROP TABLE bit_tbl;

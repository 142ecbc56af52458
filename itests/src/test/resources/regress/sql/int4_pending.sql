--
-- INT4
-- Arithmetic, overflow, division and input of integer.
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT -2147483648 AS min_literal, pg_typeof(-2147483648) AS min_type;
SELECT pg_typeof(2147483648) AS bigger;
SELECT 5 & 3 AS band, 5 | 3 AS bor, 5 # 3 AS bxor, ~5 AS bnot, 1 << 4 AS shl, 256 >> 4 AS shr;
SELECT gcd(12, 18), lcm(4, 6);
SELECT 1::int4 + 1::int2 AS mixed, pg_typeof(1::int4 + 1::int2);
SELECT 0x1F, 0o17, 0b101;

--
-- FLOAT4
--
SELECT float4 '0.0', float4 '1004.30', float4 '-34.84', float4 '1.2345678901234e+20', float4 '1.2345678901234e-20';
SELECT float4 '10e70';
SELECT float4 '-10e70';
SELECT float4 '10e-70';
SELECT float4 'xyz';
SELECT float4 '';
SELECT float4 'NaN', float4 'Infinity', float4 '-Infinity';
SELECT 0.1::float4, 0.1::float4::float8, 1::float4 / 3::float4;
SELECT 1.5::float4 + 1::float8 AS mixed;
SELECT 3e38::float4 * 10::float4;
SELECT 1::float4 / 0::float4;
SELECT 1e39::float8::float4;
SELECT 1e-50::float8::float4;
SELECT 16777217::int4::float4, 123.456::float4::numeric;
SELECT abs(-1.25::float4), -(1.25::float4);
SELECT 1.5::float4 + 1::float4;
SELECT pg_typeof(1.5::float4 + 1::float4);

--
-- DATE, TIME, TIMESTAMP, TIMESTAMPTZ
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, MDY';
SELECT date '2024-02-29', date '1999-01-08', date 'January 8, 1999', date '1/8/1999';
SELECT date '2023-02-29';
SELECT date '2024-01-31' + interval '1 month' AS month_later;
SELECT date 'infinity', date '-infinity', date 'infinity' > date '2024-01-01' AS t;
SELECT timestamp '2024-01-02 03:04:05' + interval '1 day 2 hours', timestamp '2024-03-01' - timestamp '2024-02-01';
SELECT timestamp '2024-01-31' + interval '1 month', timestamp '2024-02-29' - interval '1 year';
SELECT extract(year from timestamp '2024-05-06 07:08:09.5'), extract(month from date '2024-05-06'), extract(day from date '2024-05-06');
SELECT extract(hour from time '07:08:09'), extract(minute from timestamp '2024-05-06 07:08:09'), extract(second from timestamp '2024-05-06 07:08:09.5');
SELECT extract(dow from date '2024-05-06'), extract(doy from date '2024-05-06'), extract(epoch from timestamptz '2024-01-01 00:00:00+00');
SELECT extract(epoch from interval '1 day'), extract(century from date '2024-01-01'), extract(quarter from date '2024-05-06');
SELECT date_part('year', date '2024-05-06'), date_part('epoch', timestamp '1970-01-02');
SELECT date_trunc('month', timestamp '2024-05-06 07:08:09'), date_trunc('hour', timestamp '2024-05-06 07:08:09'), date_trunc('year', timestamptz '2024-05-06 07:08:09+00');
SELECT date_trunc('fortnight', timestamp '2024-05-06');
SELECT '2024-05-06'::date::timestamp, '2024-05-06 12:00'::timestamp::date, '2024-05-06 12:30'::timestamp::time;
SELECT make_date(2024, 2, 29), make_time(1, 2, 3.5), make_timestamp(2024, 1, 2, 3, 4, 5.25);
SELECT make_date(2023, 2, 29);
SELECT to_char(timestamp '2024-05-06 07:08:09', 'YYYY-MM-DD HH24:MI:SS');
SELECT age(timestamp '2024-05-06', timestamp '2023-01-01');
SELECT isfinite(date 'infinity'), isfinite(date '2024-01-01');
SET DateStyle = 'Postgres, MDY';
SELECT timestamp '2024-01-02 03:04:05', date '2024-01-02';
SET DateStyle = 'SQL, DMY';
SELECT timestamp '2024-01-02 03:04:05', date '02/01/2024';
SET DateStyle = 'German';
SELECT timestamp '2024-01-02 03:04:05', date '2024-01-02';
RESET DateStyle;
SET TimeZone = '+05:30';
SHOW TimeZone;
SELECT timestamptz '2024-01-02 03:04:05+00';

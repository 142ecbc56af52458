--
-- DATE, TIME, TIMESTAMP, TIMESTAMPTZ
--
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, MDY';
SELECT date 'not a date';
SELECT date '2024-01-01' + 30 AS plus_days, date '2024-03-01' - 1 AS minus_day, date '2024-03-01' - date '2024-01-01' AS days;
SELECT date '0001-01-01 BC', date '4713-11-24 BC';
SELECT time '12:34:56', time '23:59:59.999999', time '1:02', time '24:00:00';
SELECT time '25:00';
SELECT timestamp '2024-01-02 03:04:05', timestamp '2024-01-02 03:04:05.123456', timestamp '2024-01-02';
SELECT timestamp '2024-01-02 03:04:05.1234567' AS rounded;
SELECT timestamptz '2024-01-02 03:04:05+02', timestamptz '2024-07-01 12:00:00 America/New_York';
SELECT timestamp '2024-01-01' < timestamp '2024-01-02' AS t, date '2024-01-01' = timestamp '2024-01-01' AS t2;
SELECT '2024-05-06 12:00:00+00'::timestamptz::date;
SELECT timestamp '2024-01-02 03:04:05', date '2024-01-02';
RESET DateStyle;
SHOW DateStyle;
SET TimeZone = 'America/New_York';
SELECT timestamptz '2024-01-02 03:04:05+00', timestamptz '2024-07-02 03:04:05+00';
SHOW TimeZone;
SELECT timestamptz '2024-01-02 03:04:05+00';
SET TimeZone = 'Nowhere/Special';
SELECT date '2024-02-29';
SELECT date '1999-01-08';
SELECT '2024-05-06'::date::timestamp;
SELECT '2024-05-06 12:00'::timestamp::date;
SELECT date '2024-01-31' + interval '1 month' AS month_later;
SELECT timestamp '2024-01-02 03:04:05' + interval '1 day 2 hours';
SELECT timestamp '2024-03-01' - timestamp '2024-02-01';
SELECT timestamp '2024-01-31' + interval '1 month';
SELECT timestamp '2024-02-29' - interval '1 year';

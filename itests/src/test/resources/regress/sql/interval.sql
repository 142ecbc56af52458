--
-- INTERVAL
--
SELECT interval '1 day', interval '2 hours 30 minutes', interval '1 year 2 months', interval '-1 day +2 hours';
SELECT interval '1.5 days', interval '36 hours', interval '1 week', interval '1 decade', interval '90 seconds';
SELECT interval 'not an interval';
SELECT interval '2 hours' < interval '1 day' AS t, interval '24 hours' = interval '1 day' AS t2;
SELECT '1 day'::interval::text, '10:00'::interval;
SELECT interval '178000000 years';
SELECT interval '1:02:03';
SELECT interval '1 day 1:02:03.5';
SELECT interval '@ 1 minute ago';
SELECT interval '0';
SELECT interval '1 month' = interval '30 days' AS t;
-- multiplication and division cascade fractional months into days (30 a month) and days into time
SELECT interval '1 month' * 0.5, interval '1 month' * 1.5, interval '1 day' * 0.3, interval '1 mon 1 day 1 hour' * 2.7;
SELECT interval '1 month' / 7, interval '1 year' / 3, interval '1 day' / 7, interval '25 hours' / 2, interval '3 mons 7 days' / 0.3;
SELECT interval '1 day 2:03:04.5' * -1.25, interval '-1 month' * 0.1, interval '1 month' * 1e10;
SELECT interval '1 day 2:03:04.5' * -1.25, interval '-1 month' * 0.1;
SELECT interval '1 month' * 1e10;
SELECT interval '1 day 1 second' * 1e-7, interval '7 days' / 3e5;
SELECT interval '2147483647 days' + interval '1 day';
SELECT interval '1 day' * 'NaN'::float8;
SELECT -interval '-2147483648 days';
-- timestamps move by months (clamped to the month's end), then days, then time
SET TimeZone = 'UTC';
SELECT timestamp '2024-01-31 10:00' + interval '1 month 1 day 1 hour', timestamp '2024-03-31' - interval '1 month', date '2024-02-29' + interval '1 year';
SELECT timestamptz '2024-01-31 10:00+00' + interval '1 month', timestamptz '2024-05-06 12:00+00' - timestamptz '2024-01-01 00:00+00';
-- across a DST change a day is not 24 hours
SET TimeZone = 'America/New_York';
SELECT timestamptz '2024-03-09 12:00' + interval '1 day', timestamptz '2024-03-09 12:00' + interval '24 hours';
SELECT timestamp '2024-01-01 00:00' - timestamp '2024-01-02 01:00', timestamp '2024-01-02 01:00' - timestamp '2024-01-01 02:00';
SELECT timestamp '294276-12-31 23:00' + interval '2 hours';
SELECT interval '1 day' + date '2024-01-01', interval '1 hour' + timestamp '2024-01-01';
RESET TimeZone;
SELECT interval '1 day' + interval '2 hours';
SELECT interval '1 day' - interval '25 hours';
SELECT interval '1 hour' * 2.5;
SELECT interval '1 day' / 3;
SELECT -interval '1 day 2 hours';
SELECT interval '1 day' / 0;

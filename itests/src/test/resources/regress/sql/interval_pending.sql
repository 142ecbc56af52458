--
-- INTERVAL
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT interval '1:02:03', interval '1 day 1:02:03.5', interval 'P1Y2M3DT4H5M6S', interval '@ 1 minute ago';
SELECT interval '1 day' + interval '2 hours', interval '1 day' - interval '25 hours', interval '1 hour' * 2.5, interval '1 day' / 3;
SELECT -interval '1 day 2 hours', interval '0', interval '1 month' = interval '30 days' AS t;
SELECT interval '1 day' / 0;
SELECT justify_hours(interval '27 hours'), justify_days(interval '35 days'), justify_interval(interval '1 month -1 hour');
SELECT extract(hour from interval '5 hours 30 minutes'), extract(day from interval '3 days'), extract(month from interval '14 months');
SELECT interval '1' year, interval '2' hour, interval '1-2' year to month;
SELECT make_interval(days => 10), make_interval(1, 2, 3, 4, 5, 6, 7.5);
SET IntervalStyle = 'postgres_verbose';
SELECT interval '1 day 2 hours 3 minutes', interval '-1 year';
SET IntervalStyle = 'sql_standard';
SELECT interval '1 day 2 hours 3 minutes', interval '1 year 2 months';
SET IntervalStyle = 'iso_8601';
SELECT interval '1 day 2 hours 3 minutes', interval '1 year 2 months 0.5 seconds';
RESET IntervalStyle;

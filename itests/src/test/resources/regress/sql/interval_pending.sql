--
-- INTERVAL
--
-- Pending: statements whose output on Tusk still differs from PostgreSQL 15.
SELECT interval 'P1Y2M3DT4H5M6S';
SELECT justify_hours(interval '27 hours');
SELECT justify_days(interval '35 days');
SELECT justify_interval(interval '1 month -1 hour');
SELECT extract(hour from interval '5 hours 30 minutes');
SELECT extract(day from interval '3 days');
SELECT extract(month from interval '14 months');
SELECT interval '1' year;
SELECT interval '2' hour;
SELECT interval '1-2' year to month;
SELECT make_interval(days => 10);
SELECT make_interval(1, 2, 3, 4, 5, 6, 7.5);
SET IntervalStyle = 'postgres_verbose';
SELECT interval '1 day 2 hours 3 minutes', interval '-1 year';
SET IntervalStyle = 'sql_standard';
SELECT interval '1 day 2 hours 3 minutes', interval '1 year 2 months';
SET IntervalStyle = 'iso_8601';
SELECT interval '1 day 2 hours 3 minutes', interval '1 year 2 months 0.5 seconds';
RESET IntervalStyle;

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

--
-- ANALYZE's per-column statistics as pg_stats shows them. The tables are smaller than ANALYZE's sample
-- (300 x default_statistics_target rows), so every row is read and the numbers are deterministic.
--
CREATE TABLE an_ints (u int, m int, s int, n int, z int, r bigint, h int);
INSERT INTO an_ints SELECT i, i % 7, CASE WHEN i <= 500 THEN 1 WHEN i <= 700 THEN 2 ELSE i END,
  CASE WHEN i % 4 = 0 THEN NULL ELSE i % 50 END, NULL::int, 1001 - i, CASE WHEN i % 2 = 0 THEN i ELSE i % 10 END
  FROM generate_series(1, 1000) AS g(i);
ANALYZE an_ints;
SELECT attname, inherited, null_frac, avg_width, n_distinct, most_common_vals, most_common_freqs, correlation
  FROM pg_stats WHERE tablename = 'an_ints' ORDER BY attname;
SELECT attname, histogram_bounds FROM pg_stats WHERE tablename = 'an_ints' ORDER BY attname;
SELECT attname, most_common_elems, most_common_elem_freqs, elem_count_histogram FROM pg_stats
  WHERE tablename = 'an_ints' AND attname = 'u';
-- the slots: kind, operator and collation as analyze.c fills them
SELECT staattnum, stakind1, stakind2, stakind3, stakind4, staop1, staop2, staop3, stacoll1, stacoll2, stacoll3
  FROM pg_statistic WHERE starelid = 'an_ints'::regclass ORDER BY staattnum;

CREATE TABLE an_types (t text, v varchar(20), c char(4), num numeric, f float8, d date, ts timestamp, b bool,
  by bytea);
INSERT INTO an_types SELECT 'word ' || (i % 13), 'v' || (i * 7 % 40), (i % 5)::text, i / 8.0, i / 3.0,
  date '2024-01-01' + i % 45, timestamp '2024-03-01 10:00' + i * interval '37 minutes', i % 3 = 0,
  decode(lpad(to_hex(i % 6), 2, '0'), 'hex')
  FROM generate_series(1, 400) AS g(i);
INSERT INTO an_types VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  ('a much longer text value that is still short', 'x', 'y', 12345678.5, -1e10, '1999-12-31', '2000-01-01', true,
  '\x00');
ANALYZE an_types;
SELECT attname, null_frac, avg_width, n_distinct, most_common_vals, most_common_freqs, correlation
  FROM pg_stats WHERE tablename = 'an_types' ORDER BY attname;
SELECT attname, histogram_bounds FROM pg_stats WHERE tablename = 'an_types' ORDER BY attname;
SELECT staattnum, stakind1, staop1, stacoll1, stakind2, staop2, stacoll2
  FROM pg_statistic WHERE starelid = 'an_types'::regclass ORDER BY staattnum;

-- a column list analyzes only those columns; a second ANALYZE replaces the rows
CREATE TABLE an_part (a int, b int, c text);
INSERT INTO an_part SELECT i % 3, i, 'x' FROM generate_series(1, 30) AS g(i);
ANALYZE an_part (b, a);
SELECT attname, n_distinct, most_common_vals FROM pg_stats WHERE tablename = 'an_part' ORDER BY attname;
DELETE FROM an_part WHERE a = 0;
ANALYZE an_part;
SELECT attname, n_distinct, most_common_vals, most_common_freqs FROM pg_stats WHERE tablename = 'an_part'
  ORDER BY attname;
SELECT count(*) FROM pg_statistic WHERE starelid = 'an_part'::regclass;
ANALYZE an_part (nosuch);
ANALYZE an_part (a, b, a);
ANALYZE an_nosuch;

-- default_statistics_target bounds the lists: 10 most common values, 11 histogram bounds
SET default_statistics_target = 10;
CREATE TABLE an_target (a int, b int);
INSERT INTO an_target SELECT i, i % 20 FROM generate_series(1, 200) AS g(i);
ANALYZE an_target;
SELECT attname, n_distinct, most_common_vals, most_common_freqs, histogram_bounds, correlation
  FROM pg_stats WHERE tablename = 'an_target' ORDER BY attname;
RESET default_statistics_target;
SHOW default_statistics_target;

-- VACUUM ANALYZE gathers them too; an empty table gets none
CREATE TABLE an_vac (a int);
INSERT INTO an_vac SELECT i % 4 FROM generate_series(1, 100) AS g(i);
VACUUM ANALYZE an_vac;
SELECT attname, null_frac, n_distinct, most_common_vals, most_common_freqs FROM pg_stats WHERE tablename = 'an_vac';
CREATE TABLE an_empty (a int);
ANALYZE an_empty;
SELECT count(*) FROM pg_stats WHERE tablename = 'an_empty';
DROP TABLE an_ints, an_types, an_part, an_target, an_vac, an_empty;

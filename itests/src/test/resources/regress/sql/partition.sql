--
-- PARTITION
-- Declarative partitioning: RANGE, LIST and HASH partitioned tables, their catalogs, tuple routing,
-- partition constraints, pruning, UPDATE moving rows, ATTACH/DETACH, psql's \d and DROP.
--
CREATE TABLE meas (logdate date NOT NULL, peak int, unit text DEFAULT 'C') PARTITION BY RANGE (logdate);
CREATE TABLE meas_jan PARTITION OF meas FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
CREATE TABLE meas_feb PARTITION OF meas FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
CREATE TABLE meas_bad PARTITION OF meas FOR VALUES FROM ('2024-02-15') TO ('2024-04-01');
CREATE TABLE meas_bad PARTITION OF meas FOR VALUES FROM ('2023-12-15') TO ('2024-01-15');
CREATE TABLE meas_bad PARTITION OF meas FOR VALUES FROM ('2024-05-01') TO ('2024-04-01');
CREATE TABLE meas_bad PARTITION OF meas FOR VALUES IN ('2024-05-01');
CREATE TABLE meas_bad PARTITION OF meas FOR VALUES FROM (1) TO (2);
CREATE TABLE meas_bad PARTITION OF meas FOR VALUES FROM (NULL) TO ('2024-04-01');
CREATE TABLE meas_bad PARTITION OF meas FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE meas_bad PARTITION OF nosuch FOR VALUES FROM (1) TO (2);
CREATE TABLE meas_bad (a int) PARTITION BY RANGE (nosuch);
CREATE TABLE meas_bad (a int, b int) PARTITION BY LIST (a, b);
CREATE TABLE meas_bad (a int, b int, PRIMARY KEY (b)) PARTITION BY RANGE (a);
CREATE TABLE plain (a int);
CREATE TABLE meas_bad PARTITION OF plain FOR VALUES FROM (1) TO (2);
DROP TABLE plain;
SELECT relname, relkind, relispartition, pg_get_expr(relpartbound, oid) AS bound
  FROM pg_class WHERE relname LIKE 'meas%' ORDER BY relname;
SELECT partrelid::regclass, partstrat, partnatts, partdefid::regclass, partattrs, partclass, partcollation, partexprs
  FROM pg_partitioned_table WHERE partrelid = 'meas'::regclass;
SELECT inhrelid::regclass, inhparent::regclass, inhseqno, inhdetachpending
  FROM pg_inherits WHERE inhparent = 'meas'::regclass ORDER BY 1::text;
SELECT pg_get_partkeydef('meas'::regclass), pg_get_partkeydef('meas_jan'::regclass);
SELECT pg_get_partition_constraintdef('meas_jan'::regclass);
SELECT * FROM pg_partition_ancestors('meas_feb');
-- tuple routing
INSERT INTO meas VALUES ('2024-01-05', 10), ('2024-02-05', 20), ('2024-01-31', 30);
INSERT INTO meas VALUES ('2025-01-05', 1);
INSERT INTO meas VALUES (NULL, 1);
INSERT INTO meas_jan VALUES ('2024-02-05', 2);
INSERT INTO meas_jan VALUES ('2024-01-07', 40) RETURNING *;
COPY meas FROM STDIN;
2024-02-10	50	F
2024-01-20	60	C
\.
SELECT * FROM meas ORDER BY logdate;
SELECT * FROM meas_jan ORDER BY logdate;
SELECT * FROM meas_feb ORDER BY logdate;
SELECT count(*), sum(peak) FROM meas;
SELECT * FROM meas WHERE logdate >= '2024-02-01';
SELECT tableoid::regclass, * FROM meas ORDER BY logdate;
SELECT tableoid::regclass::text AS part, count(*) FROM meas GROUP BY 1 ORDER BY 1;
SELECT tableoid::regclass, peak FROM meas WHERE logdate >= '2024-02-01' ORDER BY peak;
SELECT * FROM meas WHERE logdate = '2024-01-20';
EXPLAIN (COSTS OFF) SELECT * FROM meas;
EXPLAIN (COSTS OFF) SELECT * FROM meas WHERE logdate >= '2024-02-01';
EXPLAIN (COSTS OFF) SELECT * FROM meas WHERE logdate < '2024-02-01' AND peak > 10;
EXPLAIN (COSTS OFF) SELECT * FROM meas WHERE logdate = '2024-06-01';
-- UPDATE and DELETE through the partitioned table; an UPDATE may move a row to another partition
UPDATE meas SET peak = peak + 1 WHERE peak >= 40;
UPDATE meas SET logdate = '2024-02-20' WHERE peak = 10 RETURNING *;
UPDATE meas SET logdate = '2030-01-01' WHERE peak = 20;
UPDATE meas_jan SET logdate = '2024-02-21' WHERE peak = 30;
SELECT * FROM meas_jan ORDER BY logdate;
SELECT * FROM meas_feb ORDER BY logdate;
DELETE FROM meas WHERE peak > 50 RETURNING logdate, peak;
DELETE FROM meas m WHERE m.unit = 'F';
SELECT * FROM meas ORDER BY logdate;
-- psql
\d meas
\d+ meas
\d meas_jan
\d+ meas_jan
-- ATTACH and DETACH
CREATE TABLE meas_mar (logdate date NOT NULL, peak int, unit text DEFAULT 'C');
INSERT INTO meas_mar VALUES ('2024-04-02', 1);
ALTER TABLE meas ATTACH PARTITION meas_mar FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');
DELETE FROM meas_mar;
INSERT INTO meas_mar VALUES ('2024-03-02', 70);
ALTER TABLE meas ATTACH PARTITION meas_mar FOR VALUES FROM ('2024-02-15') TO ('2024-04-01');
ALTER TABLE meas ATTACH PARTITION meas_mar FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');
SELECT * FROM meas ORDER BY logdate;
ALTER TABLE meas DETACH PARTITION meas_feb;
SELECT relname, relispartition, pg_get_expr(relpartbound, oid) AS bound
  FROM pg_class WHERE relname LIKE 'meas%' ORDER BY relname;
SELECT * FROM meas ORDER BY logdate;
INSERT INTO meas VALUES ('2024-02-03', 80);
-- LIST with NULL and a default partition
CREATE TABLE cities (name text, region text) PARTITION BY LIST (region);
CREATE TABLE cities_ab PARTITION OF cities FOR VALUES IN ('a', 'b');
CREATE TABLE cities_c PARTITION OF cities FOR VALUES IN ('c', NULL);
CREATE TABLE cities_bad PARTITION OF cities FOR VALUES IN ('x', 'b');
CREATE TABLE cities_bad PARTITION OF cities FOR VALUES FROM ('a') TO ('b');
INSERT INTO cities VALUES ('one', 'a'), ('two', 'c'), ('three', NULL);
INSERT INTO cities VALUES ('four', 'z');
CREATE TABLE cities_other PARTITION OF cities DEFAULT;
CREATE TABLE cities_bad PARTITION OF cities DEFAULT;
INSERT INTO cities VALUES ('four', 'z'), ('five', 'b');
CREATE TABLE cities_z PARTITION OF cities FOR VALUES IN ('z');
SELECT tableoid::regclass, * FROM cities ORDER BY name;
SELECT * FROM cities_ab ORDER BY name;
SELECT * FROM cities_c ORDER BY name;
SELECT * FROM cities_other ORDER BY name;
SELECT pg_get_partition_constraintdef('cities_ab'::regclass), pg_get_partition_constraintdef('cities_c'::regclass);
SELECT pg_get_partition_constraintdef('cities_other'::regclass);
SELECT partdefid::regclass FROM pg_partitioned_table WHERE partrelid = 'cities'::regclass;
EXPLAIN (COSTS OFF) SELECT * FROM cities WHERE region = 'c';
EXPLAIN (COSTS OFF) SELECT * FROM cities WHERE region = 'q';
\d+ cities
DROP TABLE cities_other;
SELECT partdefid FROM pg_partitioned_table WHERE partrelid = 'cities'::regclass;
-- HASH
CREATE TABLE hashed (id int, t text) PARTITION BY HASH (id);
CREATE TABLE hashed0 PARTITION OF hashed FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE hashed1 PARTITION OF hashed FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE hashed3 PARTITION OF hashed FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE TABLE hashed_bad PARTITION OF hashed FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE hashed_bad PARTITION OF hashed FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE hashed_bad PARTITION OF hashed FOR VALUES WITH (MODULUS 4, REMAINDER 4);
CREATE TABLE hashed_bad PARTITION OF hashed DEFAULT;
INSERT INTO hashed SELECT g, 'v' || g FROM generate_series(1, 12) g;
SELECT * FROM hashed0 ORDER BY id;
SELECT * FROM hashed1 ORDER BY id;
SELECT * FROM hashed3 ORDER BY id;
SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'hashed1';
CREATE TABLE hashed_text (k text) PARTITION BY HASH (k);
CREATE TABLE hashed_text0 PARTITION OF hashed_text FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE hashed_text1 PARTITION OF hashed_text FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE hashed_text2 PARTITION OF hashed_text FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO hashed_text VALUES ('a'), ('bb'), ('ccc'), ('hello world'), ('a somewhat longer key value');
SELECT * FROM hashed_text0 ORDER BY k;
SELECT * FROM hashed_text1 ORDER BY k;
SELECT * FROM hashed_text2 ORDER BY k;
-- bounds printed as PostgreSQL prints them
CREATE TABLE nums (a int, b bigint, c numeric) PARTITION BY RANGE (a);
CREATE TABLE nums_low PARTITION OF nums FOR VALUES FROM (MINVALUE) TO (-5);
CREATE TABLE nums_mid PARTITION OF nums FOR VALUES FROM (-5) TO (10);
CREATE TABLE nums_high PARTITION OF nums FOR VALUES FROM (10) TO (MAXVALUE);
CREATE TABLE bigs (b bigint) PARTITION BY RANGE (b);
CREATE TABLE bigs1 PARTITION OF bigs FOR VALUES FROM (1) TO (100);
CREATE TABLE decs (c numeric) PARTITION BY LIST (c);
CREATE TABLE decs1 PARTITION OF decs FOR VALUES IN (1, 2.5);
SELECT relname, pg_get_expr(relpartbound, oid) FROM pg_class
  WHERE relname IN ('nums_low', 'nums_mid', 'nums_high', 'bigs1', 'decs1') ORDER BY relname;
SELECT pg_get_partition_constraintdef('nums_low'::regclass), pg_get_partition_constraintdef('nums_high'::regclass);
INSERT INTO nums VALUES (-100), (0), (100);
SELECT * FROM nums_low;
SELECT * FROM nums_high;
-- a partition that is itself partitioned
CREATE TABLE sales (region text, day int) PARTITION BY LIST (region);
CREATE TABLE sales_eu PARTITION OF sales FOR VALUES IN ('eu') PARTITION BY RANGE (day);
CREATE TABLE sales_eu_1 PARTITION OF sales_eu FOR VALUES FROM (1) TO (16);
CREATE TABLE sales_eu_2 PARTITION OF sales_eu FOR VALUES FROM (16) TO (32);
CREATE TABLE sales_us PARTITION OF sales FOR VALUES IN ('us');
INSERT INTO sales VALUES ('eu', 3), ('eu', 20), ('us', 5);
INSERT INTO sales VALUES ('eu', 40);
SELECT * FROM sales ORDER BY region, day;
SELECT * FROM sales_eu_2;
EXPLAIN (COSTS OFF) SELECT * FROM sales WHERE day = 20;
EXPLAIN (COSTS OFF) SELECT * FROM sales WHERE day < 10 AND region = 'eu';
SELECT * FROM pg_partition_ancestors('sales_eu_1');
-- DROP
DROP TABLE meas_jan;
SELECT relname FROM pg_class WHERE relname LIKE 'meas%' ORDER BY relname;
DROP TABLE meas, meas_feb, cities, hashed, hashed_text, nums, bigs, decs, sales;
SELECT relname FROM pg_class WHERE relname ~ '^(meas|cities|hashed|nums|bigs|decs|sales)' ORDER BY relname;
SELECT count(*) FROM pg_inherits;
SELECT count(*) FROM pg_partitioned_table;
-- ONLY: a partitioned table without its partitions holds no rows
create table only_meas (city int, logdate date not null, peak int) partition by range (logdate);
create table only_meas_2024 partition of only_meas for values from ('2024-01-01') to ('2025-01-01');
create table only_meas_2025 partition of only_meas for values from ('2025-01-01') to ('2026-01-01');
insert into only_meas values (1, '2024-05-01', 10), (2, '2025-02-01', 20);
select * from only only_meas;
select count(*) from only (only_meas);
select * from only_meas order by city;
select * from only only_meas_2024;
explain (costs off) select * from only only_meas;
select m.city from only only_meas m join only_meas_2025 p on p.city = m.city;
drop table only_meas;
create table only_om (a int, b text) partition by list (a);
create table only_om1 partition of only_om for values in (1);
insert into only_om values (1, 'x');
update only only_om set b = 'y';
delete from only only_om;
select * from only_om;
update only only_om1 set b = 'z';
select * from only_om;
delete from only only_om1;
select count(*) from only_om;
drop table only_om;

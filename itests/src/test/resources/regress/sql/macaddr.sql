--
-- MACADDR and MACADDR8
--
SELECT '08:00:2b:01:02:03'::macaddr, '08-00-2b-01-02-03'::macaddr, '08002b:010203'::macaddr,
       '08002b-010203'::macaddr, '0800.2b01.0203'::macaddr, '0800-2b01-0203'::macaddr, '08002b010203'::macaddr;
SELECT '8:0:2B:1:2:3'::macaddr, ' 08:00:2b:01:02:03 '::macaddr;
SELECT '08:00:2b:01:02'::macaddr;
SELECT '08:00-2b:01:02:03'::macaddr;
SELECT '08:00:2b:01:02:03'::macaddr8, '08:00:2b:01:02:03:04:05'::macaddr8, '08-00-2b-01-02-03-04-05'::macaddr8,
       '08002b:0102030405'::macaddr8, '0800.2b01.0203.0405'::macaddr8, '08002b0102030405'::macaddr8;
SELECT 'x'::macaddr8;
SELECT trunc('08:00:2b:01:02:03'::macaddr), trunc('08:00:2b:01:02:03:04:05'::macaddr8),
       ~'08:00:2b:01:02:03'::macaddr, '08:00:2b:01:02:03'::macaddr & 'ff:ff:ff:00:00:00',
       '08:00:2b:01:02:03'::macaddr | '00:00:00:ff:ff:ff', macaddr8_set7bit('08:00:2b:01:02:03:04:05');
SELECT '08:00:2b:01:02:03'::macaddr::macaddr8, '08:00:2b:ff:fe:03:04:05'::macaddr8::macaddr;
SELECT '08:00:2b:01:02:03:04:05'::macaddr8::macaddr;
SELECT '08:00:2b:01:02:03'::macaddr < '08:00:2b:01:02:04', '08:00:2b:01:02:03'::macaddr = '08-00-2b-01-02-03',
       '08:00:2b:01:02:03'::macaddr::text;
CREATE TABLE macaddr_tbl (a macaddr PRIMARY KEY, b macaddr8);
INSERT INTO macaddr_tbl VALUES ('08:00:2b:01:02:03', '08:00:2b:01:02:03'), ('00:00:00:00:00:01', NULL),
  ('ff:ff:ff:ff:ff:ff', 'ff:ff:ff:ff:ff:ff:ff:ff'), ('08:00:2b:01:02:02', '00:00:00:00:00:00:00:00');
INSERT INTO macaddr_tbl VALUES ('08-00-2b-01-02-03', NULL);
SELECT * FROM macaddr_tbl ORDER BY a;
SELECT * FROM macaddr_tbl ORDER BY b DESC NULLS LAST;
COPY macaddr_tbl TO stdout;
\d macaddr_tbl
DROP TABLE macaddr_tbl;

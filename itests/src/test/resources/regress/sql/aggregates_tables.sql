--
-- Aggregates over tables (needs CREATE TABLE and INSERT).
--
CREATE TABLE a_sales (region text, product text, qty int, price numeric(10,2), sold date);
INSERT INTO a_sales VALUES
  ('north', 'apple', 10, 1.50, '2026-01-03'), ('north', 'pear', 5, 2.00, '2026-01-04'),
  ('south', 'apple', 7, 1.40, '2026-02-01'), ('south', 'apple', 3, 1.60, '2026-02-02'),
  ('east', 'plum', NULL, 3.00, '2026-03-01'), (NULL, 'fig', 1, NULL, NULL);
SELECT count(*), count(region), count(DISTINCT product), sum(qty), avg(qty), min(price), max(sold) FROM a_sales;
SELECT region, sum(qty * price) AS revenue FROM a_sales GROUP BY region ORDER BY region NULLS FIRST;
SELECT product, count(*), string_agg(region, ',' ORDER BY region) FROM a_sales GROUP BY product ORDER BY 1;
SELECT region, product, sum(qty) FROM a_sales GROUP BY 1, 2 HAVING sum(qty) > 4 ORDER BY 1, 2;
SELECT DISTINCT region FROM a_sales ORDER BY 1;
SELECT DISTINCT ON (region) region, product, qty FROM a_sales ORDER BY region, qty DESC;
SELECT region, count(*) FILTER (WHERE qty > 5) AS big FROM a_sales GROUP BY region ORDER BY 1;
SELECT avg(price)::numeric(10,3), sum(price) FROM a_sales WHERE region = 'south';
SELECT product, max(qty) FROM a_sales GROUP BY product HAVING count(*) > 1;
SELECT region, qty FROM a_sales GROUP BY region;
DROP TABLE a_sales;

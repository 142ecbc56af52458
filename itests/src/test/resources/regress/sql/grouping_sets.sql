--
-- GROUPING SETS, ROLLUP, CUBE, GROUPING()
--
CREATE TABLE gs (region text, product text, year int, amount numeric);
INSERT INTO gs VALUES ('north', 'apple', 2023, 10), ('north', 'apple', 2024, 12), ('north', 'pear', 2024, 7),
  ('south', 'apple', 2023, 5), ('south', 'pear', 2023, 8), ('south', 'pear', 2024, 9), ('east', NULL, 2024, 1);
SELECT region, product, sum(amount), count(*) FROM gs GROUP BY ROLLUP (region, product)
  ORDER BY region NULLS FIRST, product NULLS FIRST;
SELECT region, product, sum(amount), grouping(region, product) AS g FROM gs GROUP BY CUBE (region, product)
  ORDER BY g, region, product;
SELECT region, year, sum(amount) FROM gs GROUP BY GROUPING SETS ((region), (year), ()) ORDER BY 1, 2;
SELECT region, product, year, count(*) FROM gs GROUP BY region, ROLLUP (product, year) ORDER BY 1, 2, 3;
SELECT year, count(*) FROM gs GROUP BY GROUPING SETS (year, ()) HAVING count(*) > 2 ORDER BY 1;
SELECT grouping(year), year, max(amount) FROM gs GROUP BY ROLLUP (year) ORDER BY 2;
SELECT CASE WHEN grouping(region) = 1 THEN 'all' ELSE region END AS region, sum(amount)
  FROM gs GROUP BY ROLLUP (region) ORDER BY 2 DESC;
SELECT region, product FROM gs GROUP BY GROUPING SETS ((region, product), region) ORDER BY 1, 2;
SELECT count(*) FROM gs GROUP BY ();
SELECT count(*) FROM gs WHERE false GROUP BY ();
SELECT count(*) FROM gs WHERE false GROUP BY ROLLUP (region);
SELECT region, year, sum(amount) FROM gs GROUP BY ROLLUP ((region, year)) ORDER BY 1, 2;
SELECT region, year, count(*) FROM gs GROUP BY CUBE (1, 2) ORDER BY 1, 2;
SELECT region, sum(amount), rank() OVER (ORDER BY sum(amount) DESC) FROM gs GROUP BY ROLLUP (region) ORDER BY 3, 1;
-- errors
SELECT grouping(amount) FROM gs GROUP BY region;
SELECT grouping(region) FROM gs;
SELECT region FROM gs WHERE grouping(region) = 0 GROUP BY region;
SELECT product, count(*) FROM gs GROUP BY ROLLUP (region);
DROP TABLE gs;

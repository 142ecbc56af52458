-- ALTER TYPE ... ADD/DROP/ALTER/RENAME ATTRIBUTE on a composite type.
CREATE TYPE at_pair AS (a int, b text);
ALTER TYPE at_pair ADD ATTRIBUTE c numeric;
ALTER TYPE at_pair RENAME ATTRIBUTE b TO bb;
ALTER TYPE at_pair ALTER ATTRIBUTE a TYPE bigint;
ALTER TYPE at_pair DROP ATTRIBUTE c;
ALTER TYPE at_pair DROP ATTRIBUTE IF EXISTS zz;
ALTER TYPE at_pair DROP ATTRIBUTE zz;
ALTER TYPE at_pair ADD ATTRIBUTE a int;
ALTER TYPE at_pair RENAME ATTRIBUTE zz TO yy;
ALTER TYPE at_pair RENAME ATTRIBUTE a TO bb;
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
  WHERE attrelid = 'at_pair'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum;
SELECT ROW(1, 'x')::at_pair;
SELECT (ROW(5, 'y')::at_pair).bb;
ALTER TYPE nosuch ADD ATTRIBUTE y int;
CREATE TABLE at_t (x int);
ALTER TYPE at_t ADD ATTRIBUTE y int;
DROP TABLE at_t;
DROP TYPE at_pair;

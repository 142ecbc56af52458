--
-- BOOLEAN
-- Three-valued logic, boolean input forms and the IS predicates.
--
SELECT 1 AS one;
SELECT true AS true;
SELECT false AS false;
SELECT bool 't' AS true;
SELECT bool '   f           ' AS false;
SELECT bool 'true' AS true;
SELECT bool 'test' AS error;
SELECT bool 'false' AS false;
SELECT bool 'foo' AS error;
SELECT bool 'y' AS true;
SELECT bool 'yes' AS true;
SELECT bool 'yeah' AS error;
SELECT bool 'n' AS false;
SELECT bool 'no' AS false;
SELECT bool 'nay' AS error;
SELECT bool 'on' AS true;
SELECT bool 'off' AS false;
SELECT bool 'of' AS false;
SELECT bool 'o' AS error;
SELECT bool 'on_' AS error;
SELECT bool 'off_' AS error;
SELECT bool '1' AS true;
SELECT bool '11' AS error;
SELECT bool '0' AS false;
SELECT bool '000' AS error;
SELECT bool '' AS error;
-- and, or, not in qualifications
SELECT bool 't' or bool 'f' AS true;
SELECT bool 't' and bool 'f' AS false;
SELECT not bool 'f' AS true;
SELECT bool 't' = bool 'f' AS false;
SELECT bool 't' <> bool 'f' AS true;
SELECT bool 't' > bool 'f' AS true;
SELECT bool 't' >= bool 'f' AS true;
SELECT bool 'f' < bool 't' AS true;
SELECT bool 'f' <= bool 't' AS true;
-- explicit casts to/from text
SELECT 'TrUe'::text::boolean AS true, 'fAlse'::text::boolean AS false;
SELECT '    true   '::text::boolean AS true,
       '     FALSE'::text::boolean AS false;
SELECT true::boolean::text AS true, false::boolean::text AS false;
SELECT '  tru e '::text::boolean AS invalid;    -- error
SELECT ''::text::boolean AS invalid;            -- error
-- three-valued logic with NULL
SELECT null::boolean AND true AS n1, null::boolean AND false AS f1,
       null::boolean OR true AS t1, null::boolean OR false AS n2,
       NOT null::boolean AS n3;
SELECT true AND true, true AND false, false AND false, true OR false, false OR false;
-- IS predicates never return NULL
SELECT true IS TRUE AS t, false IS TRUE AS f, null::boolean IS TRUE AS f2;
SELECT true IS NOT TRUE AS f, false IS NOT TRUE AS t, null::boolean IS NOT TRUE AS t2;
SELECT true IS FALSE AS f, false IS FALSE AS t, null::boolean IS FALSE AS f2;
SELECT true IS NOT FALSE AS t, false IS NOT FALSE AS f, null::boolean IS NOT FALSE AS t2;
SELECT true IS UNKNOWN AS f, null::boolean IS UNKNOWN AS t;
SELECT true IS NOT UNKNOWN AS t, null::boolean IS NOT UNKNOWN AS f;
SELECT null IS NULL AS t, 1 IS NULL AS f, null IS NOT NULL AS f2, 1 IS NOT NULL AS t2;
SELECT 1 IS DISTINCT FROM 1 AS f, 1 IS DISTINCT FROM null AS t, null IS DISTINCT FROM null AS f2;
SELECT 1 IS NOT DISTINCT FROM 1 AS t, 1 IS NOT DISTINCT FROM 2 AS f, null IS NOT DISTINCT FROM null AS t2;
-- comparisons with NULL yield NULL
SELECT 1 = null AS n, null <> null AS n2, null::int < 3 AS n3;
-- boolean output in expressions
SELECT 2 > 1 AND 3 > 2 AS t, 2 > 1 AND 3 < 2 AS f, NOT (1 = 1) AS f2;
SELECT 1 AND true;
SELECT 'x' OR true;

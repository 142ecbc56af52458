-- CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD VALUE / RENAME VALUE / RENAME TO / SET SCHEMA / OWNER TO, DROP TYPE:
-- the catalog rows (pg_type, pg_enum) and psql's \dT+.
CREATE TYPE en_mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE en_mood AS ENUM ('x');
CREATE TYPE en_empty AS ENUM ();
CREATE TYPE en_long AS ENUM ('0123456789012345678901234567890123456789012345678901234567890123');
SELECT t.typname, t.typtype, t.typcategory, t.typlen, t.typbyval, t.typalign, t.typstorage, t.typinput::oid,
  t.typoutput::oid, t.typreceive::oid, t.typsend::oid, t.typcollation, a.typname AS array_type,
  a.typcategory AS array_category, t.oid::int8 - a.oid::int8 AS array_before
  FROM pg_type t JOIN pg_type a ON a.oid = t.typarray WHERE t.typname = 'en_mood';
SELECT e.enumlabel, e.enumsortorder, e.oid::int8 % 2 AS odd_oid, e.oid::int8 > t.oid::int8 AS after_type
  FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'en_mood' ORDER BY e.enumsortorder;
ALTER TYPE en_mood ADD VALUE 'great';
ALTER TYPE en_mood ADD VALUE 'meh' BEFORE 'ok';
ALTER TYPE en_mood ADD VALUE 'fine' AFTER 'ok';
ALTER TYPE en_mood ADD VALUE 'awful' BEFORE 'sad';
ALTER TYPE en_mood ADD VALUE 'ok';
ALTER TYPE en_mood ADD VALUE IF NOT EXISTS 'ok';
ALTER TYPE en_mood ADD VALUE 'x' BEFORE 'nope';
ALTER TYPE en_mood RENAME VALUE 'meh' TO 'so-so';
ALTER TYPE en_mood RENAME VALUE 'nope' TO 'x';
ALTER TYPE en_mood RENAME VALUE 'ok' TO 'sad';
ALTER TYPE en_nosuch ADD VALUE 'x';
SELECT e.enumlabel, e.enumsortorder
  FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'en_mood' ORDER BY e.enumsortorder;
\dT+ en_mood
ALTER TYPE en_mood RENAME TO en_feeling;
ALTER TYPE en_feeling RENAME TO en_empty;
CREATE SCHEMA en_s;
ALTER TYPE en_feeling SET SCHEMA en_s;
ALTER TYPE en_s.en_feeling OWNER TO postgres;
SELECT n.nspname, t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE t.typname LIKE '%en\_feeling' ORDER BY t.typname;
\dT en_s.*
DROP TYPE en_s.en_feeling;
DROP TYPE IF EXISTS en_s.en_feeling;
DROP TYPE en_s.en_feeling;
DROP TYPE en_empty;
DROP SCHEMA en_s;
-- transactional: a rolled back CREATE TYPE and ADD VALUE leave nothing
CREATE TYPE en_kept AS ENUM ('a');
BEGIN;
CREATE TYPE en_rolled AS ENUM ('a');
ALTER TYPE en_kept ADD VALUE 'b';
ROLLBACK;
SELECT t.typname, count(e.oid) FROM pg_type t LEFT JOIN pg_enum e ON e.enumtypid = t.oid
  WHERE t.typname IN ('en_kept', 'en_rolled') GROUP BY t.typname;
DROP TYPE en_kept;
SELECT count(*) FROM pg_type WHERE typname LIKE '%en\_%';

--
-- COMMENT ON and the functions that read comments back; \d+ and \dn+ show them.
--
CREATE SCHEMA cmt;
CREATE TABLE cmt.items (id int PRIMARY KEY, name text NOT NULL, price int, CONSTRAINT price_ok CHECK (price >= 0));
CREATE INDEX items_name ON cmt.items (name);
CREATE VIEW cmt.cheap AS SELECT id, name FROM cmt.items WHERE price < 10;
CREATE SEQUENCE cmt.counter;
COMMENT ON SCHEMA cmt IS 'comment tests';
COMMENT ON TABLE cmt.items IS 'things for sale';
COMMENT ON COLUMN cmt.items.name IS 'what it is called';
COMMENT ON COLUMN cmt.items.price IS 'in euros';
COMMENT ON INDEX cmt.items_name IS 'by name';
COMMENT ON VIEW cmt.cheap IS 'under ten';
COMMENT ON SEQUENCE cmt.counter IS 'numbers';
COMMENT ON CONSTRAINT price_ok ON cmt.items IS 'no negative prices';
SELECT obj_description('cmt.items'::regclass, 'pg_class') AS tbl,
       col_description('cmt.items'::regclass, 2) AS col2,
       col_description('cmt.items'::regclass, 1) AS col1,
       obj_description('cmt.items_name'::regclass, 'pg_class') AS idx,
       obj_description('cmt.cheap'::regclass, 'pg_class') AS view,
       obj_description('cmt.counter'::regclass, 'pg_class') AS seq;
SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = 'cmt';
SELECT d.description FROM pg_description d JOIN pg_constraint c ON c.oid = d.objoid
 WHERE d.classoid = 'pg_constraint'::regclass AND c.conname = 'price_ok';
-- replacing and removing
COMMENT ON TABLE cmt.items IS 'goods';
SELECT obj_description('cmt.items'::regclass, 'pg_class');
COMMENT ON COLUMN cmt.items.price IS NULL;
COMMENT ON INDEX cmt.items_name IS '';
SELECT col_description('cmt.items'::regclass, 3) IS NULL AS no_price_comment,
       obj_description('cmt.items_name'::regclass, 'pg_class') IS NULL AS no_index_comment;
SELECT count(*) FROM pg_description WHERE objoid = 'cmt.items'::regclass;
-- a view keeps working after its comment changes
COMMENT ON VIEW cmt.cheap IS 'below ten';
INSERT INTO cmt.items VALUES (1, 'pen', 3), (2, 'book', 12);
SELECT * FROM cmt.cheap;
-- transactional: a rolled-back comment is gone
BEGIN;
COMMENT ON TABLE cmt.items IS 'temporary';
SELECT obj_description('cmt.items'::regclass, 'pg_class');
ROLLBACK;
SELECT obj_description('cmt.items'::regclass, 'pg_class');
\d+ cmt.items
\d+ cmt.cheap
\d+ cmt.items_name
\dn+ cmt
-- errors
COMMENT ON TABLE cmt.nosuch IS 'x';
COMMENT ON TABLE cmt.cheap IS 'x';
COMMENT ON VIEW cmt.items IS 'x';
COMMENT ON INDEX cmt.items IS 'x';
COMMENT ON SEQUENCE cmt.items IS 'x';
COMMENT ON COLUMN cmt.items.nosuch IS 'x';
COMMENT ON COLUMN items IS 'x';
COMMENT ON SCHEMA nosuch IS 'x';
COMMENT ON CONSTRAINT nosuch ON cmt.items IS 'x';
COMMENT ON TABLE cmt.items IS 42;
-- the comments go with the objects
DROP TABLE cmt.items CASCADE;
SELECT count(*) FROM pg_description d WHERE d.classoid = 'pg_class'::regclass
   AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = d.objoid);
SELECT count(*) FROM pg_description d WHERE d.classoid = 'pg_constraint'::regclass
   AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.oid = d.objoid);
DROP SCHEMA cmt CASCADE;
SELECT count(*) FROM pg_description d WHERE d.classoid = 'pg_namespace'::regclass
   AND NOT EXISTS (SELECT 1 FROM pg_namespace n WHERE n.oid = d.objoid);

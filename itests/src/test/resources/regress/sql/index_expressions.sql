-- Expression indexes, partial indexes and INCLUDE columns: definitions, entries, uniqueness, ON CONFLICT
-- inference, and the plans that use them.
CREATE TABLE ix_users (id int PRIMARY KEY, email text, deleted_at date, a int, b int, note text);
CREATE INDEX ON ix_users (lower(email));
CREATE UNIQUE INDEX ix_users_live ON ix_users (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX ON ix_users ((a + b), a);
CREATE INDEX ON ix_users ((a + b), (a * b));
CREATE INDEX ix_users_inc ON ix_users (a) INCLUDE (b, note);
CREATE INDEX ix_users_part ON ix_users (a DESC NULLS LAST) WHERE a > 0 AND note = 'x';
\d ix_users
\d ix_users_live
\d ix_users_inc
SELECT c.relname, i.indnatts, i.indnkeyatts, i.indkey, i.indexprs IS NOT NULL AS has_exprs,
       i.indpred IS NOT NULL AS has_pred
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
 WHERE i.indrelid = 'ix_users'::regclass ORDER BY c.relname;
SELECT c.relname, a.attnum, a.attname, a.atttypid::regtype
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
 WHERE c.relname LIKE 'ix_users_%' AND c.relkind = 'i' ORDER BY c.relname, a.attnum;
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'ix_users' ORDER BY indexname;
SELECT pg_get_indexdef('ix_users_live'::regclass, 0, true);
SELECT pg_get_indexdef('ix_users_expr_expr1_idx'::regclass, 1, true),
       pg_get_indexdef('ix_users_expr_expr1_idx'::regclass, 2, false);
-- entries and uniqueness
INSERT INTO ix_users VALUES (1, 'Ann@Example.org', NULL, 1, 2, 'x');
INSERT INTO ix_users VALUES (2, 'ann@example.ORG', NULL, 1, 3, 'x');
INSERT INTO ix_users VALUES (2, 'ann@example.ORG', '2020-01-01', 1, 3, 'x');
INSERT INTO ix_users VALUES (3, 'ANN@example.org', '2021-01-01', 2, 3, 'y');
UPDATE ix_users SET deleted_at = NULL WHERE id = 3;
UPDATE ix_users SET email = 'bob@example.org' WHERE id = 3;
UPDATE ix_users SET deleted_at = NULL WHERE id = 3;
UPDATE ix_users SET a = a + 1;
SELECT * FROM ix_users ORDER BY id;
CREATE UNIQUE INDEX ix_users_a ON ix_users ((a / 10));
-- ON CONFLICT infers the partial expression index
INSERT INTO ix_users VALUES (4, 'BOB@example.org', NULL, 5, 5, 'z')
  ON CONFLICT (lower(email)) WHERE deleted_at IS NULL DO UPDATE SET note = 'conflict ' || excluded.id
  RETURNING id, email, note;
INSERT INTO ix_users VALUES (4, 'BOB@example.org', NULL, 5, 5, 'z')
  ON CONFLICT (lower(email)) DO NOTHING;
INSERT INTO ix_users VALUES (4, 'BOB@example.org', NULL, 5, 5, 'z')
  ON CONFLICT (email) WHERE deleted_at IS NULL DO NOTHING;
INSERT INTO ix_users VALUES (4, 'BOB@example.org', NULL, 5, 5, 'z')
  ON CONFLICT (lower(email)) WHERE deleted_at IS NULL DO NOTHING;
INSERT INTO ix_users VALUES (4, 'bob@example.org', '2022-01-01', 5, 5, 'z')
  ON CONFLICT DO NOTHING;
SELECT id, email, deleted_at, note FROM ix_users ORDER BY id;
-- only immutable expressions and predicates
CREATE INDEX ON ix_users (random());
CREATE INDEX ON ix_users (a) WHERE deleted_at > now();
CREATE INDEX ON ix_users (a) WHERE a;
CREATE INDEX ON ix_users (a) WHERE (SELECT true);
CREATE INDEX ON ix_users ((nosuch + 1));
CREATE INDEX ON ix_users (a) INCLUDE (nosuch);
-- INCLUDE columns are not part of uniqueness, in an index or a constraint
CREATE TABLE ix_inc (a int, b int, c text);
ALTER TABLE ix_inc ADD UNIQUE (a) INCLUDE (b, c);
ALTER TABLE ix_inc ADD CONSTRAINT ix_inc_pk PRIMARY KEY (b) INCLUDE (a);
CREATE UNIQUE INDEX ON ix_inc (c) INCLUDE (a);
INSERT INTO ix_inc VALUES (1, 1, 'x');
INSERT INTO ix_inc VALUES (1, 2, 'y');
INSERT INTO ix_inc VALUES (2, 1, 'y');
INSERT INTO ix_inc VALUES (2, 2, 'x');
INSERT INTO ix_inc VALUES (2, 2, 'y');
\d ix_inc
SELECT conname, pg_get_constraintdef(oid), conkey FROM pg_constraint
 WHERE conrelid = 'ix_inc'::regclass ORDER BY conname;
CREATE TABLE ix_inc2 (a int, b int, UNIQUE (a) INCLUDE (b));
\d ix_inc2
DROP TABLE ix_inc, ix_inc2;
-- plans
CREATE TABLE ix_plan (id int PRIMARY KEY, email text, deleted_at date, n int, flag boolean);
INSERT INTO ix_plan SELECT g, 'User' || g || '@x.org', CASE WHEN g % 3 = 0 THEN date '2020-01-01' END, g % 10,
       g % 2 = 0 FROM generate_series(1, 50) g;
CREATE INDEX ix_plan_lower ON ix_plan (lower(email));
CREATE UNIQUE INDEX ix_plan_live ON ix_plan (n, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_plan_sum ON ix_plan ((n + id));
CREATE INDEX ix_plan_flag ON ix_plan (id) WHERE flag;
CREATE INDEX ix_plan_inc ON ix_plan (n) INCLUDE (email);
ANALYZE ix_plan;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM ix_plan WHERE lower(email) = 'user7@x.org';
SELECT * FROM ix_plan WHERE lower(email) = 'user7@x.org';
EXPLAIN (COSTS OFF) SELECT * FROM ix_plan WHERE n = 3 AND deleted_at IS NULL;
SELECT id FROM ix_plan WHERE n = 3 AND deleted_at IS NULL ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM ix_plan WHERE n + id = 10;
SELECT id FROM ix_plan WHERE n + id = 10 ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM ix_plan WHERE id = 4 AND flag;
EXPLAIN (COSTS OFF) SELECT n, email FROM ix_plan WHERE n = 4;
EXPLAIN (COSTS OFF) SELECT * FROM ix_plan WHERE lower(email) > 'user4' AND lower(email) < 'user5';
SELECT id FROM ix_plan WHERE lower(email) > 'user4' AND lower(email) < 'user5' ORDER BY id;
RESET enable_seqscan;
-- maintenance and column DDL
REINDEX TABLE ix_users;
ALTER TABLE ix_users RENAME COLUMN email TO mail;
\d ix_users
INSERT INTO ix_users VALUES (5, 'ANN@example.org', NULL, 1, 1, 'x');
ALTER TABLE ix_users DROP COLUMN b;
\d ix_users
CREATE TABLE ix_like (LIKE ix_users INCLUDING INDEXES);
\d ix_like
CLUSTER ix_users USING ix_users_live;
DROP TABLE ix_users, ix_plan, ix_like;

--
-- UPDATE ... FROM and DELETE ... USING
-- The target joined to other relations; a target row matched by several rows is changed once;
-- RETURNING over the other relations; names shared by the target and the others.
--
CREATE TABLE uf_acct (id int PRIMARY KEY, bal int);
CREATE TABLE uf_pay (acct int, amount int);
CREATE TABLE uf_tag (id int PRIMARY KEY, tag text);
INSERT INTO uf_acct VALUES (1, 100), (2, 200), (3, 300);
INSERT INTO uf_pay VALUES (1, 10), (2, 20), (9, 90);
INSERT INTO uf_tag VALUES (1, 'one'), (2, 'two'), (3, 'three');
UPDATE uf_acct a SET bal = a.bal + p.amount FROM uf_pay p WHERE p.acct = a.id RETURNING a.id, a.bal, p.amount;
SELECT * FROM uf_acct ORDER BY id;
-- two relations in FROM
UPDATE uf_acct SET bal = 0 FROM uf_pay, uf_tag
  WHERE uf_tag.id = uf_pay.acct AND uf_acct.id = uf_tag.id AND uf_tag.tag = 'two';
SELECT * FROM uf_acct ORDER BY id;
-- uf_acct 3 has no payment: no row joins, nothing changes
UPDATE uf_acct SET bal = -1 FROM uf_pay WHERE uf_pay.acct = uf_acct.id AND uf_acct.id = 3;
-- both payments of account 1 match; the row is updated once
INSERT INTO uf_pay VALUES (1, 5);
UPDATE uf_acct SET bal = bal + 1 FROM uf_pay WHERE uf_pay.acct = uf_acct.id AND uf_acct.id = 1;
SELECT * FROM uf_acct ORDER BY id;
-- RETURNING * lists the target's columns, then the other relations'
UPDATE uf_acct SET bal = bal + 1 FROM uf_tag WHERE uf_tag.id = uf_acct.id AND uf_tag.tag = 'three' RETURNING *;
-- errors
UPDATE uf_acct SET bal = 1 FROM uf_tag WHERE id = 1;
UPDATE uf_acct SET bal = 1 FROM uf_acct;
UPDATE uf_acct a SET bal = 1 FROM uf_tag WHERE uf_acct.id = uf_tag.id;
UPDATE uf_acct SET amount = 1 FROM uf_pay;
UPDATE uf_acct SET bal = 1 FROM nosuch;
-- DELETE ... USING
DELETE FROM uf_tag t USING uf_pay WHERE uf_pay.acct = t.id RETURNING t.id, t.tag, uf_pay.amount;
SELECT * FROM uf_tag ORDER BY id;
DELETE FROM uf_acct USING uf_pay WHERE uf_pay.amount > 1000;
BEGIN;
DELETE FROM uf_acct USING uf_tag;
ROLLBACK;
SELECT count(*) FROM uf_acct;
DELETE FROM uf_acct USING nosuch;
DROP TABLE uf_acct, uf_pay, uf_tag;

--
-- DISCARD
--
CREATE SEQUENCE dseq;
SELECT nextval('dseq');
SELECT currval('dseq');
DISCARD SEQUENCES;
SELECT currval('dseq');
SELECT nextval('dseq');
SET search_path = nosuch, public;
SHOW search_path;
PREPARE dq AS SELECT 1;
BEGIN;
DECLARE dc CURSOR WITH HOLD FOR SELECT 1;
COMMIT;
BEGIN;
DISCARD ALL;
ROLLBACK;
DISCARD ALL;
SHOW search_path;
EXECUTE dq;
FETCH dc;
SELECT currval('dseq');
DISCARD PLANS;
DISCARD TEMP;
DISCARD TEMPORARY;
DISCARD everything;
DROP SEQUENCE dseq;

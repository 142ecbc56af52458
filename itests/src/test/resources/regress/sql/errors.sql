--
-- ERRORS
-- Error reports with their SQLSTATE-specific texts, positions and hints.
--
selec 1;
SELECT 1 +;
SELECT (1;
SELECT 1);
SELECT 1 2;
SELECT ,;
SELECT nosuchcolumn;
SELECT nosuchfunction(1);
SELECT length(1, 2, 3);
SELECT abs('x');
SELECT 1 + 'x';
SELECT 'a' + 1;
SELECT true + 1;
SELECT 1 @@@ 2;
SELECT
  1 +
  nosuch;
SELECT 1,
       2,
       1/0;
SELECT 'multi
line' || nosuch;
SELECT "quoted column";
SELECT 1 FROM;
SELECT * ;
FOO BAR;
SELECT 1; SELECT 2; SELECT 1/0; SELECT 3;
SELECT repeat('x', 3) AS ok_after_errors;
SELECT E'\xZZ';
SELECT 99999999999999999999999999999999999999999::int8;
SELECT 1 FROM nosuch_table;
SELECT current_user AS me, current_database() AS db, current_schema();
SELECT pg_sleep(0);
SELECT pg_sleep('x');
SELECT -'abc';
SELECT U&'\00zz';
-- Unicode escapes are reported at the backslash
SELECT U&'ab\00zz';
SELECT U&'it''s \0';
SELECT U&'\+00004' || U&'\0041';
-- an unterminated literal at the end of the input
SELECT 'unterminated;
-- (formerly errors_pending)
DROP TABLE nosuch;

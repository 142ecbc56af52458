/**
 * User-defined functions: CREATE [OR REPLACE] FUNCTION, DROP FUNCTION and DO (PostgreSQL's
 * commands/functioncmds.c), the pg_proc rows they keep, the per-session cache that turns those rows into
 * routines the analyzer resolves beside the built-ins (with PostgreSQL's overloading rules), and the SQL
 * language's call handler (functions.c): the body's statements are parsed and checked at CREATE, planned at
 * the first call in a session and run with the arguments as named parameters. Procedures live here too:
 * CREATE PROCEDURE, CALL with its output row, COMMIT/ROLLBACK inside a procedure (the atomic execution
 * context), and ALTER FUNCTION/PROCEDURE. PL/pgSQL lives in {@code org.tusk.sql.plpgsql}.
 */
package org.tusk.sql.func;

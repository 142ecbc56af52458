/**
 * PL/pgSQL (PostgreSQL's src/pl/plpgsql): a parser of function bodies and DO blocks into a tree of
 * statements and an interpreter that runs it. Expressions and queries inside are SQL, analyzed and run by
 * the engine with the variables as named parameters (PostgreSQL does the same through SPI), so they mean
 * exactly what they mean in a query.
 */
package org.tusk.sql.plpgsql;

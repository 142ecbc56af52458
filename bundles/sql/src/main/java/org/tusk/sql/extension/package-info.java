/**
 * Extensions (PostgreSQL's commands/extension.c and the contrib modules Tusk ships): CREATE, DROP and
 * ALTER EXTENSION ... UPDATE, the pg_extension rows and the pg_depend 'e' entries that tie an extension's
 * functions to it, the pg_available_extensions functions, and the extensions themselves.
 *
 * <p>PostgreSQL loads an extension from a control file and an SQL script whose C functions live in a
 * shared library. Tusk cannot load C, so its extensions are built in: {@link BuiltinExtensions} plays the
 * part of the control files (name, versions, comment, relocatability) and of the install scripts (the
 * functions, with the argument types, volatility and C symbol names the scripts declare). CREATE EXTENSION
 * writes pg_proc rows of language C (prolang 13) whose prosrc is that symbol, exactly as the script would;
 * calling one finds the Java implementation by symbol ({@link NativeFunctions}). So the functions exist only
 * after CREATE EXTENSION, in the schema it names, and vanish with DROP EXTENSION, as in PostgreSQL.
 */
package org.tusk.sql.extension;

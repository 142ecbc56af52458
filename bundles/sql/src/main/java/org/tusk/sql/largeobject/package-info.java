/**
 * Large objects (PostgreSQL's storage/large_object/inv_api.c and libpq/be-fsstubs.c): byte streams of up
 * to 4 TB addressed by OID, kept as 2 kB pages in pg_largeobject with one pg_largeobject_metadata row per
 * object, and the server functions clients use to create, open, read, write, seek, truncate and unlink them
 * (lo_creat, lo_open, loread, lowrite, ...). Drivers (libpq's lo_* API behind psql's {@code \lo_import},
 * pgjdbc's LargeObjectManager) look these functions up in pg_proc and call them by OID with the fast-path
 * FunctionCall message. Descriptors belong to the backend and close at the end of the transaction that
 * opened them, as in PostgreSQL; the pages are ordinary catalog rows, so everything is transactional.
 */
package org.tusk.sql.largeobject;

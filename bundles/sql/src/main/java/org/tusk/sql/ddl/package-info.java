/**
 * Data definition: CREATE/DROP/ALTER TABLE, indexes, views, schemas, databases, TRUNCATE, VACUUM and
 * ANALYZE, carried out as PostgreSQL's commands/ directory does it: take the relation lock the
 * statement needs, change the catalog rows (pg_class, pg_attribute, pg_index, pg_constraint, ...)
 * and the storage files in the current transaction, then tell the relation cache (which marks the
 * catalogs changed for other backends and makes the change visible to the next command). Everything
 * is transactional because both catalog rows and relation files are.
 */
package org.tusk.sql.ddl;

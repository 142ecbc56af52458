/**
 * The seam between the catalog (which knows what relations exist, from the system catalogs stored as
 * tables) and the parts of the engine that use relations (analyzer, planner, executor): a relation as
 * the relation cache describes it ({@link org.tusk.sql.schema.Relation}), the {@link
 * org.tusk.sql.schema.Catalog} that finds relations by name or OID for one backend and database, and
 * the mapping of SQL values to the storage API's values ({@link org.tusk.sql.schema.StorageValues}).
 */
package org.tusk.sql.schema;

/**
 * The system catalogs as data: the definition of each catalog table PostgreSQL 15 has (OIDs, row
 * type, columns with their storage facts, indexes) and the rows {@code tusk initdb} puts in them
 * (built-in types, functions, namespaces, databases, roles, access methods, tablespaces,
 * collations). Clients depend on these exact OIDs and names (psql's \d queries, pgjdbc's type
 * lookups), so everything here is checked against a real PostgreSQL 15. Nothing here touches
 * storage: the engine creates the tables from {@link org.tusk.sql.catalog.CatalogDefinitions} and
 * fills them from {@link org.tusk.sql.catalog.BootstrapData}, as PostgreSQL's bootstrap mode does
 * with postgres.bki.
 */
package org.tusk.sql.catalog;

/**
 * Roles and privileges (PostgreSQL's commands/user.c, catalog/aclchk.c and utils/adt/acl.c): CREATE,
 * ALTER and DROP ROLE on the shared catalogs pg_authid and pg_auth_members, GRANT and REVOKE of roles
 * and of privileges on tables, schemas and databases (stored as aclitem[] text in relacl, nspacl and
 * datacl), SET ROLE and SET SESSION AUTHORIZATION, per-role and per-database settings (ALTER ROLE/DATABASE
 * ... SET in pg_db_role_setting, read at login), the privilege checks statements make before they
 * touch a table, ownership changes (OWNER TO, REASSIGN OWNED, with their checks and the ACL's new owner),
 * default privileges (pg_default_acl, applied when objects are created), the role directory that
 * authentication reads, and initdb's bootstrap mode (which creates the catalogs with the bootstrap
 * superuser that directory would otherwise create them with). Kept apart from ddl because roles
 * are cluster-wide objects and the checks are consulted by every layer that opens a table.
 */
package org.tusk.sql.roles;

/**
 * Configuration parameters (GUC): their definitions and checks, a session's values seeded from
 * defaults, server settings and the startup packet, with PostgreSQL's transactional SET semantics and
 * the ParameterStatus reports clients rely on.
 */
package org.tusk.sql.settings;

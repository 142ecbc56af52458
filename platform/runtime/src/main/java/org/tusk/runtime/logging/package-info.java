/**
 * The server log: an SLF4J provider that writes PostgreSQL-style lines (log_line_prefix, then
 * "LOG:", "WARNING:", "ERROR:", "FATAL:") to stderr or, with logging_collector on, to rotating files
 * under log_directory. Backends put their session's facts (process ID, user, database, application,
 * client address) in SLF4J's MDC, where the prefix escapes find them.
 */
package org.tusk.runtime.logging;

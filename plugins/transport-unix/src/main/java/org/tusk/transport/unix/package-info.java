/**
 * The Unix-domain socket transport: a socket {@code .s.PGSQL.<port>} in each of
 * unix_socket_directories, guarded by PostgreSQL's lock file {@code .s.PGSQL.<port>.lock}, so that
 * psql and libpq find the server where they look for it. Uses the JDK's Unix-domain channels; no
 * native code.
 */
package org.tusk.transport.unix;

/**
 * The backend: serves one client connection from its startup packet to Terminate. It negotiates the
 * protocol, authenticates through an {@link org.tusk.spi.AuthenticationMethod}, opens a session with
 * the {@link org.tusk.spi.SqlEngine} and runs the query loop. Private to the bundle; the outside world
 * sees only the {@link org.tusk.spi.BackendEntry} service.
 */
package org.tusk.backend.internal;

/**
 * The seams of the server. Each interface here is an OSGi service with one job, so that an
 * alternative implementation is a plugin bundle and never a change to the core:
 * <ul>
 * <li>{@link org.tusk.spi.Transport}: how connections arrive (TCP, Unix socket, ...);</li>
 * <li>{@link org.tusk.spi.BackendLauncher}: how a backend is started for a connection (thread, virtual
 * thread, a process of its own, a pool of pre-started processes);</li>
 * <li>{@link org.tusk.spi.AuthenticationMethod}: one pg_hba method (trust, password, md5, scram-sha-256);</li>
 * <li>{@link org.tusk.spi.RoleDirectory}: the roles and their password verifiers, for authentication;</li>
 * <li>{@link org.tusk.spi.SqlEngine}: where a backend hands SQL.</li>
 * </ul>
 * Everything that crosses a seam is a value (records, strings, byte arrays) or an interface defined
 * here, so a seam can later be stretched across a process boundary.
 */
@Export
@Version("0.1.0")
package org.tusk.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The storage bundle's face to the postmaster: the {@link org.tusk.spi.ClusterStorage} service that
 * creates the shared-memory segment at server start, recreates it after a backend crash and removes
 * it at shutdown. Each storage subsystem that needs shared structures will be initialized from here
 * when the segment is created, so that the postmaster knows nothing of buffers, WAL or locks. The
 * same component is the {@link org.tusk.storage.access.StorageAccess} service through which backends
 * open their storage sessions on the running engine.
 */
package org.tusk.storage.cluster;

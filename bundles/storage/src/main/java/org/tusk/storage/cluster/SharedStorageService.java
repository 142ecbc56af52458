package org.tusk.storage.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.spi.ClusterStorage;
import org.tusk.spi.NotificationQueue;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.StorageAccess;
import org.tusk.storage.access.StorageSession;
import org.tusk.storage.async.AsyncQueue;
import org.tusk.storage.engine.AccessSession;
import org.tusk.storage.engine.EngineSettings;
import org.tusk.storage.engine.Session;
import org.tusk.storage.engine.StorageEngine;
import org.tusk.storage.shmem.SharedMemory;

/**
 * Runs the cluster's storage engine for the postmaster: creates the shared-memory segment with every
 * storage subsystem in it and brings the data directory to a consistent state (crash recovery from
 * the WAL), recreates both after a backend crash, and at shutdown makes the shutdown checkpoint and
 * removes the segment.
 *
 * <p>The segment file is named after the data directory (its real path), so two clusters on one
 * host never share a segment and a postmaster restarted after {@code kill -9} finds its predecessor's
 * file and replaces it with the next generation. It lives on {@code /dev/shm} when writable, in the
 * data directory when /dev/shm is missing or too small for the segment.
 *
 * <p>It also publishes the segment's LISTEN/NOTIFY queue as {@link NotificationQueue}: backends claim
 * their slot in it through this service (a backend in another process would attach the segment by path
 * and use {@link AsyncQueue#attach(SharedMemory)}).
 *
 * <p>And it publishes {@link StorageAccess}: {@link #openSession} gives an in-JVM backend its storage
 * session on the running engine, on the first free proc number (max_connections of them). A backend
 * in another JVM would not come here: it maps the segment with {@code StorageEngine.attach(segment,
 * dataDirectory, settings)} (same settings as the postmaster's), is given a proc number by the
 * postmaster (one no in-JVM backend uses), and wraps {@code engine.session(procNumber)} in
 * {@code AccessSession.open}; everything a session touches (buffers, WAL, commit log, locks,
 * counters) is in the segment, so both kinds of backends see each other.
 */
@Component(service = {ClusterStorage.class, NotificationQueue.class, StorageAccess.class})
public final class SharedStorageService implements ClusterStorage, NotificationQueue, StorageAccess {
    private static final Logger LOG = LoggerFactory.getLogger(SharedStorageService.class);

    private Path dataDirectory;
    private Path file;
    private EngineSettings settings;
    private StorageEngine engine;
    private AsyncQueue notifications;
    private boolean stopped;

    @Override
    public synchronized void start(Path dataDirectory, Map<String, String> serverSettings) {
        if (engine != null) {
            throw new IllegalStateException("shared memory already created at " + engine.segmentPath());
        }
        try {
            settings = ServerStorageSettings.of(serverSettings);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        this.dataDirectory = dataDirectory;
        stopped = false;
        file = segmentFile(dataDirectory, StorageEngine.shmemSize(settings) + queueSize());
        engine = create();
    }

    /**
     * After a backend crash: the old segment is abandoned as it is (a crashed backend may have left
     * it half changed, so nothing in it is written out), a new generation is created and the data
     * directory recovered from the WAL, as after a kill -9 of the whole server.
     */
    @Override
    public synchronized void reinitialize() {
        if (engine == null) {
            return;
        }
        engine.crash();
        notifications = null;
        engine = create();
    }

    @Override
    @Deactivate
    public synchronized void stop() {
        if (engine == null) {
            return;
        }
        try {
            engine.shutdown(); // shutdown checkpoint, then the segment is removed
        } finally {
            engine = null;
            stopped = true;
            notifications = null;
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("could not remove shared memory segment \"{}\": {}", file, e.getMessage());
            }
        }
    }

    @Override
    public synchronized Path sharedMemoryPath() {
        return engine == null ? null : engine.segmentPath();
    }

    @Override
    public synchronized long generation() {
        return engine == null ? 0 : engine.sharedMemory().generation();
    }

    @Override
    public synchronized Endpoint attach(int processId) {
        if (notifications == null) {
            throw new IllegalStateException("shared memory has not been created");
        }
        return notifications.attach(processId);
    }

    /**
     * A storage session for an in-JVM backend.
     *
     * @throws AccessException 57P03 if the engine is not running, 53300 if all max_connections proc
     *     numbers are taken
     */
    @Override
    public StorageSession openSession(int processId) {
        StorageEngine running;
        synchronized (this) {
            running = engine;
            if (running == null) {
                throw new AccessException("57P03", stopped ? "the database system is shutting down"
                        : "the database system is starting up");
            }
        }
        Session session = running.openSession(processId);
        if (session == null) {
            throw new AccessException("53300", "sorry, too many clients already");
        }
        return AccessSession.open(running, session);
    }

    /** The engine of the running server, for the access layer (and tests); null when stopped. */
    synchronized StorageEngine engine() {
        return engine;
    }

    private int queueSlots() {
        return settings.maxConnections() + AsyncQueue.EXTRA_SLOTS;
    }

    private StorageEngine create() {
        StorageEngine created;
        try {
            created = StorageEngine.create(dataDirectory, file, settings, queueSize());
        } catch (UncheckedIOException | OutOfMemoryError e) {
            // PostgreSQL: FATAL "could not map anonymous shared memory: ..." with a hint about the size.
            throw new IllegalStateException("could not create shared memory segment \"" + file + "\": "
                    + e.getMessage(), e);
        }
        notifications = AsyncQueue.create(created.sharedMemory(), queueSlots(), AsyncQueue.DEFAULT_CAPACITY);
        LOG.debug("created shared memory segment \"{}\" of {} bytes, generation {}", file,
                created.sharedMemory().size(), created.sharedMemory().generation());
        return created;
    }

    /** The notification queue lives in the same segment, after the engine's structures. */
    private long queueSize() {
        return AsyncQueue.size(queueSlots(), AsyncQueue.DEFAULT_CAPACITY) + SharedMemory.ALIGNMENT;
    }

    /**
     * The segment's file: one per data directory, named by a hash of its real path, on
     * {@code /dev/shm} if it has room for {@code size} bytes, else in the data directory.
     */
    static Path segmentFile(Path dataDirectory, long size) {
        Path real;
        try {
            real = dataDirectory.toRealPath();
        } catch (IOException e) {
            real = dataDirectory.toAbsolutePath().normalize();
        }
        String name = "tusk." + Integer.toHexString(real.toString().hashCode()) + ".shm";
        return SharedMemory.defaultDirectory(real, size).resolve(name);
    }
}

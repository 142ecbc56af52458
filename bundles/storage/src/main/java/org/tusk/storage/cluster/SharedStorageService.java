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
import org.tusk.storage.async.AsyncQueue;
import org.tusk.storage.shmem.SharedMemory;
import org.tusk.storage.shmem.ShmemSizing;

/**
 * Creates, recreates and removes the cluster's shared-memory segment for the postmaster.
 *
 * <p>The segment file is named after the data directory (its real path), so two clusters on one
 * host never share a segment and a postmaster restarted after {@code kill -9} finds its predecessor's
 * file and replaces it with the next generation. It lives on {@code /dev/shm} when writable, in the
 * data directory otherwise.
 *
 * <p>It also publishes the segment's LISTEN/NOTIFY queue as {@link NotificationQueue}: backends claim
 * their slot in it through this service (a backend in another process would attach the segment by path
 * and use {@link AsyncQueue#attach(SharedMemory)}).
 */
@Component(service = {ClusterStorage.class, NotificationQueue.class})
public final class SharedStorageService implements ClusterStorage, NotificationQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SharedStorageService.class);

    private Path file;
    private ShmemSizing sizing;
    private SharedMemory segment;
    private AsyncQueue notifications;

    @Override
    public synchronized void start(Path dataDirectory, Map<String, String> settings) {
        if (segment != null) {
            throw new IllegalStateException("shared memory already created at " + segment.path());
        }
        sizing = sizingOf(settings);
        file = segmentFile(dataDirectory);
        segment = create();
    }

    @Override
    public synchronized void reinitialize() {
        if (segment == null) {
            return;
        }
        segment.close();
        segment = create(); // replaces the file with the next generation
    }

    @Override
    @Deactivate
    public synchronized void stop() {
        if (segment == null) {
            return;
        }
        Path path = segment.path();
        segment.close();
        segment = null;
        notifications = null;
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("could not remove shared memory segment \"{}\": {}", path, e.getMessage());
        }
    }

    @Override
    public synchronized Path sharedMemoryPath() {
        return segment == null ? null : segment.path();
    }

    @Override
    public synchronized long generation() {
        return segment == null ? 0 : segment.generation();
    }

    @Override
    public synchronized Endpoint attach(int processId) {
        if (notifications == null) {
            throw new IllegalStateException("shared memory has not been created");
        }
        return notifications.attach(processId);
    }

    private int queueSlots() {
        return sizing.maxConnections() + AsyncQueue.EXTRA_SLOTS;
    }

    private SharedMemory create() {
        // The notification queue is added to the estimate: it is a fixed structure of its own size.
        long queueSize = AsyncQueue.size(queueSlots(), AsyncQueue.DEFAULT_CAPACITY) + SharedMemory.ALIGNMENT;
        queueSize = (queueSize + 4095) / 4096 * 4096;
        long size = Math.addExact(sizing.segmentSize(), queueSize);
        try {
            SharedMemory created = SharedMemory.create(file, size);
            notifications = AsyncQueue.create(created, queueSlots(), AsyncQueue.DEFAULT_CAPACITY);
            LOG.debug("created shared memory segment \"{}\" of {} bytes, generation {}", file, size,
                    created.generation());
            return created;
        } catch (UncheckedIOException | OutOfMemoryError e) {
            // PostgreSQL: FATAL "could not map anonymous shared memory: ..." with a hint about the size.
            throw new IllegalStateException("could not create shared memory segment \"" + file + "\" of " + size
                    + " bytes: " + e.getMessage(), e);
        }
    }

    /** The segment's file: one per data directory, named by a hash of its real path. */
    static Path segmentFile(Path dataDirectory) {
        Path real;
        try {
            real = dataDirectory.toRealPath();
        } catch (IOException e) {
            real = dataDirectory.toAbsolutePath().normalize();
        }
        String name = "tusk." + Integer.toHexString(real.toString().hashCode()) + ".shm";
        return SharedMemory.defaultDirectory(real).resolve(name);
    }

    /** PostgreSQL's units for shared_buffers: a bare number is 8 kB pages; kB, MB, GB suffixes. */
    static ShmemSizing sizingOf(Map<String, String> settings) {
        int buffers = sharedBuffersPages(settings.getOrDefault("shared_buffers", "128MB"));
        int connections = Integer.parseInt(settings.getOrDefault("max_connections", "100").trim());
        return new ShmemSizing(buffers, connections);
    }

    static int sharedBuffersPages(String value) {
        String v = value.trim();
        int i = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("invalid value for parameter \"shared_buffers\": \"" + value + "\"");
        }
        long n = Long.parseLong(v.substring(0, i));
        String unit = v.substring(i).trim();
        long bytes = switch (unit) {
            case "" -> n * 8192;
            case "kB" -> n * 1024;
            case "MB" -> n << 20;
            case "GB" -> n << 30;
            case "TB" -> n << 40;
            default -> throw new IllegalArgumentException("invalid value for parameter \"shared_buffers\": \""
                    + value + "\"\nHINT:  Valid units for this parameter are \"8kB\", \"kB\", \"MB\", \"GB\", and \"TB\".");
        };
        long pages = bytes / 8192;
        if (pages < 16 || pages > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException(pages + " 8kB is outside the valid range for parameter \"shared_buffers\" (16 .. 1073741823)");
        }
        return (int) pages;
    }
}

package org.tusk.storage.shmem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The cluster's shared-memory segment: one file, mapped by the postmaster and by every backend
 * (PostgreSQL's main shared memory segment plus {@code ShmemInitStruct}).
 *
 * <p>The postmaster {@linkplain #create creates} it with a size computed from the settings
 * (the storage engine's {@code shmemSize}: the sum of every subsystem's size), {@linkplain #allocate allocates} each subsystem's fixed structure by name,
 * then starts backends, which {@linkplain #attach attach} by path and {@linkplain #lookup look up} the
 * same names. The file lives on {@code /dev/shm} (tmpfs: pages never go to disk) when available. Every
 * process maps it with {@code FileChannel.map} into its own {@link MemorySegment}; all state is in the
 * mapping, none in Java objects, so a process sees exactly what the others wrote.
 *
 * <h2>Layout</h2>
 * <pre>
 *  0     magic "TUSKSHM1"  (long, written last: a half-built segment is never attachable)
 *  8     layout version    (int)
 *  12    directory capacity (int)
 *  16    segment size      (long; must equal the file size)
 *  24    generation        (long; 1 for a new file, previous + 1 after a crash re-initialization)
 *  32    next free offset  (long; always 64-aligned)
 *  40    directory entries in use (int; published with a release store after the entry is written)
 *  44    allocator spinlock (int)
 *  48    creator's pid     (long)
 *  56    reserved
 *  64    directory: 63 entries of 64 bytes = name (48 bytes UTF-8, NUL-padded), offset, size (longs)
 *  4096  structures, each at a 64-byte (cache line) boundary, in allocation order
 * </pre>
 *
 * <p>A handle belongs to one process; it may be shared between that process's threads. Closing it
 * unmaps the segment for this process only.
 */
public final class SharedMemory implements AutoCloseable {

    /** "TUSKSHM1" as a little-endian long (as the bytes read in a hex dump). */
    static final long MAGIC = 0x314D48534B535554L;
    static final int VERSION = 1;
    /** Structures start at multiples of this: a cache line, so unrelated locks never share one. */
    public static final int ALIGNMENT = 64;
    static final int MAX_NAME_BYTES = 48;
    static final int DIRECTORY_CAPACITY = 63;
    private static final long ENTRY_SIZE = 64;
    private static final long DIRECTORY = 64;
    /** Bytes before the first structure: the header and the directory, one page. */
    public static final long HEADER_SIZE = DIRECTORY + DIRECTORY_CAPACITY * ENTRY_SIZE;

    private static final long OFF_MAGIC = 0;
    private static final long OFF_VERSION = 8;
    private static final long OFF_CAPACITY = 12;
    private static final long OFF_SIZE = 16;
    private static final long OFF_GENERATION = 24;
    private static final long OFF_FREE = 32;
    private static final long OFF_ENTRIES = 40;
    private static final long OFF_ALLOC_LOCK = 44;
    private static final long OFF_CREATOR_PID = 48;
    private static final long ENTRY_OFFSET = 48;
    private static final long ENTRY_LENGTH = 56;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    /** One named structure, as listed in the directory (what pg_shmem_allocations shows). */
    public record Allocation(String name, long offset, long size) {
    }

    private final Path path;
    private final Arena arena;
    private final MemorySegment segment;
    private final SpinLock allocatorLock;

    private SharedMemory(Path path, Arena arena, MemorySegment segment) {
        this.path = path;
        this.arena = arena;
        this.segment = segment;
        this.allocatorLock = new SpinLock(segment, OFF_ALLOC_LOCK);
    }

    /**
     * Where segments go: {@code /dev/shm} if it is a writable directory, else {@code fallback} (for
     * example the data directory; a disk file works too, the kernel just writes pages back).
     */
    public static Path defaultDirectory(Path fallback) {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : fallback;
    }

    /**
     * As {@link #defaultDirectory(Path)}, but {@code /dev/shm} only if it has room for {@code size}
     * bytes. A tmpfs smaller than the segment (containers often mount a 64 MB one) would accept the
     * sparse file and then kill the process with SIGBUS when a page beyond its capacity is touched;
     * a file on disk never does.
     */
    public static Path defaultDirectory(Path fallback, long size) {
        Path dir = defaultDirectory(fallback);
        if (dir.equals(fallback)) {
            return fallback;
        }
        try {
            return Files.getFileStore(dir).getUsableSpace() >= size + (size >> 3) ? dir : fallback;
        } catch (java.io.IOException e) {
            return fallback;
        }
    }

    /**
     * Creates a fresh, zeroed segment of {@code size} bytes at {@code file} (the postmaster's job). If a
     * Tusk segment is already there (a crash, or an unclean stop) its generation is read and the new
     * segment gets the next one. The old file is unlinked rather than truncated: processes of the
     * previous generation that still map it keep their (now orphaned) pages instead of faulting.
     */
    public static SharedMemory create(Path file, long size) {
        if (size < HEADER_SIZE + ALIGNMENT) {
            throw new IllegalArgumentException("segment of " + size + " bytes is too small");
        }
        long generation = previousGeneration(file) + 1;
        Arena arena = Arena.ofShared();
        try {
            Files.deleteIfExists(file);
            MemorySegment segment;
            try (FileChannel channel = FileChannel.open(file,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                // Mapping read-write past the end extends the file; on tmpfs the new pages are zero.
                segment = channel.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
            }
            INT.set(segment, OFF_VERSION, VERSION);
            INT.set(segment, OFF_CAPACITY, DIRECTORY_CAPACITY);
            LONG.set(segment, OFF_SIZE, size);
            LONG.set(segment, OFF_GENERATION, generation);
            LONG.set(segment, OFF_FREE, HEADER_SIZE);
            INT.set(segment, OFF_ENTRIES, 0);
            SpinLock.init(segment, OFF_ALLOC_LOCK);
            LONG.set(segment, OFF_CREATOR_PID, ProcessHandle.current().pid());
            LONG.setRelease(segment, OFF_MAGIC, MAGIC);
            return new SharedMemory(file, arena, segment);
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException("could not create shared memory segment " + file, e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Maps an existing segment created by {@link #create} (a backend's job). */
    public static SharedMemory attach(Path file) {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment segment;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = channel.size();
                if (size < HEADER_SIZE) {
                    throw new IllegalStateException(file + " is not a Tusk shared memory segment (too small)");
                }
                segment = channel.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
            }
            if ((long) LONG.getAcquire(segment, OFF_MAGIC) != MAGIC) {
                throw new IllegalStateException(file + " is not an initialized Tusk shared memory segment");
            }
            int version = (int) INT.get(segment, OFF_VERSION);
            if (version != VERSION) {
                throw new IllegalStateException(file + " has layout version " + version + ", expected " + VERSION);
            }
            if ((long) LONG.get(segment, OFF_SIZE) != segment.byteSize()) {
                throw new IllegalStateException(file + " size does not match its header");
            }
            return new SharedMemory(file, arena, segment);
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException("could not attach shared memory segment " + file, e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Reserves a zeroed structure of {@code size} bytes under {@code name}, at a 64-byte boundary. Meant
     * for the creator, once, while it sets the segment up (structures are never freed). Other processes
     * find it with {@link #lookup}.
     *
     * @throws OutOfSharedMemoryException if the segment or the directory is full
     * @throws IllegalArgumentException if the name is taken, empty or longer than 48 UTF-8 bytes
     */
    public MemorySegment allocate(String name, long size) {
        byte[] encoded = encode(name);
        if (size < 0) {
            throw new IllegalArgumentException("negative size for " + name);
        }
        allocatorLock.lock();
        try {
            int entries = (int) INT.get(segment, OFF_ENTRIES);
            if (find(encoded, entries) >= 0) {
                throw new IllegalArgumentException("shared memory structure \"" + name + "\" already exists");
            }
            if (entries == DIRECTORY_CAPACITY) {
                throw new OutOfSharedMemoryException("out of shared memory: directory full ("
                        + DIRECTORY_CAPACITY + " structures) while allocating \"" + name + "\"");
            }
            long offset = (long) LONG.get(segment, OFF_FREE);
            long end = offset + size;
            if (end > segment.byteSize() || end < offset) {
                throw new OutOfSharedMemoryException("out of shared memory: \"" + name + "\" needs " + size
                        + " bytes, " + (segment.byteSize() - offset) + " left");
            }
            long entry = DIRECTORY + entries * ENTRY_SIZE;
            MemorySegment.copy(encoded, 0, segment, ValueLayout.JAVA_BYTE, entry, encoded.length);
            LONG.set(segment, entry + ENTRY_OFFSET, offset);
            LONG.set(segment, entry + ENTRY_LENGTH, size);
            LONG.set(segment, OFF_FREE, Math.min(segment.byteSize(), alignUp(end)));
            INT.setRelease(segment, OFF_ENTRIES, entries + 1);
            return segment.asSlice(offset, size, ALIGNMENT);
        } finally {
            allocatorLock.unlock();
        }
    }

    /** The structure allocated under {@code name}, as the creator laid it out. */
    public MemorySegment lookup(String name) {
        int index = find(encode(name), (int) INT.getAcquire(segment, OFF_ENTRIES));
        if (index < 0) {
            throw new NoSuchElementException("no shared memory structure \"" + name + "\" in " + path);
        }
        long entry = DIRECTORY + index * ENTRY_SIZE;
        return segment.asSlice((long) LONG.get(segment, entry + ENTRY_OFFSET),
                (long) LONG.get(segment, entry + ENTRY_LENGTH), ALIGNMENT);
    }

    /** Every named structure, in allocation order. */
    public List<Allocation> allocations() {
        int entries = (int) INT.getAcquire(segment, OFF_ENTRIES);
        List<Allocation> result = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            long entry = DIRECTORY + i * ENTRY_SIZE;
            result.add(new Allocation(nameAt(entry), (long) LONG.get(segment, entry + ENTRY_OFFSET),
                    (long) LONG.get(segment, entry + ENTRY_LENGTH)));
        }
        return result;
    }

    public Path path() {
        return path;
    }

    /** Total bytes mapped, header included. */
    public long size() {
        return segment.byteSize();
    }

    /** Bytes not yet allocated to any structure. */
    public long freeBytes() {
        return segment.byteSize() - (long) LONG.getVolatile(segment, OFF_FREE);
    }

    /** Which incarnation of the segment this is; it changes when the postmaster re-initializes after a crash. */
    public long generation() {
        return (long) LONG.get(segment, OFF_GENERATION);
    }

    public long creatorPid() {
        return (long) LONG.get(segment, OFF_CREATOR_PID);
    }

    /** Unmaps the segment from this process (the file stays; the postmaster removes it at shutdown). */
    @Override
    public void close() {
        arena.close();
    }

    private int find(byte[] encoded, int entries) {
        for (int i = 0; i < entries; i++) {
            long entry = DIRECTORY + i * ENTRY_SIZE;
            if (nameMatches(entry, encoded)) {
                return i;
            }
        }
        return -1;
    }

    private boolean nameMatches(long entry, byte[] encoded) {
        for (int i = 0; i < MAX_NAME_BYTES; i++) {
            byte stored = segment.get(ValueLayout.JAVA_BYTE, entry + i);
            byte wanted = i < encoded.length ? encoded[i] : 0;
            if (stored != wanted) {
                return false;
            }
        }
        return true;
    }

    private String nameAt(long entry) {
        int length = 0;
        while (length < MAX_NAME_BYTES && segment.get(ValueLayout.JAVA_BYTE, entry + length) != 0) {
            length++;
        }
        byte[] bytes = segment.asSlice(entry, length).toArray(ValueLayout.JAVA_BYTE);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] encode(String name) {
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        if (encoded.length == 0 || encoded.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("shared memory structure names have 1 to " + MAX_NAME_BYTES
                    + " UTF-8 bytes: \"" + name + "\"");
        }
        for (byte b : encoded) {
            if (b == 0) {
                throw new IllegalArgumentException("NUL in shared memory structure name");
            }
        }
        return encoded;
    }

    private static long alignUp(long offset) {
        return (offset + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** The generation of a Tusk segment already at {@code file}, or 0 if there is none. */
    private static long previousGeneration(Path file) {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
            while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
                // read the first 32 bytes
            }
            if (header.hasRemaining() || header.getLong(0) != MAGIC || header.getInt(8) != VERSION) {
                return 0;
            }
            return Math.max(0, header.getLong(24));
        } catch (IOException e) {
            return 0;
        }
    }
}

package org.tusk.storage.engine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.tusk.storage.access.CumulativeStats;
import org.tusk.storage.shmem.SharedMemory;

/**
 * The cluster's cumulative statistics in the segment ("cumulative statistics"): PostgreSQL 15's shared
 * pgstat hash table, with one entry per (database OID, object OID): a table's or an index's counters,
 * or a database's (object OID 0). Backends add what they counted locally at the end of each transaction
 * ({@link PendingStats}); any backend of any process reads them, so no Java object is shared.
 *
 * <p>A fixed-size open-addressing table: an entry's key word goes from 0 (free) to the entry's key once,
 * with a compare-and-set, and is never freed (dropping or resetting an object zeroes its counters), so a
 * probe never meets a hole that was once taken and lookups need no lock. Counters are 64-bit words
 * changed with atomic adds; the few that PostgreSQL clamps at zero (live and dead tuples) with a CAS loop.
 * When the table is full, counts for new objects are dropped (PostgreSQL's table grows instead).
 *
 * <p>Entry layout: the key word ({@code ~(database << 32 | object)}, so that 0 means free), then
 * {@link CumulativeStats#FIELDS} counters.
 */
final class StatsArea {

    static final String NAME = "cumulative statistics";
    /** Entries: a power of two. Tables, indexes and databases share them. */
    static final int ENTRIES = 8192;
    private static final long ENTRY_SIZE = 8L * (1 + CumulativeStats.FIELDS);
    /** The file a clean shutdown leaves for the next start (PostgreSQL: pg_stat/pgstat.stat). */
    static final String FILE = "pg_stat/pgstat.stat";
    private static final int FILE_MAGIC = 0x54534b31; // "TSK1"

    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final MemorySegment area;

    private StatsArea(MemorySegment area) {
        this.area = area;
    }

    static long shmemSize() {
        return ENTRY_SIZE * ENTRIES + SharedMemory.ALIGNMENT;
    }

    static StatsArea initialize(SharedMemory shm) {
        MemorySegment area = shm.allocate(NAME, ENTRY_SIZE * ENTRIES);
        area.fill((byte) 0);
        return new StatsArea(area);
    }

    static StatsArea attach(SharedMemory shm) {
        return new StatsArea(shm.lookup(NAME));
    }

    private static long key(int database, int object) {
        return ~((long) database << 32 | Integer.toUnsignedLong(object));
    }

    /** The entry of (database, object): its offset, or -1 if there is none and {@code create} is false or no room. */
    long entry(int database, int object, boolean create) {
        long key = key(database, object);
        int hash = (int) (key ^ key >>> 29) * 0x9E3779B1;
        int slot = (hash ^ hash >>> 16) & (ENTRIES - 1);
        for (int probes = 0; probes < ENTRIES; probes++) {
            long offset = ENTRY_SIZE * slot;
            long found = (long) LONG.getAcquire(area, offset);
            if (found == 0) {
                if (!create) {
                    return -1;
                }
                if (LONG.compareAndSet(area, offset, 0L, key)) {
                    return offset;
                }
                found = (long) LONG.getAcquire(area, offset); // another backend took it meanwhile
            }
            if (found == key) {
                return offset;
            }
            slot = (slot + 1) & (ENTRIES - 1);
        }
        return -1;
    }

    private static long field(long entry, int field) {
        return entry + 8L * (1 + field);
    }

    void add(long entry, int field, long delta) {
        if (delta != 0) {
            LONG.getAndAdd(area, field(entry, field), delta);
        }
    }

    /** Adds {@code delta}, never going below 0 (PostgreSQL's clamp of n_live_tuples and n_dead_tuples). */
    void addClamped(long entry, int field, long delta) {
        if (delta == 0) {
            return;
        }
        long at = field(entry, field);
        long current;
        do {
            current = (long) LONG.getVolatile(area, at);
        } while (!LONG.compareAndSet(area, at, current, Math.max(0, current + delta)));
    }

    void set(long entry, int field, long value) {
        LONG.setVolatile(area, field(entry, field), value);
    }

    /** Copies the entry's counters into {@code into}; false (and zeros) if there is no entry. */
    boolean read(int database, int object, long[] into) {
        long entry = entry(database, object, false);
        if (entry < 0) {
            java.util.Arrays.fill(into, 0L);
            return false;
        }
        for (int f = 0; f < CumulativeStats.FIELDS && f < into.length; f++) {
            into[f] = (long) LONG.getVolatile(area, field(entry, f));
        }
        return true;
    }

    /** Zeroes every counter of the entry (a reset, or a dropped object). */
    void zero(long entry) {
        for (int f = 0; f < CumulativeStats.FIELDS; f++) {
            LONG.setVolatile(area, field(entry, f), 0L);
        }
    }

    /** Zeroes the counters of every object of {@code database} (not the database's own entry). */
    void zeroObjectsOf(int database) {
        for (int slot = 0; slot < ENTRIES; slot++) {
            long offset = ENTRY_SIZE * slot;
            long key = ~(long) LONG.getAcquire(area, offset);
            if (key != -1L && (int) (key >>> 32) == database && (int) key != 0) {
                zero(offset);
            }
        }
    }

    /**
     * Writes every entry to {@code dataDirectory}/{@value #FILE} (through a temporary file and a rename),
     * at a clean shutdown, when no backend is left to change them.
     */
    void save(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        Path temp = dataDirectory.resolve(FILE + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                    Files.newOutputStream(temp)))) {
                out.writeInt(FILE_MAGIC);
                out.writeInt(CumulativeStats.FIELDS);
                for (int slot = 0; slot < ENTRIES; slot++) {
                    long offset = ENTRY_SIZE * slot;
                    long key = (long) LONG.getAcquire(area, offset);
                    if (key == 0) {
                        continue;
                    }
                    out.writeLong(~key);
                    for (int f = 0; f < CumulativeStats.FIELDS; f++) {
                        out.writeLong((long) LONG.getVolatile(area, field(offset, f)));
                    }
                }
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write statistics file \"" + file + "\"", e);
        }
    }

    /**
     * At start: after a clean shutdown, takes the counters back from the file; after a crash
     * ({@code keep} false) they are lost, as PostgreSQL discards them. The file is removed either way, so
     * that a later crash does not bring back old counts.
     */
    void restore(Path dataDirectory, boolean keep) {
        Path file = dataDirectory.resolve(FILE);
        if (!Files.exists(file)) {
            return;
        }
        try {
            if (keep) {
                try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
                        Files.newInputStream(file)))) {
                    if (in.readInt() == FILE_MAGIC && in.readInt() == CumulativeStats.FIELDS) {
                        while (in.available() > 0) {
                            long key = in.readLong();
                            long entry = entry((int) (key >>> 32), (int) key, true);
                            for (int f = 0; f < CumulativeStats.FIELDS; f++) {
                                long value = in.readLong();
                                if (entry >= 0) {
                                    set(entry, f, value);
                                }
                            }
                        }
                    }
                } catch (java.io.EOFException e) {
                    // a torn file: keep what was read
                }
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read statistics file \"" + file + "\"", e);
        }
    }
}

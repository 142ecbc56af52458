package org.tusk.storage.engine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.tusk.storage.btree.IndexKeys;
import org.tusk.storage.btree.IndexTuple;
import org.tusk.storage.page.ItemPointer;

/**
 * The sorted runs of an index build whose entries outgrew its sort memory (PostgreSQL's tuplesort
 * tapes, under maintenance_work_mem): each run is a temporary file of leaf tuples in index order,
 * and {@link #merge} reads them back as one ordered stream, so a build's heap holds one run's
 * entries at a time instead of every entry of the table. A leaf tuple carries everything the merge
 * needs (its key values and heap TID), so nothing else is written.
 *
 * <p>The files are private to the building backend and deleted when the build ends, failed or not
 * ({@link #close}; should the process die first, at the JVM's exit). Like the query executor's
 * spill files, they go to the JVM's temporary directory.
 */
final class BuildRuns implements AutoCloseable {

    /** One entry read back: its leaf tuple, with the key values and TID decoded for the merge. */
    record Merged(byte[] tuple, Object[] key, long tid) {
    }

    private final IndexKeys keys;
    private final List<Path> files = new ArrayList<>();
    private final List<DataInputStream> open = new ArrayList<>();

    BuildRuns(IndexKeys keys) {
        this.keys = keys;
    }

    /**
     * The heap bytes an entry of {@code key} holds while it waits in memory to be sorted (the entry
     * record, its key array and values, its list slot): an estimate, as tuplesort's USEMEM is.
     */
    static long footprint(Object[] key) {
        long size = 24 + 16 + 8L * key.length + 8;
        for (Object v : key) {
            if (v instanceof String s) {
                size += 40 + s.length();
            } else if (v instanceof byte[] b) {
                size += 16 + b.length;
            } else if (v != null) {
                size += 24;
            }
        }
        return size;
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    int runs() {
        return files.size();
    }

    /** Writes one run: {@code tuples}, already in index order. */
    void write(Iterable<byte[]> tuples) {
        try {
            Path file = Files.createTempFile("tusk-index-build-", ".tmp");
            files.add(file);
            file.toFile().deleteOnExit();
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                    1 << 16))) {
                for (byte[] t : tuples) {
                    out.writeShort(t.length); // at most IndexTuple.MAX_SIZE
                    out.write(t);
                }
            }
        } catch (IOException e) {
            throw writeError(e);
        }
    }

    /**
     * Every run's entries in one stream, in index order: a k-way merge on the key values, the heap
     * TID breaking ties (TIDs are unique, so the order is the one a single sort of all entries gives).
     */
    Iterator<Merged> merge(Comparator order) {
        PriorityQueue<Reader> heads = new PriorityQueue<>((x, y) -> order.compare(x.head, y.head));
        for (Path file : files) {
            Reader r = new Reader(file);
            if (r.advance()) {
                heads.add(r);
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public Merged next() {
                Reader r = heads.poll();
                if (r == null) {
                    throw new NoSuchElementException();
                }
                Merged m = r.head;
                if (r.advance()) {
                    heads.add(r);
                }
                return m;
            }
        };
    }

    /** The order of two entries: key values in index order, then heap TID. */
    interface Comparator {
        int compare(Merged x, Merged y);
    }

    private final class Reader {
        private final DataInputStream in;
        Merged head;

        Reader(Path file) {
            try {
                in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
                open.add(in);
            } catch (IOException e) {
                throw readError(e);
            }
        }

        /** Reads the run's next entry into {@link #head}; false at the end of the run. */
        boolean advance() {
            try {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException end) {
                    head = null;
                    return false;
                }
                byte[] tuple = in.readNBytes(length);
                if (tuple.length != length) {
                    throw new EOFException("temporary file ends in the middle of an index entry");
                }
                MemorySegment segment = MemorySegment.ofArray(tuple);
                ItemPointer tid = IndexTuple.heapTid(segment);
                head = new Merged(tuple, IndexTuple.keys(keys, segment),
                        (Integer.toUnsignedLong(tid.block()) << 16) | tid.offset());
                return true;
            } catch (IOException e) {
                throw readError(e);
            }
        }
    }

    /** A run that cannot be written: disk_full, as the query executor's spill files say it. */
    private static EngineException writeError(IOException e) {
        EngineException x = new EngineException("53100", "could not write to temporary file: " + e.getMessage());
        x.initCause(e);
        return x;
    }

    /** A run that cannot be read back: io_error. */
    private static EngineException readError(IOException e) {
        EngineException x = new EngineException("58030", "could not read from temporary file: " + e.getMessage());
        x.initCause(e);
        return x;
    }

    /** Closes and deletes every run. */
    @Override
    public void close() {
        for (DataInputStream in : open) {
            try {
                in.close();
            } catch (IOException ignored) {
                // deleting the file is what matters
            }
        }
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // deleteOnExit is still registered
            }
        }
        files.clear();
        open.clear();
    }
}

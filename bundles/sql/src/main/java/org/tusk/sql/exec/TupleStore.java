package org.tusk.sql.exec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.tusk.spi.SqlException;

/**
 * An append-only store of rows with random access (PostgreSQL's tuplestore.c): what a cursor, a
 * suspended portal, a window partition or a recursive query's working table keeps while it is read,
 * perhaps more than once and perhaps backwards.
 *
 * <p>Rows stay in memory, as the objects they are, until their estimated size (the sorts' estimate,
 * {@link RowCodec#size}) passes the store's memory limit (work_mem); every later row goes to a
 * temporary file. Unlike tuplestore.c the rows already in memory stay there rather than being dumped
 * too: they fit the budget anyway, and reading them costs nothing. So a store never holds more than
 * its limit of heap (plus an index of 8 bytes per {@value #INDEX_EVERY} rows on file), whatever the
 * number of rows.
 *
 * <p>On file each row is its {@link RowCodec} bytes with their length before and after them, so the
 * file can be read forwards and backwards from any row (tuplestore.c writes the length twice for the
 * same reason); a sparse index of every {@value #INDEX_EVERY}th row's offset makes a jump to any row a
 * seek plus at most that many length reads. Reading may interleave with appending, as WindowAgg and
 * the recursive union need: the rows written but still buffered are flushed before a read reaches them.
 *
 * <p>A row is read by its number ({@link #get}) or through a {@link Reader}, a read position with
 * forward and backward steps that can be marked and restored (tuplestore.c's read pointers). Rows come
 * back as equal values, not the same objects once spilled, and must not be changed by readers.
 *
 * <p>The file lives in the temporary directory the sorts' {@link SpillFile}s use, and is deleted by
 * {@link #close} (which the owner calls at the end of the node, the portal, the cursor or the
 * transaction) and, should the backend die first, when the JVM exits.
 */
public final class TupleStore implements AutoCloseable {
    /** Every how many rows on file the offset is indexed. */
    static final int INDEX_EVERY = 128;
    private static final int BUFFER = 1 << 16;
    /** Per row in memory beyond its values: the list slot and the row array's header. */
    private static final long ROW_OVERHEAD = 32;
    /** How many recently read rows' offsets are remembered. */
    private static final int HINTS = 4;
    private static final AtomicInteger OPEN_FILES = new AtomicInteger();
    private static final AtomicLong CREATED_FILES = new AtomicLong();

    private final long memoryLimit;
    private final List<Object> memory = new ArrayList<>();
    private long memoryBytes;
    private long count;

    // ---- the rows after those in memory, on file
    private Path path;
    private FileChannel channel;
    private final ByteArrayOutputStream scratch = new ByteArrayOutputStream();
    private final DataOutputStream encoder = new DataOutputStream(scratch);
    private ByteBuffer writeBuffer;
    /** Bytes on disk; those after it are still in {@link #writeBuffer}. */
    private long flushed;
    /** The file's logical length: {@link #flushed} plus what is buffered. */
    private long fileEnd;
    private long[] index = new long[16];
    private int indexed;
    private ByteBuffer readBuffer;
    private long readBufferStart = -1;
    /**
     * Recently read file rows (numbered from the first row on file) and their offsets: several readers
     * (a window frame's start and end, lag and lead) each walk their own neighbourhood, and a step from
     * a recent row is cheaper than one from the index.
     */
    private final long[] recentRow = new long[HINTS];
    private final long[] recentOffset = new long[HINTS];
    private int nextHint;
    private final byte[] lengthBytes = new byte[4];
    private boolean closed;

    /** A store that keeps rows in memory up to {@code memoryLimit} bytes (work_mem) and spills the rest. */
    public TupleStore(long memoryLimit) {
        this.memoryLimit = memoryLimit;
    }

    /** A store for an execution: work_mem as the executor's other spilling nodes read it (at least 64kB). */
    public static TupleStore forWorkMem(long workMemBytes) {
        return new TupleStore(Math.max(64 * 1024, workMemBytes));
    }

    /** Temporary files of tuple stores open in this JVM (for tests: they must all be closed). */
    public static int openFiles() {
        return OPEN_FILES.get();
    }

    /** Temporary files tuple stores have created in this JVM so far (for tests: did a store spill?). */
    public static long createdFiles() {
        return CREATED_FILES.get();
    }

    /** Adds a row at the end (a value array, or anything {@link RowCodec} can write). */
    public void append(Object row) {
        if (closed) {
            throw new IllegalStateException("tuple store is closed");
        }
        if (channel == null) {
            long size = RowCodec.size(row) + ROW_OVERHEAD;
            if (memoryBytes + size <= memoryLimit) {
                memory.add(row);
                memoryBytes += size;
                count++;
                return;
            }
            openFile();
        }
        writeRow(row);
        count++;
    }

    /** The number of rows appended. */
    public long size() {
        return count;
    }

    /** Whether rows went to a temporary file. */
    public boolean spilled() {
        return channel != null;
    }

    /** The temporary file, or null while every row is in memory (for tests and EXPLAIN-like reports). */
    public Path file() {
        return path;
    }

    /** Row {@code i} (0-based); {@code i} must be below {@link #size()}. */
    public Object get(long i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("row " + i + " of " + count);
        }
        if (i < memory.size()) {
            return memory.get((int) i);
        }
        long k = i - memory.size();
        long offset = offsetOf(k);
        int length = readInt(offset);
        byte[] bytes = new byte[length];
        read(offset + 4, bytes);
        remember(k, offset);
        try {
            return RowCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw readError(e);
        }
    }

    /** A new read position before the first row. */
    public Reader reader() {
        return new Reader();
    }

    /** Forgets every row (and deletes the file) but keeps the store usable: the next step's working table. */
    public void clear() {
        closeFile();
        memory.clear();
        memoryBytes = 0;
        count = 0;
        closed = false;
    }

    /** Releases the rows and deletes the temporary file; a closed store takes no more rows. */
    @Override
    public void close() {
        clear();
        closed = true;
    }

    // ---- reading a row's place in the file

    /**
     * The file offset of file row {@code k}: reached from whichever is nearest, the index entry before
     * it (stepping forward over lengths) or a recently read row (stepping forward or backward).
     */
    private long offsetOf(long k) {
        long from = k / INDEX_EVERY * INDEX_EVERY;
        long offset = index[(int) (k / INDEX_EVERY)];
        long steps = k - from;
        int best = -1;
        for (int h = 0; h < HINTS; h++) {
            long r = recentRow[h];
            if (r >= 0 && Math.abs(k - r) < steps) {
                steps = Math.abs(k - r);
                best = h;
            }
        }
        if (best >= 0) {
            from = recentRow[best];
            offset = recentOffset[best];
        }
        for (long r = from; r < k; r++) {
            offset += 8 + readInt(offset);
        }
        for (long r = from; r > k; r--) {
            offset -= 8 + readInt(offset - 4);
        }
        return offset;
    }

    /** Remembers a row's offset among the recent ones (unless it is one of them already). */
    private void remember(long k, long offset) {
        for (int h = 0; h < HINTS; h++) {
            if (recentRow[h] == k) {
                return;
            }
        }
        recentRow[nextHint] = k;
        recentOffset[nextHint] = offset;
        nextHint = (nextHint + 1) % HINTS;
    }

    private int readInt(long offset) {
        byte[] b = lengthBytes;
        read(offset, b);
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    /** Fills {@code dst} from the file at {@code offset}, through a buffer of the file's last-read region. */
    private void read(long offset, byte[] dst) {
        if (offset + dst.length > flushed) {
            flush();
        }
        try {
            if (dst.length > BUFFER / 2) {
                ByteBuffer direct = ByteBuffer.wrap(dst);
                while (direct.hasRemaining()) {
                    if (channel.read(direct, offset + direct.position()) < 0) {
                        throw new IOException("unexpected end of file");
                    }
                }
                return;
            }
            if (readBufferStart < 0 || offset < readBufferStart
                    || offset + dst.length > readBufferStart + readBuffer.limit()) {
                // Centre backward steps: start the buffer somewhat before the offset asked for.
                long start = Math.max(0, offset - BUFFER / 4);
                readBuffer.clear();
                while (readBuffer.hasRemaining()) {
                    int n = channel.read(readBuffer, start + readBuffer.position());
                    if (n < 0) {
                        break;
                    }
                }
                readBuffer.flip();
                readBufferStart = start;
                if (offset + dst.length > start + readBuffer.limit()) {
                    throw new IOException("read only " + (start + readBuffer.limit() - offset) + " of "
                            + dst.length + " bytes");
                }
            }
            readBuffer.get((int) (offset - readBufferStart), dst);
        } catch (IOException e) {
            throw readError(e);
        }
    }

    // ---- writing

    private void openFile() {
        try {
            path = Files.createTempFile("tusk-store-", ".tmp");
            path.toFile().deleteOnExit();
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw writeError(e);
        }
        OPEN_FILES.incrementAndGet();
        CREATED_FILES.incrementAndGet();
        writeBuffer = ByteBuffer.allocate(BUFFER);
        readBuffer = ByteBuffer.allocate(BUFFER);
        readBufferStart = -1;
        flushed = 0;
        fileEnd = 0;
        indexed = 0;
        Arrays.fill(recentRow, -1);
        nextHint = 0;
    }

    private void writeRow(Object row) {
        long k = count - memory.size();
        if (k % INDEX_EVERY == 0) {
            if (indexed == index.length) {
                index = Arrays.copyOf(index, indexed * 2);
            }
            index[indexed++] = fileEnd;
        }
        scratch.reset();
        try {
            RowCodec.write(encoder, row);
            encoder.flush();
        } catch (IOException e) {
            throw writeError(e);
        }
        int length = scratch.size();
        if (writeBuffer.remaining() < length + 8) {
            flush();
        }
        if (length + 8 > writeBuffer.capacity()) {
            ByteBuffer big = ByteBuffer.allocate(length + 8);
            big.putInt(length).put(scratch.toByteArray()).putInt(length).flip();
            writeAt(big, fileEnd);
            flushed += big.capacity();
        } else {
            writeBuffer.putInt(length).put(scratch.toByteArray()).putInt(length);
        }
        fileEnd += length + 8;
    }

    /** Writes the buffered rows to the file. */
    private void flush() {
        if (writeBuffer == null || writeBuffer.position() == 0) {
            return;
        }
        writeBuffer.flip();
        int n = writeBuffer.remaining();
        writeAt(writeBuffer, flushed);
        flushed += n;
        writeBuffer.clear();
    }

    private void writeAt(ByteBuffer b, long position) {
        try {
            long at = position;
            while (b.hasRemaining()) {
                at += channel.write(b, at);
            }
        } catch (IOException e) {
            throw writeError(e);
        }
    }

    private void closeFile() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // the file is deleted below either way
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort: deleted at exit anyway
        }
        OPEN_FILES.decrementAndGet();
        channel = null;
        path = null;
        writeBuffer = null;
        readBuffer = null;
        index = new long[16];
        indexed = 0;
    }

    private static SqlException writeError(IOException e) {
        return new SqlException("53100", "could not write to tuplestore temporary file: " + e.getMessage());
    }

    private static SqlException readError(IOException e) {
        return new SqlException("58030", "could not read from tuplestore temporary file: " + e.getMessage());
    }

    /**
     * A read position in the store (tuplestore.c's read pointer): 0 is before the first row, i after
     * row i - 1. It may be saved ({@link #position}) and restored ({@link #seek}), e.g. as a mark.
     */
    public final class Reader {
        private long position;

        private Reader() {
        }

        /** The next row forwards, or null past the last (the position then stays after the last row). */
        public Object next() {
            if (position >= count) {
                return null;
            }
            return get(position++);
        }

        /** The row before the position, stepping back over it, or null at the start. */
        public Object previous() {
            if (position <= 0) {
                return null;
            }
            return get(--position);
        }

        /** The number of rows before the position. */
        public long position() {
            return position;
        }

        /** Moves to a position (0 .. size), e.g. one saved as a mark. */
        public void seek(long p) {
            if (p < 0 || p > count) {
                throw new IndexOutOfBoundsException("position " + p + " of " + count);
            }
            position = p;
        }

        /** Back before the first row. */
        public void rewind() {
            position = 0;
        }
    }
}

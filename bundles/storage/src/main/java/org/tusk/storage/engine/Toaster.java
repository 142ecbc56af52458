package org.tusk.storage.engine;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.StorageConstants;
import org.tusk.storage.heap.Attribute;
import org.tusk.storage.heap.Datums;
import org.tusk.storage.heap.HeapPage;
import org.tusk.storage.heap.HeapTuple;
import org.tusk.storage.heap.HeapTupleHeader;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.heap.StoredVarlena;
import org.tusk.storage.heap.ToastCompression;
import org.tusk.storage.heap.ToastPointer;
import org.tusk.storage.heap.TupleData;
import org.tusk.storage.heap.TupleDescriptor;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.smgr.StorageManager;

/**
 * TOAST for one backend's heap access (PostgreSQL's heaptoast.c, toast_internals.c and detoast.c):
 * rows wider than {@link #THRESHOLD} get their widest varlena values compressed and, if still too
 * wide, moved out of line into the table's TOAST relation, and such values are fetched back when a
 * row is read. See README.md ("TOAST") for the format and the rules.
 *
 * <p>The TOAST relation of a table is an ordinary heap (so its inserts, deletes, pruning and crash
 * recovery are the heap's) whose file number is the table's with the top bit set
 * ({@link #toastOf}), created and dropped with the table by {@link AccessSession}. A value's chunks
 * are chained by TID from chunk 0, whose TID the on-page pointer holds, so no index is needed to
 * find them.
 */
final class Toaster {

    /**
     * TOAST_TUPLE_THRESHOLD and TOAST_TUPLE_TARGET: MaximumBytesPerTuple(4), so that four such tuples
     * fit on a page. The same 2032 bytes as PostgreSQL (the page header is 32 bytes here too).
     */
    static final int THRESHOLD = (StorageConstants.BLOCK_SIZE
            - Page.maxAlign(Page.HEADER_SIZE + 4 * Page.ITEM_ID_SIZE)) / 4 & ~(Page.maxAlign(1) - 1);

    /** The TOAST relation's columns: chunk_id oid, chunk_seq int4, chunk_next int8 (a TID or -1), chunk_data bytea. */
    static final TupleDescriptor CHUNKS = new TupleDescriptor(List.of(
            Attribute.of("chunk_id", PgType.OID, true),
            Attribute.of("chunk_seq", PgType.INT4, true),
            Attribute.of("chunk_next", PgType.INT8, true),
            Attribute.of("chunk_data", PgType.BYTEA, true)));

    /**
     * TOAST_MAX_CHUNK_SIZE: the chunk data that makes a chunk tuple exactly {@link #THRESHOLD} bytes
     * (header 40, three fixed columns 16, the bytea's 4-byte header): 1972 (PostgreSQL: 1996, with its
     * 24-byte tuple header and no chunk_next).
     */
    static final int MAX_CHUNK_SIZE = THRESHOLD - HeapTuple.MIN_HEADER - 16 - 4;

    /** The top bit of a file number marks a TOAST relation. */
    private static final int TOAST_BIT = 0x8000_0000;
    /** A chunk_next that ends the chain. */
    private static final long NO_NEXT = -1;

    private final HeapAccess heap;
    private final BufferManager buffers;
    private final StorageManager smgr;
    private final Supplier<Integer> oids;
    /** Whether a table's TOAST relation exists, as this backend found it (cleared by {@link #forget}). */
    private final Map<RelFileLocator, Boolean> hasToast = new HashMap<>();
    /**
     * The pointer each value this backend fetched came from, for as long as the value is in use: an
     * UPDATE that writes the value back unchanged into the row it came from keeps the pointer (and the
     * chunks) instead of storing the value again, as toast_tuple_init does when old and new pointers
     * are equal. Strings and lists compare by content, byte arrays by identity, and a byte array's
     * content hash is checked again before its pointer is kept, in case someone changed it in place.
     */
    private final WeakHashMap<Object, Fetched> fetched = new WeakHashMap<>();

    /** A fetched value's pointer, and for a byte array its content hash when fetched. */
    private record Fetched(ToastPointer pointer, int bytesHash) {
    }
    /** The values the last {@link #form} moved out of line (removed again if its update fails). */
    private final List<ToastPointer> stored = new ArrayList<>();
    /** The pointers the last {@link #form} kept from the old version. */
    private final List<ToastPointer> kept = new ArrayList<>();

    Toaster(HeapAccess heap, BufferManager buffers, StorageManager smgr, Supplier<Integer> oids) {
        this.heap = heap;
        this.buffers = buffers;
        this.smgr = smgr;
        this.oids = oids;
    }

    /** The TOAST relation's locator of a table (its file number with the top bit set). */
    static RelFileLocator toastOf(RelFileLocator table) {
        return new RelFileLocator(table.tablespace(), table.database(), table.relNumber() | TOAST_BIT);
    }

    /** Whether {@code rel} is itself a TOAST relation. */
    static boolean isToast(RelFileLocator rel) {
        return (rel.relNumber() & TOAST_BIT) != 0;
    }

    /** Whether a table of {@code descriptor} gets a TOAST relation (needs_toast_table: some varlena column). */
    static boolean needsToast(RelFileLocator rel, TupleDescriptor descriptor) {
        if (isToast(rel)) {
            return false;
        }
        for (int i = 0; i < descriptor.size(); i++) {
            if (descriptor.attribute(i).isVarlena()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the table has a TOAST relation to move values into. */
    boolean hasToast(RelFileLocator rel) {
        if (isToast(rel)) {
            return false;
        }
        return hasToast.computeIfAbsent(rel, r -> smgr.exists(toastOf(r), ForkNumber.MAIN));
    }

    void forget(RelFileLocator rel) {
        hasToast.remove(rel);
    }

    // ------------------------------------------------------------ storing

    /**
     * heap_toast_insert_or_update and heap_form_tuple: the tuple for {@code row}, with values
     * compressed or moved out of line if it is wider than {@link #THRESHOLD}. {@code oldPointers}
     * gives the external values of the version an UPDATE replaces (empty for an insert); it is asked
     * only if a value of {@code row} was fetched from one of them. Raises "row is too big" if even
     * that does not make the tuple fit on a page.
     */
    byte[] form(HeapTable table, Object[] row, Supplier<List<ToastPointer>> oldPointers) {
        if (isToast(table.locator())) {
            byte[] chunk = HeapTuple.form(table.descriptor(), row); // chunks never need TOAST themselves
            HeapTuple.checkSize(chunk.length);
            return chunk;
        }
        stored.clear();
        kept.clear();
        TupleDescriptor d = table.descriptor();
        TupleData.Encoded encoded = TupleData.encode(d, row);
        if (!certainlyWide(encoded)) {
            byte[] plain = HeapTuple.form(d, encoded);
            if (plain.length <= THRESHOLD || !encoded.hasVarWidth()) {
                HeapTuple.checkSize(plain.length);
                return plain;
            }
        }
        Object[] work = row.clone();
        byte[][] payloads = encoded.varlenas();
        int n = row.length;
        boolean external = hasToast(table.locator());
        boolean[] compressTried = new boolean[n];
        boolean[] outOfLine = new boolean[n];
        keepUnchanged(table, row, work, outOfLine, oldPointers);
        int hoff = HeapTuple.headerSize(n, encoded.hasNulls());
        int maxDataLen = THRESHOLD - hoff;
        // 1. Compress the widest values first; one still wider than the target goes out of line at once.
        for (int i = widest(d, work, payloads, compressTried, outOfLine, n); i >= 0 && overTarget(d, work);
                i = widest(d, work, payloads, compressTried, outOfLine, n)) {
            compressTried[i] = true;
            byte[] compressed = ToastCompression.compress(payloads[i]);
            if (compressed != null) {
                work[i] = new StoredVarlena(compressed);
            }
            if (external && storedSize(work[i], payloads[i]) > maxDataLen) {
                work[i] = moveOutOfLine(table, payloads[i], compressed);
                outOfLine[i] = true;
            }
        }
        // 2. Still too wide: move the widest remaining values out of line.
        while (external && overTarget(d, work)) {
            int i = widest(d, work, payloads, null, outOfLine, n);
            if (i < 0) {
                break;
            }
            byte[] compressed = work[i] instanceof StoredVarlena s ? s.image() : null;
            work[i] = moveOutOfLine(table, payloads[i], compressed);
            outOfLine[i] = true;
        }
        byte[] tuple = HeapTuple.form(d, TupleData.encode(d, work));
        HeapTuple.checkSize(tuple.length);
        return tuple;
    }

    /**
     * Whether the values alone are wider than the threshold: then the plain tuple is not formed at all
     * (a 50 MB value would be copied into it only to learn that it is too wide).
     */
    private static boolean certainlyWide(TupleData.Encoded encoded) {
        if (encoded.varlenas() == null) {
            return false;
        }
        long bytes = 0;
        for (byte[] v : encoded.varlenas()) {
            bytes += v == null ? 0 : v.length;
        }
        return bytes > THRESHOLD;
    }

    private static boolean overTarget(TupleDescriptor d, Object[] work) {
        return HeapTuple.length(d, TupleData.encode(d, work)) > THRESHOLD;
    }

    /**
     * The widest value still inline that step 1 (compressTried given: not yet tried) or step 2 may
     * work on, or -1: only values wider than a TOAST pointer are worth it.
     */
    private static int widest(TupleDescriptor d, Object[] work, byte[][] payloads, boolean[] compressTried,
            boolean[] outOfLine, int n) {
        int best = -1;
        int bestSize = Page.maxAlign(ToastPointer.SIZE);
        for (int i = 0; i < n; i++) {
            if (payloads == null || payloads[i] == null || outOfLine[i]
                    || (compressTried != null && compressTried[i]) || !d.attribute(i).isVarlena()) {
                continue;
            }
            int size = storedSize(work[i], payloads[i]);
            if (size > bestSize) {
                best = i;
                bestSize = size;
            }
        }
        return best;
    }

    private static int storedSize(Object value, byte[] payload) {
        if (value instanceof StoredVarlena s) {
            return s.image().length;
        }
        return payload.length + 1 <= Datums.SHORT_VARLENA_MAX ? payload.length + 1 : payload.length + 4;
    }

    /**
     * toast_tuple_init's comparison of old and new values: a value of the new row that this backend
     * fetched from one of the replaced version's pointers keeps that pointer.
     */
    private void keepUnchanged(HeapTable table, Object[] row, Object[] work, boolean[] outOfLine,
            Supplier<List<ToastPointer>> oldPointers) {
        List<ToastPointer> old = null;
        int toastRel = toastOf(table.locator()).relNumber();
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null || row[i] instanceof StoredVarlena) {
                continue;
            }
            Fetched f = fetched.get(row[i]);
            ToastPointer p = f == null ? null : f.pointer();
            if (p == null || p.toastRel() != toastRel
                    || (row[i] instanceof byte[] b && java.util.Arrays.hashCode(b) != f.bytesHash())) {
                continue;
            }
            if (old == null) {
                old = oldPointers.get();
            }
            if (old.contains(p) && !kept.contains(p)) {
                work[i] = new StoredVarlena(p.image());
                outOfLine[i] = true;
                kept.add(p);
            }
        }
    }

    /**
     * toast_save_datum: stores the payload (or its compressed image) as chunks in the TOAST relation,
     * the last chunk first so that each chunk can name the next one's TID, and returns the pointer.
     */
    private StoredVarlena moveOutOfLine(HeapTable table, byte[] payload, byte[] compressed) {
        // A compressed value's chunks hold its image without the 4-byte header (va_tcinfo first).
        byte[] data = compressed != null ? compressed : payload;
        int from = compressed != null ? 4 : 0;
        int length = data.length - from;
        int valueId = oids.get();
        HeapTable toast = new HeapTable(toastOf(table.locator()), CHUNKS);
        int chunks = Math.max(1, (length + MAX_CHUNK_SIZE - 1) / MAX_CHUNK_SIZE);
        long next = NO_NEXT;
        ItemPointer first = null;
        for (int seq = chunks - 1; seq >= 0; seq--) {
            int start = seq * MAX_CHUNK_SIZE;
            int size = Math.min(MAX_CHUNK_SIZE, length - start);
            byte[] chunk = new byte[size];
            System.arraycopy(data, from + start, chunk, 0, size);
            first = heap.insert(toast, new Object[] {Integer.toUnsignedLong(valueId), seq, next, chunk});
            next = packTid(first);
        }
        ToastPointer p = new ToastPointer(payload.length + 4, length, valueId, toast.locator().relNumber(),
                first.block(), first.offset());
        stored.add(p);
        return new StoredVarlena(p.image());
    }

    private static long packTid(ItemPointer tid) {
        return Integer.toUnsignedLong(tid.block()) << 16 | tid.offset();
    }

    /**
     * After an UPDATE: if it happened, the replaced version's external values that the new version
     * does not keep are deleted ({@code oldPointers}, asked only if the old version had any); if it
     * did not (the row changed meanwhile), the values {@link #form} stored for it are deleted again.
     * Deleted chunks are removed by VACUUM (or pruning) of the TOAST relation once no snapshot can see
     * the old version.
     */
    void afterUpdate(HeapTable table, boolean done, boolean oldHadExternal, Supplier<List<ToastPointer>> oldPointers) {
        if (isToast(table.locator()) || (done && !oldHadExternal && stored.isEmpty() && kept.isEmpty())) {
            return; // the common case (no wide values): nothing to do, nothing allocated
        }
        List<ToastPointer> delete = new ArrayList<>();
        if (!done) {
            delete.addAll(stored);
        } else if (oldHadExternal) {
            for (ToastPointer p : oldPointers.get()) {
                if (!kept.contains(p)) {
                    delete.add(p);
                }
            }
        }
        stored.clear();
        kept.clear();
        for (ToastPointer p : delete) {
            deleteValue(table, p);
        }
    }

    /** After a DELETE of a version with external values: heap_toast_delete, its values' chunks are deleted. */
    void afterDelete(HeapTable table, List<ToastPointer> oldPointers) {
        if (isToast(table.locator())) {
            return;
        }
        for (ToastPointer p : oldPointers) {
            deleteValue(table, p);
        }
    }

    /**
     * After {@link HeapAccess#abortInsert} took back a row with external values (toast_delete with
     * is_speculative): their chunks, inserted by this very command, are taken back the same way (a delete
     * by the command that inserted them would not see them).
     */
    void afterAbortInsert(HeapTable table, List<ToastPointer> pointers) {
        if (isToast(table.locator())) {
            return;
        }
        for (ToastPointer p : pointers) {
            deleteValue(table, p, true);
        }
    }

    private void deleteValue(HeapTable table, ToastPointer p) {
        deleteValue(table, p, false);
    }

    /** toast_delete_datum: deletes (or, {@code takeBack}, takes back) every chunk of the value, as the current command. */
    private void deleteValue(HeapTable table, ToastPointer p, boolean takeBack) {
        HeapTable toast = new HeapTable(toastOf(table.locator()), CHUNKS);
        long at = packTid(new ItemPointer(p.block(), p.offset()));
        int seq = 0;
        while (at != NO_NEXT) {
            ItemPointer tid = new ItemPointer((int) (at >>> 16), (int) (at & 0xFFFF));
            Object[] chunk = readChunk(toast, tid, p, seq);
            if (takeBack) {
                heap.abortInsert(toast, tid);
            } else {
                heap.delete(toast, tid); // ours to delete: only the row's updater or deleter gets here
            }
            at = (Long) chunk[2];
            seq++;
        }
    }

    /** The external values of a tuple (its {@link ToastPointer}s), read without detoasting. */
    static List<ToastPointer> pointersIn(TupleDescriptor d, MemorySegment tuple) {
        List<ToastPointer> out = new ArrayList<>();
        if (!HeapTupleHeader.hasAny(tuple, HeapTupleHeader.HEAP_HASEXTERNAL)) {
            return out;
        }
        boolean[] varlenas = new boolean[d.size()];
        for (int i = 0; i < d.size(); i++) {
            varlenas[i] = d.attribute(i).isVarlena();
        }
        for (Object v : HeapTuple.deform(d, tuple, varlenas)) {
            if (v instanceof ToastPointer p) {
                out.add(p);
            }
        }
        return out;
    }

    // ------------------------------------------------------------ fetching

    /**
     * Replaces every {@link ToastPointer} in {@code values} by the value it stands for (detoast_attr),
     * in place; returns {@code values}. Called with no page lock held.
     */
    Object[] detoast(HeapTable table, Object[] values) {
        if (values == null) {
            return null;
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof ToastPointer p) {
                byte[] payload = fetch(table, p);
                Object value = Datums.decodeVarlena(table.descriptor().attribute(i), payload);
                fetched.put(value, new Fetched(p, value instanceof byte[] b ? java.util.Arrays.hashCode(b) : 0));
                values[i] = value;
            }
        }
        return values;
    }

    /**
     * toast_fetch_datum: the value's payload, its chunks read by following the chain from chunk 0. The
     * chunks are read whatever their visibility: a value's chunks are written once, by the transaction
     * that wrote the row version pointing at them, and removed only once no snapshot can see that
     * version, so whoever holds a pointer finds them (PostgreSQL reads them with SnapshotToast).
     */
    byte[] fetch(HeapTable table, ToastPointer p) {
        int from = p.compressed() ? 4 : 0;
        byte[] out = new byte[from + p.extSize()];
        HeapTable toast = new HeapTable(new RelFileLocator(table.locator().tablespace(), table.locator().database(),
                p.toastRel()), CHUNKS);
        long at = packTid(new ItemPointer(p.block(), p.offset()));
        int pos = from;
        int seq = 0;
        while (at != NO_NEXT) {
            Object[] chunk = readChunk(toast, new ItemPointer((int) (at >>> 16), (int) (at & 0xFFFF)), p, seq);
            byte[] data = (byte[]) chunk[3];
            if (pos + data.length > out.length) {
                throw corrupt("unexpected chunk size " + data.length + " (expected " + Math.min(MAX_CHUNK_SIZE,
                        out.length - pos) + ") in chunk " + seq + " of " + chunksOf(p) + " for toast value "
                        + Integer.toUnsignedString(p.valueId()) + " in " + toast.locator());
            }
            System.arraycopy(data, 0, out, pos, data.length);
            pos += data.length;
            at = (Long) chunk[2];
            seq++;
        }
        if (pos != out.length) {
            throw corrupt("missing chunk number " + seq + " for toast value " + Integer.toUnsignedString(p.valueId())
                    + " in " + toast.locator());
        }
        if (from == 0) {
            return out;
        }
        MemorySegment.ofArray(out).set(Page.INT, 0, out.length << 2 | 0x02);
        return ToastCompression.decompress(out, 0, out.length);
    }

    private static int chunksOf(ToastPointer p) {
        return (p.extSize() + MAX_CHUNK_SIZE - 1) / MAX_CHUNK_SIZE;
    }

    /** Chunk {@code seq} of the value at {@code tid}, checked to be that chunk. */
    private Object[] readChunk(HeapTable toast, ItemPointer tid, ToastPointer p, int seq) {
        if (Integer.compareUnsigned(tid.block(), heap.blocks(toast)) >= 0) {
            throw corrupt("missing chunk number " + seq + " for toast value " + Integer.toUnsignedString(p.valueId())
                    + " in " + toast.locator());
        }
        int buffer = buffers.readBuffer(toast.locator(), ForkNumber.MAIN, tid.block());
        buffers.lock(buffer, LWLock.Mode.SHARED);
        try {
            MemorySegment tuple = HeapPage.fetch(buffers.page(buffer), tid.offset());
            Object[] chunk = tuple == null ? null : HeapTuple.deform(CHUNKS, tuple);
            if (chunk == null || ((Long) chunk[0]).intValue() != p.valueId() || (Integer) chunk[1] != seq) {
                throw corrupt("missing chunk number " + seq + " for toast value "
                        + Integer.toUnsignedString(p.valueId()) + " in " + toast.locator());
            }
            return chunk;
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    private static EngineException corrupt(String message) {
        return new EngineException("XX000", message);
    }
}

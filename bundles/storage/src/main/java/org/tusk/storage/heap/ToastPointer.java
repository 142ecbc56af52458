package org.tusk.storage.heap;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.tusk.storage.page.Page.INT;
import static org.tusk.storage.page.Page.SHORT;

import java.lang.foreign.MemorySegment;

/**
 * The on-page stand-in of a value moved out of line into the table's TOAST relation (PostgreSQL's
 * varattrib_1b_e with a varatt_external): a 1-byte header {@code 0x01}, the tag
 * {@link #TAG_ONDISK}, then
 *
 * <pre>
 *  2 rawSize   int32: the value's size uncompressed, with a 4-byte header (va_rawsize)
 *  6 extInfo   int32: the bytes stored in chunks (low 30 bits) and the compression method (top 2 bits)
 * 10 valueId   oid:   the chunks' chunk_id (va_valueid)
 * 14 toastRel  oid:   the TOAST relation's file number (va_toastrelid)
 * 18 block     int32  \ the TID of chunk 0 (Tusk's addition: chunks are chained by TID,
 * 22 offset    int16  /  see org.tusk.storage.toast, so no index is needed to find them)
 * </pre>
 *
 * 24 bytes, stored unaligned like any 1-byte-header varlena. The chunks hold the value's varlena
 * payload, or for a compressed value its compressed form (method word included) as it would be
 * stored inline.
 *
 * <p>As in PostgreSQL, the value is compressed exactly when extSize &lt; rawSize - 4
 * (VARATT_EXTERNAL_IS_COMPRESSED); the method bits are 0, which means {@link ToastCompression}'s
 * method here (PostgreSQL's 0 is pglz).
 */
public record ToastPointer(int rawSize, int extSize, int valueId, int toastRel, int block, int offset) {

    /** VARTAG_ONDISK. */
    public static final int TAG_ONDISK = 18;
    /** The pointer's whole stored size, header and tag included (TOAST_POINTER_SIZE). */
    public static final int SIZE = 24;

    /** Whether the varlena at {@code at} is an external pointer (VARATT_IS_EXTERNAL). */
    public static boolean isPointer(MemorySegment seg, long at) {
        return seg.get(JAVA_BYTE, at) == 0x01;
    }

    /** The stored size of the external varlena at {@code at} (VARSIZE_EXTERNAL). */
    public static int storedSize(MemorySegment seg, long at) {
        int tag = seg.get(JAVA_BYTE, at + 1) & 0xFF;
        if (tag != TAG_ONDISK) {
            throw new IllegalStateException("unrecognized TOAST pointer tag " + tag);
        }
        return SIZE;
    }

    /** Reads the pointer at {@code at}. */
    public static ToastPointer read(MemorySegment seg, long at) {
        storedSize(seg, at);
        int extInfo = seg.get(INT, at + 6);
        return new ToastPointer(seg.get(INT, at + 2), extInfo & Datums.MAX_VARLENA, seg.get(INT, at + 10), seg.get(INT, at + 14), seg.get(INT, at + 18),
                Short.toUnsignedInt(seg.get(SHORT, at + 22)));
    }

    /** VARATT_EXTERNAL_IS_COMPRESSED: the chunks hold the compressed form. */
    public boolean compressed() {
        return extSize < rawSize - 4;
    }

    /** The pointer's 24 stored bytes. */
    public byte[] image() {
        byte[] b = new byte[SIZE];
        MemorySegment s = MemorySegment.ofArray(b);
        s.set(JAVA_BYTE, 0, (byte) 0x01);
        s.set(JAVA_BYTE, 1, (byte) TAG_ONDISK);
        s.set(INT, 2, rawSize);
        s.set(INT, 6, extSize);
        s.set(INT, 10, valueId);
        s.set(INT, 14, toastRel);
        s.set(INT, 18, block);
        s.set(SHORT, 22, (short) offset);
        return b;
    }
}

package org.tusk.storage.heap;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The attribute area shared by heap tuples and index tuples (PostgreSQL's heap_fill_tuple and
 * heap_deform_tuple / index_form_tuple): each non-null value in column order, fixed-length values and
 * 4-byte-header varlenas aligned to their attalign, short (1-byte header) varlenas unaligned. Offsets
 * are counted from the start of the tuple, which is always MAXALIGNed on a page, so an aligned offset
 * is an aligned address.
 */
public final class TupleData {

    private TupleData() {
    }

    /**
     * A row's values ready to be laid out at a given offset: the row itself (fixed-length values are
     * written straight from it, without an array each) and the payload bytes of its varlena values.
     */
    public record Encoded(Object[] row, byte[][] varlenas, boolean hasNulls, boolean hasVarWidth) {
        public boolean isNull(int column) {
            return row[column] == null;
        }
    }

    /**
     * Encodes {@code row} (one Java value or null per column, see {@link PgType} for the Java types)
     * against {@code descriptor}. A null in a NOT NULL column is refused here only as a last line of
     * defence: the executor reports the SQL error (23502) with the relation's name before. A value of
     * the wrong Java type is refused when it is laid out.
     */
    public static Encoded encode(TupleDescriptor descriptor, Object[] row) {
        if (row.length != descriptor.size()) {
            throw new IllegalArgumentException("row has " + row.length + " values, descriptor " + descriptor.size());
        }
        byte[][] varlenas = null;
        boolean hasNulls = false;
        boolean hasVarWidth = false;
        for (int i = 0; i < row.length; i++) {
            Attribute a = descriptor.attribute(i);
            if (row[i] == null) {
                if (a.notNull()) {
                    throw new IllegalArgumentException("null value in NOT NULL column \"" + a.name() + "\"");
                }
                hasNulls = true;
                continue;
            }
            if (!a.isVarlena()) {
                continue;
            }
            hasVarWidth = true;
            if (row[i] instanceof StoredVarlena) {
                continue; // already in stored form (compressed or moved out of line by the toaster)
            }
            if (varlenas == null) {
                varlenas = new byte[row.length][];
            }
            try {
                varlenas[i] = Datums.encodeVarlena(a, row[i]);
            } catch (ClassCastException e) {
                throw wrongType(a, row[i], e);
            }
            if (varlenas[i].length > Datums.MAX_VARLENA - 4) {
                throw new IllegalArgumentException("value too large for column \"" + a.name() + "\"");
            }
        }
        return new Encoded(row, varlenas, hasNulls, hasVarWidth);
    }

    private static IllegalArgumentException wrongType(Attribute a, Object value, ClassCastException e) {
        return new IllegalArgumentException("column \"" + a.name() + "\": " + value.getClass().getSimpleName()
                + " is not a value of type " + (a.isArray() ? a.element() + "[]" : a.type()), e);
    }

    /** Bytes of the null bitmap for {@code natts} columns (1 bit each, set = not null). */
    public static int bitmapLength(int natts) {
        return (natts + 7) / 8;
    }

    /**
     * Lays the values out from {@code offset}: returns the end offset, and writes them into
     * {@code tuple} unless it is null (so the same code computes the size and fills, as
     * heap_compute_data_size and heap_fill_tuple must agree). Padding is written as zeros.
     */
    public static int layout(TupleDescriptor descriptor, Encoded encoded, int offset, MemorySegment tuple) {
        int at = offset;
        Object[] row = encoded.row;
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) {
                continue;
            }
            Attribute a = descriptor.attribute(i);
            if (row[i] instanceof StoredVarlena stored) {
                // A TOAST pointer is a 1-byte-header varlena (unaligned), a compressed value a 4-byte one.
                byte[] image = stored.image();
                if (!stored.isPointer()) {
                    at = align(at, a.alignment(), tuple);
                }
                if (tuple != null) {
                    MemorySegment.copy(image, 0, tuple, ValueLayout.JAVA_BYTE, at, image.length);
                }
                at += image.length;
            } else if (a.isVarlena()) {
                byte[] v = encoded.varlenas[i];
                boolean shortHeader = v.length + 1 <= Datums.SHORT_VARLENA_MAX;
                if (!shortHeader) {
                    at = align(at, a.alignment(), tuple);
                }
                if (tuple != null) {
                    at += Datums.writeVarlena(v, true, tuple, at);
                } else {
                    at += shortHeader ? v.length + 1 : v.length + 4;
                }
            } else {
                at = align(at, a.alignment(), tuple);
                if (tuple != null) {
                    try {
                        Datums.writeFixed(a.type(), row[i], tuple, at);
                    } catch (ClassCastException e) {
                        throw wrongType(a, row[i], e);
                    }
                }
                at += a.length();
            }
        }
        return at;
    }

    private static int align(int at, int alignment, MemorySegment tuple) {
        int aligned = (at + alignment - 1) & -alignment;
        if (tuple != null) {
            for (int p = at; p < aligned; p++) {
                tuple.set(ValueLayout.JAVA_BYTE, p, (byte) 0);
            }
        }
        return aligned;
    }

    /** Writes the null bitmap of {@code encoded} at {@code at} (bit set = value present). */
    public static void writeBitmap(Encoded encoded, MemorySegment tuple, int at) {
        int n = encoded.row.length;
        tuple.asSlice(at, bitmapLength(n)).fill((byte) 0);
        for (int i = 0; i < n; i++) {
            if (encoded.row[i] != null) {
                long b = at + i / 8;
                tuple.set(ValueLayout.JAVA_BYTE, b, (byte) (tuple.get(ValueLayout.JAVA_BYTE, b) | 1 << (i % 8)));
            }
        }
    }

    /**
     * Decodes the first {@code natts} columns laid out from {@code dataOffset} (heap_deform_tuple).
     * {@code bitmapAt} is where the null bitmap is, or -1 when the tuple has no nulls. Columns past
     * {@code natts} (added to the table after the tuple was written) come back null.
     */
    public static Object[] deform(TupleDescriptor descriptor, MemorySegment tuple, int natts, int bitmapAt, int dataOffset) {
        return deform(descriptor, tuple, natts, bitmapAt, dataOffset, null);
    }

    /**
     * {@link #deform}, decoding only the columns {@code wanted} marks (all if null): the others are
     * stepped over by their stored length and come back null. Building an index or counting rows
     * needs a column or none, and decoding (a String per text value) is most of a scan's work. The
     * walk stops after the last wanted column: what follows it need not even be stepped over.
     */
    public static Object[] deform(TupleDescriptor descriptor, MemorySegment tuple, int natts, int bitmapAt, int dataOffset,
            boolean[] wanted) {
        Object[] row = new Object[descriptor.size()];
        int at = dataOffset;
        int end = Math.min(natts, descriptor.size());
        if (wanted != null) {
            end = Math.min(end, lastWanted(wanted) + 1);
        }
        for (int i = 0; i < end; i++) {
            if (bitmapAt >= 0 && (tuple.get(ValueLayout.JAVA_BYTE, bitmapAt + i / 8) & 1 << (i % 8)) == 0) {
                continue;
            }
            Attribute a = descriptor.attribute(i);
            if (a.isVarlena()) {
                // att_align_pointer: a zero byte is padding before an aligned 4-byte header.
                if (Datums.isPadByte(tuple, at)) {
                    at = (at + a.alignment() - 1) & -a.alignment();
                }
                int size = Datums.varlenaSize(tuple, at);
                if (wanted == null || wanted[i]) {
                    row[i] = decodeStoredVarlena(a, tuple, at, size);
                }
                at += size;
            } else {
                at = (at + a.alignment() - 1) & -a.alignment();
                if (wanted == null || wanted[i]) {
                    row[i] = Datums.decodeFixed(a.type(), tuple, at);
                }
                at += a.length();
            }
        }
        return row;
    }

    private static int lastWanted(boolean[] wanted) {
        for (int i = wanted.length - 1; i >= 0; i--) {
            if (wanted[i]) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The value of the varlena stored at {@code at} ({@code size} bytes): an external one comes back
     * as its {@link ToastPointer}, to be fetched by the caller once no page lock is held (its chunks
     * are in another relation); a compressed one is decompressed here.
     */
    private static Object decodeStoredVarlena(Attribute a, MemorySegment tuple, int at, int size) {
        if (ToastPointer.isPointer(tuple, at)) {
            return ToastPointer.read(tuple, at);
        }
        if (ToastCompression.isCompressed(tuple, at)) {
            byte[] image = tuple.asSlice(at, size).toArray(ValueLayout.JAVA_BYTE);
            return Datums.decodeVarlena(a, ToastCompression.decompress(image, 0, size));
        }
        int header = Datums.varlenaHeaderSize(tuple, at);
        return Datums.decodeVarlena(a, tuple.asSlice(at + header, size - header));
    }

    /** Whether any value of the row is a TOAST pointer (HEAP_HASEXTERNAL). */
    public static boolean hasExternal(Object[] row) {
        for (Object v : row) {
            if (v instanceof StoredVarlena s && s.isPointer()) {
                return true;
            }
        }
        return false;
    }

    /** The offset at which column {@code column} starts, following the same rules (for tests and tools). */
    public static int offsetOf(TupleDescriptor descriptor, MemorySegment tuple, int natts, int bitmapAt, int dataOffset,
            int column) {
        int at = dataOffset;
        for (int i = 0; i <= column && i < natts; i++) {
            if (bitmapAt >= 0 && (tuple.get(ValueLayout.JAVA_BYTE, bitmapAt + i / 8) & 1 << (i % 8)) == 0) {
                if (i == column) {
                    return -1;
                }
                continue;
            }
            Attribute a = descriptor.attribute(i);
            if (a.isVarlena()) {
                if (Datums.isPadByte(tuple, at)) {
                    at = (at + a.alignment() - 1) & -a.alignment();
                }
                if (i == column) {
                    return at;
                }
                at += Datums.varlenaSize(tuple, at);
            } else {
                at = (at + a.alignment() - 1) & -a.alignment();
                if (i == column) {
                    return at;
                }
                at += a.length();
            }
        }
        return -1;
    }
}

package org.tusk.storage.page;

import java.lang.foreign.MemorySegment;

/**
 * A tuple identifier (TID): block number and line pointer number, PostgreSQL's {@code ItemPointerData}.
 * Stored in 6 bytes, block (unsigned 32 bits) then offset (unsigned 16 bits), little-endian. Offset
 * numbers start at 1; offset 0 is {@link Page#INVALID_OFFSET}.
 */
public record ItemPointer(int block, int offset) implements Comparable<ItemPointer> {

    /** Bytes an item pointer takes on disk. */
    public static final int SIZE = 6;

    /** Block number meaning "no block" (PostgreSQL's InvalidBlockNumber, 0xFFFFFFFF). */
    public static final int INVALID_BLOCK = -1;

    public ItemPointer {
        if (offset < 0 || offset > 0xFFFF) {
            throw new IllegalArgumentException("offset number out of range: " + offset);
        }
    }

    public static ItemPointer read(MemorySegment segment, long at) {
        return new ItemPointer(segment.get(Page.INT, at), Short.toUnsignedInt(segment.get(Page.SHORT, at + 4)));
    }

    public void write(MemorySegment segment, long at) {
        segment.set(Page.INT, at, block);
        segment.set(Page.SHORT, at + 4, (short) offset);
    }

    /** Block numbers are unsigned; ordering is by block, then offset, as PostgreSQL's ItemPointerCompare. */
    @Override
    public int compareTo(ItemPointer o) {
        int c = Integer.compareUnsigned(block, o.block);
        return c != 0 ? c : Integer.compare(offset, o.offset);
    }

    /** PostgreSQL's text form, {@code (block,offset)}. */
    @Override
    public String toString() {
        return "(" + Integer.toUnsignedString(block) + "," + offset + ")";
    }
}

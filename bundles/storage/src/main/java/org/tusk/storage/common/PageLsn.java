package org.tusk.storage.common;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The page LSN: the first 8 bytes of every page, the end of the last WAL record that changed it.
 * The buffer manager reads it to flush WAL before writing the page; recovery compares it with a
 * record's LSN to skip changes the page already has.
 */
public final class PageLsn {

    private static final ValueLayout.OfLong LAYOUT = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private PageLsn() {
    }

    public static long get(MemorySegment page) {
        return page.get(LAYOUT, 0);
    }

    public static void set(MemorySegment page, long lsn) {
        page.set(LAYOUT, 0, lsn);
    }
}

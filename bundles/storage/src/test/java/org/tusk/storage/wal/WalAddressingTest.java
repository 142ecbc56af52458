package org.tusk.storage.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WalAddressingTest {

    @Test
    void usablePositionsAndLsnsConvertBothWays() {
        long previous = -1;
        for (long pos = 0; pos < 3 * WalAddressing.USABLE_PER_SEGMENT; pos += 8 * 997) {
            long lsn = WalAddressing.bytePosToRecPtr(pos);
            assertEquals(pos, WalAddressing.recPtrToBytePos(lsn));
            assertTrue(lsn % WalAddressing.PAGE_SIZE >= WalAddressing.headerSize(lsn - lsn % WalAddressing.PAGE_SIZE),
                    "never inside a page header");
            assertTrue(lsn > previous);
            previous = lsn;
        }
    }

    @Test
    void pageBoundaries() {
        long firstPageUsable = WalAddressing.PAGE_SIZE - WalAddressing.LONG_HEADER;
        // The first usable byte of segment 1 is right after its long header: PostgreSQL's 0/1000028.
        assertEquals(0x1000028L, WalAddressing.bytePosToRecPtr(WalAddressing.USABLE_PER_SEGMENT));
        assertEquals(WalAddressing.FIRST_RECORD, WalAddressing.bytePosToRecPtr(WalAddressing.USABLE_PER_SEGMENT));
        // A record ending exactly at a page's end ends at the boundary; one starting there starts after the header.
        assertEquals(WalAddressing.PAGE_SIZE, WalAddressing.bytePosToEndRecPtr(firstPageUsable));
        assertEquals(WalAddressing.PAGE_SIZE + WalAddressing.SHORT_HEADER,
                WalAddressing.bytePosToRecPtr(firstPageUsable));
        assertEquals(firstPageUsable, WalAddressing.recPtrToBytePos(WalAddressing.PAGE_SIZE));
        assertEquals(WalAddressing.SEGMENT_SIZE, WalAddressing.bytePosToEndRecPtr(WalAddressing.USABLE_PER_SEGMENT));
    }

    @Test
    void segmentFileNamesAsPostgres() {
        assertEquals("000000010000000000000001", WalAddressing.segmentFileName(1, 1));
        assertEquals("0000000100000000000000FF", WalAddressing.segmentFileName(1, 255));
        assertEquals("000000010000000100000000", WalAddressing.segmentFileName(1, 256));
        assertEquals(256, WalAddressing.parseSegmentFileName("000000010000000100000000"));
        assertEquals(-1, WalAddressing.parseSegmentFileName("xlogtemp.123"));
    }
}

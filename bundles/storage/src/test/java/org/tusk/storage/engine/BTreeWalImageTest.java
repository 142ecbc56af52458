package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import org.tusk.storage.btree.BTreePage;
import org.tusk.storage.page.Page;

/** The page image an index build logs for each page restores that page on redo, byte for byte. */
class BTreeWalImageTest {

    @Test
    void imageOfRestoresThePageOverAnyOldContent() {
        MemorySegment page = MemorySegment.ofArray(new byte[Page.SIZE]);
        BTreePage.initialize(page, 0, BTreePage.BTP_LEAF);
        for (int i = 0; i < 40; i++) {
            byte[] item = new byte[16];
            item[6] = 16; // t_info: the item's size
            item[8] = (byte) i;
            assertTrue(BTreePage.addItem(page, Page.maxOffset(page) + 1, MemorySegment.ofArray(item)));
        }
        byte[] data = BTreeWal.imageOf(page);

        MemorySegment redone = MemorySegment.ofArray(new byte[Page.SIZE]);
        redone.fill((byte) 0x5A); // a torn or stale page: the image replaces all of it, hole included
        BTreeWal.apply(redone, data);
        assertArrayEquals(page.toArray(ValueLayout.JAVA_BYTE), redone.toArray(ValueLayout.JAVA_BYTE));
        assertTrue(data.length < Page.SIZE, "the hole between pd_lower and pd_upper is left out");
    }
}

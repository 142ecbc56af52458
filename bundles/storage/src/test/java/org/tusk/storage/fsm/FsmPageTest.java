package org.tusk.storage.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.tusk.storage.common.StorageConstants;
import org.tusk.storage.page.Page;

/** The FSM page layout and PostgreSQL's categories, without an engine. */
class FsmPageTest {

    static MemorySegment zeroPage() {
        return Arena.ofAuto().allocate(StorageConstants.BLOCK_SIZE);
    }

    @Test
    void categoriesRoundWhatAPageHasDownAndWhatARequestNeedsUp() {
        assertEquals(0, FreeSpaceCategory.ofAvailable(31));
        assertEquals(1, FreeSpaceCategory.ofAvailable(32));
        assertEquals(255, FreeSpaceCategory.ofAvailable(StorageConstants.BLOCK_SIZE));
        assertEquals(0, FreeSpaceCategory.ofNeeded(0));
        assertEquals(1, FreeSpaceCategory.ofNeeded(1));
        assertEquals(1, FreeSpaceCategory.ofNeeded(32));
        assertEquals(2, FreeSpaceCategory.ofNeeded(33));
        // A page with less than a request never has the request's category: the map cannot offer it.
        for (int need = 1; need < 8000; need += 7) {
            assertTrue(FreeSpaceCategory.ofAvailable(need - 1) < FreeSpaceCategory.ofNeeded(need), "need " + need);
            assertTrue(FreeSpaceCategory.ofAvailable(need) >= FreeSpaceCategory.ofNeeded(need) - 1);
        }
    }

    @Test
    void anAllZeroPageKnowsNoSpace() {
        MemorySegment page = zeroPage();
        assertEquals(-1, FsmPage.search(page, 1));
        assertEquals(0, FsmPage.search(page, 0), "category 0 is asked only for nothing");
    }

    @Test
    void searchFindsAPageWithEnoughAndMovesTheHintPastIt() {
        MemorySegment page = zeroPage();
        assertTrue(FsmPage.set(page, 10, 5));
        assertFalse(FsmPage.set(page, 10, 5), "unchanged: nothing to write");
        assertTrue(FsmPage.set(page, 20, 50));
        assertTrue(FsmPage.set(page, 30, 50));
        assertEquals(20, FsmPage.search(page, 40));
        assertEquals(21, FsmPage.nextSlot(page));
        assertEquals(30, FsmPage.search(page, 40), "the next searcher is sent to another page");
        assertEquals(20, FsmPage.search(page, 40), "and the search wraps around");
        assertEquals(-1, FsmPage.search(page, 51));
        assertEquals(30, FsmPage.search(page, 1), "from the hint (21) on, not the first slot with room");
        assertEquals(10, FsmPage.search(page, 1), "then past the end and round to slot 10");
    }

    @Test
    void aGarbageHintIsClamped() {
        MemorySegment page = zeroPage();
        page.set(Page.INT, FsmPage.OFF_NEXT_SLOT, -5);
        assertEquals(0, FsmPage.nextSlot(page));
        page.set(Page.INT, FsmPage.OFF_NEXT_SLOT, FsmPage.SLOTS);
        assertEquals(0, FsmPage.nextSlot(page));
        FsmPage.set(page, FsmPage.SLOTS - 1, 9);
        assertEquals(FsmPage.SLOTS - 1, FsmPage.search(page, 9));
        assertEquals(0, FsmPage.nextSlot(page), "past the last slot is the first");
    }
}

package org.tusk.storage.fsm;

import org.tusk.storage.common.StorageConstants;

/**
 * PostgreSQL's free space categories: the map stores free space in steps of 32 bytes (BLCKSZ / 256)
 * so that one byte covers a page. What a page has is rounded down and what a request needs is rounded
 * up, so a page the map offers has at least the room asked for, unless the entry is stale.
 */
final class FreeSpaceCategory {

    /** FSM_CAT_STEP. */
    static final int STEP = StorageConstants.BLOCK_SIZE / 256;
    static final int MAX = 255;

    private FreeSpaceCategory() {
    }

    /** fsm_space_avail_to_cat: the category of a page with {@code avail} bytes free. */
    static int ofAvailable(int avail) {
        return Math.min(Math.max(avail, 0) / STEP, MAX);
    }

    /** fsm_space_needed_to_cat: the least category that surely has {@code needed} bytes. */
    static int ofNeeded(int needed) {
        return Math.min((Math.max(needed, 0) + STEP - 1) / STEP, MAX);
    }

    /** The free space a category stands for at least (fsm_space_cat_to_avail). */
    static int toAvailable(int category) {
        return category * STEP;
    }
}

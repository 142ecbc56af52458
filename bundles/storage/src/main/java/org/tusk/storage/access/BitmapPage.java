package org.tusk.storage.access;

/**
 * One heap page a bitmap heap scan visits ({@link Table#bitmapScan}): its block and the line pointer
 * offsets the index entries led to, in ascending order, or null when the bitmap kept only the page
 * (PostgreSQL's lossy page: every row of the page is a candidate and the caller rechecks its
 * conditions). The offsets are the entries' own TIDs, the roots of HOT chains.
 *
 * @param block   the page's block number
 * @param offsets the 1-based line pointer offsets, ascending, or null for the whole page
 */
public record BitmapPage(int block, int[] offsets) {

    /** Whether the page is lossy: every visible row of it is returned. */
    public boolean lossy() {
        return offsets == null;
    }
}

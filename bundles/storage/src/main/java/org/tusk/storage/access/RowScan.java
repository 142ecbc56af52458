package org.tusk.storage.access;

/**
 * Rows of one table visible to the snapshot the scan was opened with, read a page at a time (so a scan
 * of a big table never holds the whole table in memory, and holds no page lock between calls).
 */
public interface RowScan extends AutoCloseable {

    /** The next row, or null at the end. */
    Row next();

    /** Releases what the scan holds (a pinned page); a scan is closed at the end of its transaction anyway. */
    @Override
    void close();
}

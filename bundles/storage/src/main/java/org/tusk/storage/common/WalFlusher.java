package org.tusk.storage.common;

/**
 * Makes the write-ahead log durable up to a position. The buffer manager calls it with a dirty page's
 * LSN before writing the page (WAL before data); commit calls it with the commit record's end.
 */
public interface WalFlusher {

    /** Returns once every WAL byte before {@code lsn} is on stable storage. */
    void flush(long lsn);

    /** The position up to which the WAL is known durable now. */
    long flushedUpTo();
}

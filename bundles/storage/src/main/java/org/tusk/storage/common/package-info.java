/**
 * The vocabulary every storage subsystem shares: block and segment sizes, relation file names,
 * fork numbers, log sequence numbers, 64-bit transaction ids, snapshots, and the two small
 * interfaces through which subsystems call each other without depending on each other's
 * implementation ({@link org.tusk.storage.common.WalFlusher} for the buffer manager's WAL-before-data
 * rule, {@link org.tusk.storage.common.TransactionOracle} for visibility checks).
 *
 * <h2>Conventions</h2>
 * <ul>
 * <li><b>Proc numbers.</b> Every process or thread that uses shared storage state is identified by a
 *     proc number in {@code [0, maxProcs)}: backends take {@code [0, max_connections)} (the
 *     postmaster's backend slot), auxiliary processes (startup/recovery, checkpointer, background
 *     writer, WAL writer) take the numbers after them. Per-proc arrays in shared memory (wait
 *     words, running transaction ids, lock queues) are indexed by it, as PostgreSQL's PGPROC array is.</li>
 * <li><b>Byte order.</b> Everything written to disk (pages, WAL, control file) is little-endian and read
 *     with unaligned accessors, so a page image copied into a {@code byte[]} reads the same.</li>
 * <li><b>Page LSN.</b> The first 8 bytes of every page hold the LSN of the last WAL record that changed
 *     it ({@link org.tusk.storage.common.PageLsn}); an all-zero page is a valid "new" page.</li>
 * </ul>
 */
package org.tusk.storage.common;

/**
 * Simple LRU buffers (PostgreSQL's slru.c): small shared-memory caches of 8 kB pages of a
 * file-backed array indexed by transaction id, with I/O on a miss, used by the commit log and the
 * subtransaction parent map (package {@code org.tusk.storage.xact}).
 *
 * <p>Why a separate cache rather than the main buffer pool: these arrays are touched on every
 * visibility check and every commit, by page number, with a handful of hot pages; a fixed array of
 * slots searched linearly under one lock is cheaper than a hash lookup, pin and content lock, and
 * it needs no relation, fork or free-space machinery. See README.md in this directory.
 */
package org.tusk.storage.slru;

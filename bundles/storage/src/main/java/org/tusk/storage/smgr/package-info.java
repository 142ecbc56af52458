/**
 * The storage manager: relation forks as 1 GiB segment files under the data directory, read and
 * written a block at a time (PostgreSQL's smgr.c and md.c), and the fsync bookkeeping that lets a
 * checkpoint make every earlier write durable even when the writes were done by other processes
 * (the shared {@link org.tusk.storage.smgr.SyncRequestQueue}). The buffer manager is its only normal
 * caller. See README.md in this directory for the file layout, truncation and fsync rules.
 */
package org.tusk.storage.smgr;

package org.tusk.storage.lmgr;

/**
 * One row of what {@code pg_locks} will show: a mode of a lock held ({@code granted}) or awaited by a
 * proc. A proc holding several modes of one lock gives one row per mode, as in PostgreSQL.
 */
public record LockInfo(LockTag tag, LockMode mode, boolean granted, int procNumber, int pid) {
}

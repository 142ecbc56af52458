package org.tusk.storage.xact;

import org.tusk.storage.common.Snapshot;

/**
 * One backend's last MVCC snapshot and the proc array's completion count when it was taken
 * (PostgreSQL 14's snapXactCompletionCount). While no transaction has ended since, the snapshot is
 * still exactly what a new one would be (ids assigned since are at or above its xmax, so running for
 * it too), and {@link ProcArray#snapshot} hands it out again instead of reading every slot: the
 * select-only case, where read-only transactions end without an xid, then takes no new snapshot at all.
 * Private to its backend (a Java object); the count it compares with is in shared memory.
 */
final class SnapshotReuse {
    Snapshot snapshot;
    long completions;
}

package org.tusk.storage.common;

import java.util.Arrays;

/**
 * An MVCC snapshot, PostgreSQL's {@code SnapshotData} for the MVCC kind: every transaction below
 * {@code xmin} had finished when it was taken, every one at or above {@code xmax} had not started, and
 * of those between, exactly the ones in {@code inProgress} (sorted, top-level and subtransaction ids
 * alike) were still running. {@code commandId} is the taking transaction's current command: its own
 * changes made by earlier commands are visible, those of this and later commands are not.
 */
public record Snapshot(long xmin, long xmax, long[] inProgress, int commandId) {

    /** The id list of every snapshot with no running transaction: shared, as it cannot change. */
    private static final long[] NONE = new long[0];

    public Snapshot {
        if (inProgress.length == 0) {
            inProgress = NONE;
        } else {
            inProgress = inProgress.clone();
            Arrays.sort(inProgress);
        }
        if (xmin > xmax) {
            throw new IllegalArgumentException("snapshot xmin " + xmin + " > xmax " + xmax);
        }
    }

    /**
     * True if {@code xid} had not finished (or not started) when this snapshot was taken, so its
     * effects are invisible whatever its outcome (PostgreSQL's XidInMVCCSnapshot).
     */
    public boolean isRunning(long xid) {
        if (xid < xmin) {
            return false;
        }
        if (xid >= xmax) {
            return true;
        }
        return Arrays.binarySearch(inProgress, xid) >= 0;
    }

    @Override
    public long[] inProgress() {
        return inProgress.length == 0 ? NONE : inProgress.clone();
    }

    /** With another command id, for the next command of the same transaction. */
    public Snapshot withCommandId(int newCommandId) {
        return new Snapshot(xmin, xmax, inProgress, newCommandId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && s.xmin == xmin && s.xmax == xmax && s.commandId == commandId
                && Arrays.equals(s.inProgress, inProgress);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(xmin) * 31 + Arrays.hashCode(inProgress);
    }

    @Override
    public String toString() {
        return "Snapshot[" + xmin + ":" + xmax + ":" + Arrays.toString(inProgress) + ", cid " + commandId + "]";
    }
}

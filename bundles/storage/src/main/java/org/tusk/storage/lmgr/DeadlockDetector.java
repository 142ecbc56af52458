package org.tusk.storage.lmgr;

import static org.tusk.storage.lmgr.LockTable.NONE;

/**
 * Looks for a cycle in the wait-for graph that goes through one given proc (deadlock.c's
 * {@code FindLockCycle}, without the queue rearrangement).
 *
 * <p>The graph: a proc waiting for lock L in mode M has an edge to every other proc that holds a mode
 * of L conflicting with M (a "hard" edge), and to every proc queued ahead of it on L whose requested
 * mode conflicts with M (a "soft" edge: it only waits for that proc because the queue is FIFO). The
 * cycle found records which of its edges are soft, so that {@link LockManager} can try to break it by
 * reordering a queue before declaring a deadlock.
 *
 * <p>The caller holds every partition lock, so the graph cannot change during the search. The search
 * is a depth-first walk from the start proc; a proc once visited without reaching the start cannot
 * reach it later either, so each proc is visited at most once. On success the cycle is kept, in order
 * from the start proc, for the DETAIL message.
 */
final class DeadlockDetector {

    private final LockTable table;
    private final boolean[] visited;
    private final int[] cycleProcs;
    private final int[] cycleLocks;
    private final LockMode[] cycleModes;
    private final boolean[] cycleSoft;
    private int start;
    private int length;

    DeadlockDetector(LockTable table) {
        this.table = table;
        this.visited = new boolean[table.maxProcs];
        this.cycleProcs = new int[table.maxProcs + 1];
        this.cycleLocks = new int[table.maxProcs + 1];
        this.cycleModes = new LockMode[table.maxProcs + 1];
        this.cycleSoft = new boolean[table.maxProcs + 1];
    }

    /** True if {@code proc} waits in a cycle; then {@link #describe} tells which. */
    boolean findCycle(int proc) {
        start = proc;
        length = 0;
        return visit(proc, 0);
    }

    /** Number of procs in the cycle found. */
    int length() {
        return length;
    }

    /** The proc at position {@code i} of the cycle (0 is the start proc). */
    int procAt(int i) {
        return cycleProcs[i];
    }

    /** The lock the proc at position {@code i} waits for. */
    int lockAt(int i) {
        return cycleLocks[i];
    }

    /** Whether the edge from position {@code i} to the next is soft (a queue-order edge). */
    boolean softAt(int i) {
        return cycleSoft[i];
    }

    /**
     * PostgreSQL's DETAIL for a deadlock: one line per proc of the cycle, starting with the proc that
     * found it: "Process 12 waits for ShareLock on transaction 740; blocked by process 13."
     */
    String describe() {
        StringBuilder detail = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                detail.append('\n');
            }
            int blocker = cycleProcs[(i + 1) % length];
            detail.append(line(table.pid(cycleProcs[i]), cycleModes[i], table.tagOf(cycleLocks[i]), table.pid(blocker)));
        }
        return detail.toString();
    }

    static String line(int pid, LockMode mode, LockTag tag, int blockerPid) {
        return "Process " + pid + " waits for " + mode.pgName() + " on " + tag.describe()
                + "; blocked by process " + blockerPid + ".";
    }

    private boolean visit(int proc, int depth) {
        if (proc == start && depth > 0) {
            length = depth;
            return true;
        }
        if (visited[proc]) {
            return false;
        }
        visited[proc] = true;
        int lock = table.waitLock(proc);
        if (lock == NONE) {
            return false;
        }
        LockMode mode = table.waitMode(proc);
        int conflicts = mode.conflictMask();
        // Hard edges: holders of a conflicting mode.
        for (int pl = table.firstProcLock(lock); pl != NONE; pl = table.nextProcLock(pl)) {
            int holder = table.procOf(pl);
            if (holder != proc && (table.holdMask(pl) & conflicts) != 0 && follow(proc, lock, mode, holder, false, depth)) {
                return true;
            }
        }
        // Soft edges: conflicting requests queued ahead of this one.
        for (int waiter = table.firstWaiter(lock); waiter != proc && waiter != NONE; waiter = table.nextWaiter(waiter)) {
            if ((conflicts & table.waitMode(waiter).bit()) != 0 && follow(proc, lock, mode, waiter, true, depth)) {
                return true;
            }
        }
        return false;
    }

    private boolean follow(int proc, int lock, LockMode mode, int next, boolean soft, int depth) {
        if (!visit(next, depth + 1)) {
            return false;
        }
        cycleProcs[depth] = proc;
        cycleLocks[depth] = lock;
        cycleModes[depth] = mode;
        cycleSoft[depth] = soft;
        return true;
    }
}

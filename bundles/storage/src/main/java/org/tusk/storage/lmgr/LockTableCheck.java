package org.tusk.storage.lmgr;

import static org.tusk.storage.lmgr.LockTable.NONE;
import static org.tusk.storage.lmgr.LockTable.STATE_MASK;
import static org.tusk.storage.lmgr.LockTable.WAITING;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the invariants of the shared lock tables, for tests and debugging: every lock in the bucket
 * of its hash, with at least one proc-lock; granted counts, grant mask and grant total equal to what
 * its proc-locks hold; no two procs holding conflicting modes; one proc-lock per proc, each holding
 * something or being waited with; the wait queue's length and mode mask matching its members, each
 * of which is in waiting state and points back at the lock and its own proc-lock; the pools' in-use
 * counters equal to what the chains contain. The caller holds every partition lock.
 */
final class LockTableCheck {

    private static final LockMode[] MODES = LockMode.values();

    private final LockTable table;

    LockTableCheck(LockTable table) {
        this.table = table;
    }

    /** What is wrong, one line per problem; empty if nothing. */
    List<String> run() {
        List<String> problems = new ArrayList<>();
        int locks = 0;
        int procLocks = 0;
        for (int bucket = 0; bucket < table.bucketCount; bucket++) {
            for (int lock = table.bucketHeadAt(bucket); lock != NONE; lock = table.nextInBucket(lock)) {
                locks++;
                LockTag tag = table.tagOf(lock);
                if ((tag.hash() & (table.bucketCount - 1)) != bucket) {
                    problems.add(tag + " in bucket " + bucket);
                }
                procLocks += checkHolders(lock, tag, problems);
                checkQueue(lock, tag, problems);
            }
        }
        if (locks != table.locksInUse() || procLocks != table.procLocksInUse()) {
            problems.add("pool counters " + table.locksInUse() + "/" + table.procLocksInUse() + ", found "
                    + locks + "/" + procLocks);
        }
        return problems;
    }

    /** Checks the lock's proc-locks against its counts and masks; returns how many it has. */
    private int checkHolders(int lock, LockTag tag, List<String> problems) {
        if (table.firstProcLock(lock) == NONE) {
            problems.add(tag + " has no proc-locks");
        }
        int[] granted = new int[MODES.length];
        int grantMask = 0;
        int grants = 0;
        List<Integer> procs = new ArrayList<>();
        for (int pl = table.firstProcLock(lock); pl != NONE; pl = table.nextProcLock(pl)) {
            int proc = table.procOf(pl);
            if (procs.contains(proc)) {
                problems.add(tag + " has two proc-locks of proc " + proc);
            }
            procs.add(proc);
            int held = table.holdMask(pl);
            if (held == 0 && table.waitProcLock(proc) != pl) {
                problems.add(tag + ": proc " + proc + " neither holds nor awaits it");
            }
            for (int other = table.firstProcLock(lock); other != NONE; other = table.nextProcLock(other)) {
                if (other != pl && (table.holdMask(other) & conflictsOf(held)) != 0) {
                    problems.add(tag + ": procs " + proc + " and " + table.procOf(other) + " hold conflicting modes "
                            + LockMode.namesOf(held) + " / " + LockMode.namesOf(table.holdMask(other)));
                }
            }
            for (LockMode mode : MODES) {
                if ((held & mode.bit()) != 0) {
                    granted[mode.ordinal()]++;
                    grantMask |= mode.bit();
                    grants++;
                }
            }
        }
        for (LockMode mode : MODES) {
            if (table.granted(lock, mode) != granted[mode.ordinal()]) {
                problems.add(tag + ": granted " + mode.pgName() + " count " + table.granted(lock, mode)
                        + ", held by " + granted[mode.ordinal()]);
            }
        }
        if (table.grantMask(lock) != grantMask || table.grants(lock) != grants) {
            problems.add(tag + ": grant mask or total out of step");
        }
        return procs.size();
    }

    private void checkQueue(int lock, LockTag tag, List<String> problems) {
        int waitMask = 0;
        int waiters = 0;
        for (int proc = table.firstWaiter(lock); proc != NONE; proc = table.nextWaiter(proc)) {
            waiters++;
            waitMask |= table.waitMode(proc).bit();
            int pl = table.waitProcLock(proc);
            if (table.waitLock(proc) != lock || pl == NONE || table.procOf(pl) != proc
                    || table.findProcLock(lock, proc) != pl) {
                problems.add(tag + ": queued proc " + proc + " does not point back");
            }
            if ((table.status(proc) & STATE_MASK) != WAITING) {
                problems.add(tag + ": queued proc " + proc + " is not in waiting state");
            }
        }
        if (waiters != table.waiters(lock) || waitMask != table.waitMask(lock)) {
            problems.add(tag + ": queue length or wait mask out of step");
        }
    }

    private static int conflictsOf(int modes) {
        int conflicts = 0;
        for (LockMode mode : MODES) {
            if ((modes & mode.bit()) != 0) {
                conflicts |= mode.conflictMask();
            }
        }
        return conflicts;
    }
}

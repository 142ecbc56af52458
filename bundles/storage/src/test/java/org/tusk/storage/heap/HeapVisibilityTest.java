package org.tusk.storage.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.common.TransactionOracle;
import org.tusk.storage.common.TransactionOracle.Status;
import org.tusk.storage.page.ItemPointer;

/**
 * The visibility rules over the combinations of xmin and xmax states, against the outcomes
 * PostgreSQL documents for HeapTupleSatisfiesMVCC, HeapTupleSatisfiesUpdate and
 * HeapTupleSatisfiesVacuum (heapam_visibility.c's comments and README.tuplock).
 *
 * <p>The snapshot was taken with xmin 100, xmax 200 and transactions 150 and 160 running, by command
 * 5 of transaction 170. Since then 160 committed; 150 still runs.
 */
class HeapVisibilityTest {

    static final long COMMITTED = 90;       // committed before the snapshot
    static final long COMMITTED_LATE = 160; // committed, but running when the snapshot was taken
    static final long ABORTED = 95;
    static final long RUNNING = 150;        // another transaction, still running
    static final long ME = 170;             // the current transaction
    static final long MY_ABORTED_SUB = 171; // an aborted subtransaction of ours
    static final int CURCID = 5;
    static final long OLDEST_XMIN = 100;
    static final ItemPointer SELF = new ItemPointer(0, 1);

    static final Snapshot SNAPSHOT = new Snapshot(100, 200, new long[] {150, 160}, CURCID);

    /** A transaction manager as the rules see it; counts the status lookups. */
    static final class Oracle implements TransactionOracle {
        final Map<Long, Status> status = new HashMap<>(Map.of(COMMITTED, Status.COMMITTED,
                COMMITTED_LATE, Status.COMMITTED, ABORTED, Status.ABORTED, RUNNING, Status.IN_PROGRESS,
                ME, Status.IN_PROGRESS, MY_ABORTED_SUB, Status.ABORTED));
        int lookups;

        @Override
        public boolean isCurrentTransaction(long xid) {
            return xid == ME;
        }

        @Override
        public Status status(long xid) {
            lookups++;
            Status s = status.get(xid);
            if (s == null) {
                throw new AssertionError("unexpected xid " + xid);
            }
            return s;
        }
    }

    /** An xmin or xmax state: the xid, its command id and, for xmax, whether it only locked. */
    record State(long xid, int cid, boolean lockOnly, boolean updated) {
    }

    static final Map<String, State> STATES = Map.ofEntries(
            Map.entry("none", new State(0, 0, false, false)),
            Map.entry("C", new State(COMMITTED, 0, false, false)),
            Map.entry("C_upd", new State(COMMITTED, 0, false, true)),
            Map.entry("CL", new State(COMMITTED_LATE, 0, false, false)),
            Map.entry("A", new State(ABORTED, 0, false, false)),
            Map.entry("P", new State(RUNNING, 0, false, false)),
            Map.entry("frozen", new State(2, 0, false, false)),
            Map.entry("me3", new State(ME, 3, false, false)),
            Map.entry("me4", new State(ME, 4, false, false)),
            Map.entry("me5", new State(ME, 5, false, false)),
            Map.entry("me6", new State(ME, 6, false, false)),
            Map.entry("mysubA", new State(MY_ABORTED_SUB, 4, false, false)),
            Map.entry("lockP", new State(RUNNING, 0, true, false)),
            Map.entry("lockC", new State(COMMITTED, 0, true, false)),
            Map.entry("lockA", new State(ABORTED, 0, true, false)),
            Map.entry("lockMe", new State(ME, 0, true, false)));

    /**
     * xmin, xmax, visible to the snapshot?, TM_Result for command 5, HTSV_Result with OldestXmin 100.
     * me3 means "inserted/deleted by my command 3" (before the snapshot's command 5); me5 and me6 by
     * this command or a later one.
     */
    static final String[] TABLE = {
        // inserted by a transaction committed before the snapshot
        "C      none    true   OK              LIVE",
        "C      C       false  DELETED         DEAD",
        "C      C_upd   false  UPDATED         DEAD",
        "C      CL      true   DELETED         RECENTLY_DEAD",
        "C      A       true   OK              LIVE",
        "C      P       true   BEING_MODIFIED  DELETE_IN_PROGRESS",
        "C      me3     false  INVISIBLE       DELETE_IN_PROGRESS",
        "C      me5     true   SELF_MODIFIED   DELETE_IN_PROGRESS",
        "C      lockP   true   BEING_MODIFIED  LIVE",
        "C      lockC   true   OK              LIVE",
        "C      lockA   true   OK              LIVE",
        "C      lockMe  true   BEING_MODIFIED  LIVE",
        // committed, but after the snapshot was taken: invisible to it, yet final for updates
        "CL     none    false  OK              LIVE",
        "CL     P       false  BEING_MODIFIED  DELETE_IN_PROGRESS",
        "CL     me5     false  SELF_MODIFIED   DELETE_IN_PROGRESS",
        // aborted inserter: dead to everyone
        "A      none    false  INVISIBLE       DEAD",
        "A      P       false  INVISIBLE       DEAD",
        // inserter still running
        "P      none    false  INVISIBLE       INSERT_IN_PROGRESS",
        "P      P       false  INVISIBLE       INSERT_IN_PROGRESS",
        // inserted by this transaction, before this command
        "me3    none    true   OK              INSERT_IN_PROGRESS",
        "me3    me4     false  INVISIBLE       DELETE_IN_PROGRESS",
        "me3    me5     true   SELF_MODIFIED   DELETE_IN_PROGRESS",
        "me3    mysubA  true   OK              INSERT_IN_PROGRESS",
        "me3    lockP   true   BEING_MODIFIED  INSERT_IN_PROGRESS",
        "me3    lockC   true   OK              INSERT_IN_PROGRESS",
        "me3    lockMe  true   BEING_MODIFIED  INSERT_IN_PROGRESS",
        // inserted by this command or a later one
        "me5    none    false  INVISIBLE       INSERT_IN_PROGRESS",
        "me5    me6     false  INVISIBLE       DELETE_IN_PROGRESS",
        // frozen / bootstrap xmin: always committed
        "frozen none    true   OK              LIVE",
        "frozen C       false  DELETED         DEAD",
    };

    static MemorySegment tuple(State xmin, State xmax, int extraBits) {
        TupleDescriptor d = TupleDescriptor.of(Attribute.of("a", PgType.INT4));
        MemorySegment t = MemorySegment.ofArray(HeapTuple.form(d, new Object[] {1}));
        HeapTupleHeader.setXmin(t, xmin.xid());
        HeapTupleHeader.setCmin(t, xmin.cid());
        HeapTupleHeader.setCtid(t, xmax.updated() ? new ItemPointer(0, 2) : SELF);
        int mask = HeapTupleHeader.infomask(t) & ~HeapTupleHeader.HEAP_XMAX_INVALID;
        if (xmax.xid() == 0) {
            mask |= HeapTupleHeader.HEAP_XMAX_INVALID;
        } else {
            HeapTupleHeader.setXmax(t, xmax.xid());
            HeapTupleHeader.setCmax(t, xmax.cid());
            if (xmax.lockOnly()) {
                mask |= HeapTupleHeader.HEAP_XMAX_LOCK_ONLY | HeapTupleHeader.HEAP_XMAX_EXCL_LOCK;
            }
        }
        HeapTupleHeader.setInfomask(t, mask | extraBits);
        return t;
    }

    static final class CountingHints implements HintBits {
        final boolean allowCommitted;
        int dirtied;

        CountingHints(boolean allowCommitted) {
            this.allowCommitted = allowCommitted;
        }

        @Override
        public boolean mayMarkCommitted(long xid) {
            return allowCommitted;
        }

        @Override
        public void pageDirtied() {
            dirtied++;
        }
    }

    @Test
    void rulesMatchPostgresForEveryCombination() {
        List<String> failures = new ArrayList<>();
        for (String line : TABLE) {
            String[] f = line.trim().split("\\s+");
            State xmin = STATES.get(f[0]);
            State xmax = STATES.get(f[1]);
            boolean visible = Boolean.parseBoolean(f[2]);
            TmResult update = TmResult.valueOf(f[3]);
            VacuumStatus vacuum = VacuumStatus.valueOf(f[4]);
            // Each rule on a fresh tuple (no hints), then again after all three set their hints: the
            // outcome must not change once hints are there.
            for (int pass = 0; pass < 2; pass++) {
                Oracle oracle = new Oracle();
                MemorySegment t = pass == 0 ? tuple(xmin, xmax, 0) : hinted(xmin, xmax);
                boolean gotVisible = HeapVisibility.satisfiesMvcc(pass == 0 ? tuple(xmin, xmax, 0) : t, SNAPSHOT, oracle,
                        HintBits.ALWAYS);
                TmResult gotUpdate = HeapVisibility.satisfiesUpdate(pass == 0 ? tuple(xmin, xmax, 0) : t, SELF, CURCID,
                        oracle, HintBits.ALWAYS);
                VacuumStatus gotVacuum = HeapVisibility.satisfiesVacuum(pass == 0 ? tuple(xmin, xmax, 0) : t, OLDEST_XMIN,
                        oracle, HintBits.ALWAYS);
                if (gotVisible != visible || gotUpdate != update || gotVacuum != vacuum) {
                    failures.add(line + "  (pass " + pass + ") got " + gotVisible + " " + gotUpdate + " " + gotVacuum);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    /** The tuple after all three checks ran on it with every hint allowed. */
    static MemorySegment hinted(State xmin, State xmax) {
        MemorySegment t = tuple(xmin, xmax, 0);
        Oracle oracle = new Oracle();
        HeapVisibility.satisfiesMvcc(t, SNAPSHOT, oracle, HintBits.ALWAYS);
        HeapVisibility.satisfiesUpdate(t, SELF, CURCID, oracle, HintBits.ALWAYS);
        HeapVisibility.satisfiesVacuum(t, OLDEST_XMIN, oracle, HintBits.ALWAYS);
        return t;
    }

    /** Every hint that gets set states a final outcome of that very xid. */
    @Test
    void hintBitsOnlyForFinalOutcomes() {
        for (String line : TABLE) {
            String[] f = line.trim().split("\\s+");
            State xmin = STATES.get(f[0]);
            State xmax = STATES.get(f[1]);
            MemorySegment t = hinted(xmin, xmax);
            int mask = HeapTupleHeader.infomask(t);
            Oracle oracle = new Oracle();
            if ((mask & HeapTupleHeader.HEAP_XMIN_COMMITTED) != 0 && xmin.xid() >= 3) {
                assertEquals(Status.COMMITTED, oracle.status.get(xmin.xid()), line);
            }
            if ((mask & HeapTupleHeader.HEAP_XMIN_INVALID) != 0) {
                assertEquals(Status.ABORTED, oracle.status.get(xmin.xid()), line);
            }
            if ((mask & HeapTupleHeader.HEAP_XMAX_COMMITTED) != 0) {
                assertEquals(Status.COMMITTED, oracle.status.get(xmax.xid()), line);
                assertTrue(!xmax.lockOnly(), "a committed locker is remembered as invalid, not committed: " + line);
            }
            if ((mask & HeapTupleHeader.HEAP_XMAX_INVALID) != 0 && xmax.xid() != 0) {
                Status s = oracle.status.get(xmax.xid());
                assertTrue(s == Status.ABORTED || (xmax.lockOnly() && s == Status.COMMITTED), line);
            }
            // Running transactions never leave a hint.
            if (xmin.xid() == RUNNING || xmin.xid() == ME) {
                assertEquals(0, mask & (HeapTupleHeader.HEAP_XMIN_COMMITTED | HeapTupleHeader.HEAP_XMIN_INVALID), line);
            }
            if (xmax.xid() == RUNNING || xmax.xid() == ME) {
                assertEquals(0, mask & (HeapTupleHeader.HEAP_XMAX_COMMITTED | HeapTupleHeader.HEAP_XMAX_INVALID)
                        & ~(xmax.xid() == 0 ? HeapTupleHeader.HEAP_XMAX_INVALID : 0), line);
            }
        }
    }

    @Test
    void specificHintsAndTheDurabilityHook() {
        Set<Integer> none = Set.of();
        // committed inserter, aborted deleter: both final.
        assertHints("C", "A", true, Set.of(HeapTupleHeader.HEAP_XMIN_COMMITTED, HeapTupleHeader.HEAP_XMAX_INVALID));
        assertHints("C", "C", true, Set.of(HeapTupleHeader.HEAP_XMIN_COMMITTED, HeapTupleHeader.HEAP_XMAX_COMMITTED));
        assertHints("C", "P", true, Set.of(HeapTupleHeader.HEAP_XMIN_COMMITTED));
        // Committed after the snapshot: the snapshot is asked first, so no hint from this check.
        assertHints("CL", "none", true, none);
        assertHints("A", "none", true, Set.of(HeapTupleHeader.HEAP_XMIN_INVALID));
        assertHints("P", "none", true, none);
        assertHints("me3", "mysubA", true, Set.of(HeapTupleHeader.HEAP_XMAX_INVALID));
        // Commit record not yet flushed: no COMMITTED hint, but aborted hints are still fine.
        assertHints("C", "C", false, none);
        assertHints("C", "A", false, Set.of(HeapTupleHeader.HEAP_XMAX_INVALID));
        assertHints("A", "none", false, Set.of(HeapTupleHeader.HEAP_XMIN_INVALID));
    }

    private static void assertHints(String xmin, String xmax, boolean allowCommitted, Set<Integer> expected) {
        MemorySegment t = tuple(STATES.get(xmin), STATES.get(xmax), 0);
        int before = HeapTupleHeader.infomask(t);
        CountingHints hints = new CountingHints(allowCommitted);
        HeapVisibility.satisfiesMvcc(t, SNAPSHOT, new Oracle(), hints);
        int added = HeapTupleHeader.infomask(t) & ~before;
        int want = expected.stream().mapToInt(Integer::intValue).reduce(0, (a, b) -> a | b);
        assertEquals(want, added, xmin + "/" + xmax + " hints");
        assertEquals(Integer.bitCount(want), hints.dirtied, "one soft dirtying per hint set");
    }

    @Test
    void hintsSpareTheCommitLog() {
        MemorySegment t = tuple(STATES.get("C"), STATES.get("C"), 0);
        Oracle oracle = new Oracle();
        HeapVisibility.satisfiesMvcc(t, SNAPSHOT, oracle, HintBits.ALWAYS);
        assertEquals(2, oracle.lookups);
        oracle.lookups = 0;
        assertEquals(false, HeapVisibility.satisfiesMvcc(t, SNAPSHOT, oracle, HintBits.ALWAYS));
        assertEquals(0, oracle.lookups, "both outcomes read from the hint bits");
    }

    @Test
    void frozenBitsSkipTheSnapshotTest() {
        // Frozen (both xmin bits): visible even though the xid was running at snapshot time.
        MemorySegment t = tuple(STATES.get("CL"), STATES.get("none"), HeapTupleHeader.HEAP_XMIN_FROZEN);
        assertTrue(HeapVisibility.satisfiesMvcc(t, SNAPSHOT, new Oracle(), HintBits.ALWAYS));
        // XMIN_COMMITTED alone does not: the snapshot still decides.
        MemorySegment c = tuple(STATES.get("CL"), STATES.get("none"), HeapTupleHeader.HEAP_XMIN_COMMITTED);
        assertEquals(false, HeapVisibility.satisfiesMvcc(c, SNAPSHOT, new Oracle(), HintBits.ALWAYS));
        // A later snapshot, taken after 160 committed, sees it.
        Snapshot later = new Snapshot(150, 201, new long[] {150}, 0);
        assertTrue(HeapVisibility.satisfiesMvcc(c, later, new Oracle(), HintBits.ALWAYS));
    }
}

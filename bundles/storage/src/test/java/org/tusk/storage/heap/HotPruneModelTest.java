package org.tusk.storage.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.common.TransactionOracle;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;

/**
 * HOT chains and pruning against a model of the rows' histories, with seeded random interleavings of
 * transactions on a few pages: HOT updates (the same row twice in one transaction, too), cold updates
 * when the page is full even after pruning, row locks, commits, aborts (orphaned heap-only tuples),
 * snapshots taken and dropped, and pruning with the horizon of everything still running or open.
 *
 * <p>After every step, for every open snapshot and every row, following each of the row's index
 * entries (its roots, as {@code HeapAccess.fetchHot} does) must give exactly the version the model
 * says the snapshot sees; and the TID where a snapshot found a row (what a statement holds between its
 * scan and its update) must still hold that very version (same xmin and value) while the snapshot is
 * open: pruning must never free or reuse a slot such a snapshot can still see, nor leave a redirect or
 * a chain link leading to a slot that now holds another row.
 */
class HotPruneModelTest {

    private static final TupleDescriptor DESC = TupleDescriptor.of(Attribute.of("id", PgType.INT4, true),
            Attribute.of("value", PgType.INT4, true), Attribute.of("pad", PgType.TEXT));
    private static final int ROWS = 8;

    /** One version of a row in the model. */
    private static final class Version {
        final long xmin;
        final int value;
        long xmax;

        Version(long xmin, int value) {
            this.xmin = xmin;
            this.value = value;
        }
    }

    /** Where a snapshot found a row: the TID, and the version's xmin and value. */
    private record Found(ItemPointer tid, long xmin, int value) {
    }

    private record OpenSnapshot(Snapshot snapshot, Map<Integer, Found> found) {
    }

    private final HeapPageTest.Oracle oracle = new HeapPageTest.Oracle();
    private final List<MemorySegment> pages = new ArrayList<>();
    private final Map<Integer, List<Version>> history = new HashMap<>();
    private final Map<Integer, List<ItemPointer>> roots = new HashMap<>();
    /** Where each row's newest version is. */
    private final Map<Integer, ItemPointer> newest = new HashMap<>();
    private final Map<Long, Integer> running = new HashMap<>(); // xid -> its command id
    private final List<OpenSnapshot> snapshots = new ArrayList<>();
    private long nextXid = 100;
    private Random random;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void chainsPrunedUnderRandomInterleavingsKeepWhatEverySnapshotSees(long seed) {
        random = new Random(seed);
        oracle.current = 1; // the checks run as a transaction of their own: nothing is "current"
        pages.add(newPage());
        long loader = nextXid++;
        oracle.status.put(loader, TransactionOracle.Status.COMMITTED);
        for (int id = 0; id < ROWS; id++) {
            int off = HeapPage.insert(pages.getFirst(), 0, tuple(id, 0), loader, 0);
            ItemPointer tid = new ItemPointer(0, off);
            history.put(id, new ArrayList<>(List.of(new Version(loader, 0))));
            roots.put(id, new ArrayList<>(List.of(tid)));
            newest.put(id, tid);
        }
        int prunes = 0;
        int removed = 0;
        for (int step = 0; step < 3000; step++) {
            int op = random.nextInt(100);
            if (op < 8 && running.size() < 4) {
                long xid = nextXid++;
                oracle.status.put(xid, TransactionOracle.Status.IN_PROGRESS);
                running.put(xid, 0);
            } else if (op < 50 && !running.isEmpty()) {
                update(anyRunning(), random.nextInt(ROWS));
            } else if (op < 55 && !running.isEmpty()) {
                lock(anyRunning(), random.nextInt(ROWS));
            } else if (op < 63 && !running.isEmpty()) {
                end(anyRunning(), random.nextInt(4) != 0);
            } else if (op < 70 && snapshots.size() < 4) {
                takeSnapshot();
            } else if (op < 76 && !snapshots.isEmpty()) {
                snapshots.remove(random.nextInt(snapshots.size()));
            } else if (op < 90) {
                int p = random.nextInt(pages.size());
                removed += HeapPage.prune(pages.get(p), p, horizon(), oracle, HintBits.ALWAYS);
                prunes++;
            }
            check(step);
        }
        assertTrue(prunes > 100 && removed > 100, "pruned " + removed + " versions in " + prunes + " prunes");
        assertTrue(pages.size() > 1, "some updates must have moved rows to another page");
    }

    private long anyRunning() {
        List<Long> xids = new ArrayList<>(running.keySet());
        xids.sort(null);
        return xids.get(random.nextInt(xids.size()));
    }

    private static MemorySegment newPage() {
        MemorySegment page = MemorySegment.ofArray(new byte[Page.SIZE]);
        HeapPage.initialize(page);
        return page;
    }

    private byte[] tuple(int id, int value) {
        return HeapTuple.form(DESC, new Object[] {id, value, "x".repeat(100 + random.nextInt(300))});
    }

    /** The newest version of row {@code id} whose inserter did not abort. */
    private Version newestVersion(int id) {
        List<Version> versions = history.get(id);
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (oracle.status(versions.get(i).xmin) != TransactionOracle.Status.ABORTED) {
                return versions.get(i);
            }
        }
        throw new IllegalStateException("row " + id + " has no version");
    }

    /** Whether transaction {@code xid} could change the newest version now (else it would wait). */
    private boolean free(long xid, ItemPointer tid) {
        MemorySegment t = HeapPage.fetch(pages.get(tid.block()), tid.offset());
        assertNotNull(t, "the newest version of a row is gone from " + tid);
        long xmin = HeapTupleHeader.xmin(t);
        if (xmin != xid && oracle.status(xmin) != TransactionOracle.Status.COMMITTED) {
            return false; // another's uncommitted version: the updater waits for that transaction
        }
        long xmax = HeapTupleHeader.xmax(t);
        boolean noXmax = (HeapTupleHeader.infomask(t) & HeapTupleHeader.HEAP_XMAX_INVALID) != 0 || xmax == 0;
        return noXmax || xmax == xid || oracle.status(xmax) != TransactionOracle.Status.IN_PROGRESS;
    }

    private void update(long xid, int id) {
        ItemPointer at = newest.get(id);
        Version old = newestVersion(id);
        if (!free(xid, at)) {
            return;
        }
        int value = random.nextInt(1_000_000);
        int cid = running.get(xid);
        byte[] t = tuple(id, value);
        MemorySegment page = pages.get(at.block());
        ItemPointer next = HeapPage.update(page, at.offset(), page, at.block(), t, xid, cid, false, true);
        if (next == null) {
            // heap_update: prune the old page first (the old version stays: it is visible to us).
            HeapPage.prune(page, at.block(), horizon(), oracle, HintBits.ALWAYS);
            next = HeapPage.update(page, at.offset(), page, at.block(), t, xid, cid, false, true);
        }
        if (next == null) {
            // A cold update: the new version gets an index entry of its own on another page.
            int block = pages.size() - 1;
            if (block == at.block() || (next = HeapPage.update(page, at.offset(), pages.get(block), block, t, xid, cid,
                    false, false)) == null) {
                pages.add(newPage());
                block = pages.size() - 1;
                next = HeapPage.update(page, at.offset(), pages.get(block), block, t, xid, cid, false, false);
            }
            roots.get(id).add(next);
        }
        old.xmax = xid;
        history.get(id).add(new Version(xid, value));
        newest.put(id, next);
        running.put(xid, cid + 1);
    }

    private void lock(long xid, int id) {
        ItemPointer at = newest.get(id);
        if (free(xid, at) && !isCurrentVersion(xid, at)) {
            HeapPage.lock(pages.get(at.block()), at.offset(), xid, TupleLockMode.UPDATE);
        }
    }

    /** A version the transaction made itself (locking it would lose its own xmax bookkeeping). */
    private boolean isCurrentVersion(long xid, ItemPointer tid) {
        MemorySegment t = HeapPage.fetch(pages.get(tid.block()), tid.offset());
        return HeapTupleHeader.xmin(t) == xid;
    }

    private void end(long xid, boolean commit) {
        oracle.status.put(xid, commit ? TransactionOracle.Status.COMMITTED : TransactionOracle.Status.ABORTED);
        running.remove(xid);
        if (!commit) {
            for (int id = 0; id < ROWS; id++) {
                // The row's newest version is again the one before the aborted ones.
                List<Version> versions = history.get(id);
                int last = versions.size() - 1;
                while (oracle.status(versions.get(last).xmin) == TransactionOracle.Status.ABORTED) {
                    last--;
                }
                if (last != versions.size() - 1) {
                    newest.put(id, locate(id, versions.get(last)));
                }
            }
        }
    }

    /** The TID of a version still on the pages (found through the row's roots, whatever its visibility). */
    private ItemPointer locate(int id, Version v) {
        for (ItemPointer root : roots.get(id)) {
            MemorySegment page = pages.get(root.block());
            for (int off = HotChain.first(page, root.offset()); off != Page.INVALID_OFFSET;) {
                MemorySegment t = Page.item(page, off);
                if (HeapTupleHeader.xmin(t) == v.xmin && (int) HeapTuple.deform(DESC, t)[1] == v.value) {
                    return new ItemPointer(root.block(), off);
                }
                off = HotChain.next(page, root.block(), t);
            }
        }
        throw new AssertionError("version " + v.value + " of row " + id + " is not reachable");
    }

    private void takeSnapshot() {
        long[] inProgress = running.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        long xmin = inProgress.length == 0 ? nextXid : inProgress[0];
        Snapshot s = new Snapshot(xmin, nextXid, inProgress, 0);
        Map<Integer, Found> found = new HashMap<>();
        for (int id = 0; id < ROWS; id++) {
            Found f = visible(id, s);
            if (f != null) {
                found.put(id, f);
            }
        }
        snapshots.add(new OpenSnapshot(s, found));
    }

    /** GetOldestNonRemovableTransactionId: no open snapshot or running transaction needs anything older. */
    private long horizon() {
        long h = nextXid;
        for (long xid : running.keySet()) {
            h = Math.min(h, xid);
        }
        for (OpenSnapshot s : snapshots) {
            h = Math.min(h, s.snapshot().xmin());
        }
        return h;
    }

    /** What an index scan finds for row {@code id}: the member of one of its chains the snapshot sees. */
    private Found visible(int id, Snapshot s) {
        Found found = null;
        for (ItemPointer root : roots.get(id)) {
            MemorySegment page = pages.get(root.block());
            for (int off = HotChain.first(page, root.offset()); off != Page.INVALID_OFFSET;) {
                MemorySegment t = Page.item(page, off);
                Object[] values = HeapTuple.deform(DESC, t);
                if (HeapVisibility.satisfiesMvcc(t, s, oracle, HintBits.ALWAYS)) {
                    assertEquals(id, values[0], "a chain of row " + id + " leads to another row");
                    if (found != null) {
                        fail("row " + id + " is seen twice by " + s + ": " + dump(id));
                    }
                    found = new Found(new ItemPointer(root.block(), off), HeapTupleHeader.xmin(t), (int) values[1]);
                }
                off = HotChain.next(page, root.block(), t);
            }
        }
        return found;
    }

    private String dump(int id) {
        StringBuilder b = new StringBuilder();
        for (ItemPointer root : roots.get(id)) {
            MemorySegment page = pages.get(root.block());
            b.append("\n root ").append(root).append(" flags ").append(Page.itemFlags(page, root.offset()));
            for (int off = HotChain.first(page, root.offset()); off != Page.INVALID_OFFSET;) {
                MemorySegment t = Page.item(page, off);
                b.append("\n  ").append(off).append(": xmin ").append(HeapTupleHeader.xmin(t)).append(" ")
                        .append(oracle.status(HeapTupleHeader.xmin(t))).append(" xmax ").append(HeapTupleHeader.xmax(t))
                        .append(" mask ").append(Integer.toHexString(HeapTupleHeader.infomask(t))).append(" mask2 ")
                        .append(Integer.toHexString(HeapTupleHeader.infomask2(t))).append(" ctid ")
                        .append(HeapTupleHeader.ctid(t)).append(" ").append(java.util.Arrays.toString(
                                java.util.Arrays.copyOf(HeapTuple.deform(DESC, t), 2)));
                off = HotChain.next(page, root.block(), t);
            }
        }
        for (Version v : history.get(id)) {
            b.append("\n model ").append(v.xmin).append(" ").append(oracle.status(v.xmin)).append(" value ")
                    .append(v.value).append(" xmax ").append(v.xmax);
        }
        return b.toString();
    }

    /** The version of row {@code id} the model says {@code s} sees. */
    private Version expected(int id, Snapshot s) {
        Version seen = null;
        for (Version v : history.get(id)) {
            if (committedFor(v.xmin, s) && (v.xmax == 0 || !committedFor(v.xmax, s))) {
                assertTrue(seen == null, "the model has two visible versions");
                seen = v;
            }
        }
        return seen;
    }

    private boolean committedFor(long xid, Snapshot s) {
        return !s.isRunning(xid) && oracle.status(xid) == TransactionOracle.Status.COMMITTED;
    }

    private void check(int step) {
        for (OpenSnapshot open : snapshots) {
            Snapshot s = open.snapshot();
            for (int id = 0; id < ROWS; id++) {
                Version want = expected(id, s);
                Found got = visible(id, s);
                String where = "step " + step + ", row " + id + ", " + s;
                if (want == null) {
                    assertEquals(null, got, where);
                    continue;
                }
                assertNotNull(got, where + ": the visible version is not found");
                assertEquals(want.value, got.value(), where);
                Found held = open.found().get(id);
                if (held != null) {
                    // The TID a statement found stays that version's as long as its snapshot is open.
                    MemorySegment t = HeapPage.fetch(pages.get(held.tid().block()), held.tid().offset());
                    assertNotNull(t, where + ": the slot found at " + held.tid() + " was freed");
                    assertEquals(held.xmin(), HeapTupleHeader.xmin(t), where + ": slot " + held.tid() + " reused");
                    assertEquals(held.value(), HeapTuple.deform(DESC, t)[1], where);
                }
            }
        }
    }
}

package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

import org.tusk.storage.access.BitmapPage;
import org.tusk.storage.access.TupleId;

/**
 * A set of heap TIDs kept by page (PostgreSQL's tidbitmap.c), what a Bitmap Index Scan fills and a
 * Bitmap Heap Scan reads in block order. A page is either <em>exact</em>, its line pointer offsets
 * kept, or <em>lossy</em>, only the page kept (every row of it is a candidate; the heap scan
 * rechecks the conditions). Lossy pages are kept as bits in chunks of {@value #PAGES_PER_CHUNK}
 * pages, so many of them take one entry.
 *
 * <p>Memory is bounded as in PostgreSQL: the bitmap holds at most {@code maxEntries} entries (exact
 * pages plus chunks; tbm_calculate_entries computes it from work_mem). When an addition goes beyond,
 * exact pages are made lossy (tbm_lossify), lowest blocks first, until at most half the limit is used;
 * if that is not possible the limit is raised to twice what is used, so lossifying does not repeat for
 * every addition.
 */
public final class TidBitmap {
    /** Pages per lossy chunk (PostgreSQL's PAGES_PER_CHUNK for 8 kB blocks). */
    static final int PAGES_PER_CHUNK = 256;

    private final TreeMap<Integer, BitSet> exact = new TreeMap<>();
    private final TreeMap<Integer, BitSet> chunks = new TreeMap<>();
    private double maxEntries;

    /** An empty bitmap of at most {@code maxEntries} page entries before it turns pages lossy. */
    public TidBitmap(double maxEntries) {
        this.maxEntries = Math.max(16, maxEntries);
    }

    /** tbm_add_tuples: one TID (nothing to do on a lossy page). */
    public void add(TupleId tid) {
        int block = tid.block();
        if (isLossy(block)) {
            return;
        }
        exact.computeIfAbsent(block, b -> new BitSet()).set(tid.offset());
        if (entries() > maxEntries) {
            lossify();
        }
    }

    /** tbm_add_page: every row of page {@code block}. */
    public void addPage(int block) {
        exact.remove(block);
        chunks.computeIfAbsent(Integer.divideUnsigned(block, PAGES_PER_CHUNK), c -> new BitSet())
                .set(Integer.remainderUnsigned(block, PAGES_PER_CHUNK));
        if (entries() > maxEntries) {
            lossify();
        }
    }

    /** Whether page {@code block} is kept lossy. */
    public boolean isLossy(int block) {
        BitSet chunk = chunks.get(Integer.divideUnsigned(block, PAGES_PER_CHUNK));
        return chunk != null && chunk.get(Integer.remainderUnsigned(block, PAGES_PER_CHUNK));
    }

    /** Entries in use: exact pages and lossy chunks. */
    public int entries() {
        return exact.size() + chunks.size();
    }

    /** Whether no TID or page is in the bitmap. */
    public boolean isEmpty() {
        return exact.isEmpty() && chunks.isEmpty();
    }

    /** tbm_lossify: exact pages become lossy from the lowest block up until half the limit is free. */
    private void lossify() {
        while (entries() > maxEntries / 2 && !exact.isEmpty()) {
            int block = exact.firstKey();
            exact.remove(block);
            chunks.computeIfAbsent(Integer.divideUnsigned(block, PAGES_PER_CHUNK), c -> new BitSet())
                    .set(Integer.remainderUnsigned(block, PAGES_PER_CHUNK));
        }
        if (entries() > maxEntries / 2) {
            maxEntries = entries() * 2.0;
        }
    }

    /**
     * tbm_union: adds every TID and page of {@code other}. An exact page of one side and a lossy page of
     * the other make a lossy page.
     */
    public void union(TidBitmap other) {
        for (Map.Entry<Integer, BitSet> e : other.chunks.entrySet()) {
            int base = e.getKey() * PAGES_PER_CHUNK;
            BitSet pages = e.getValue();
            for (int p = pages.nextSetBit(0); p >= 0; p = pages.nextSetBit(p + 1)) {
                exact.remove(base + p);
            }
            chunks.computeIfAbsent(e.getKey(), c -> new BitSet()).or(pages);
        }
        for (Map.Entry<Integer, BitSet> e : other.exact.entrySet()) {
            if (!isLossy(e.getKey())) {
                exact.computeIfAbsent(e.getKey(), b -> new BitSet()).or(e.getValue());
            }
        }
        if (entries() > maxEntries) {
            lossify();
        }
    }

    /**
     * tbm_intersect: keeps only what is also in {@code other}. Two exact pages keep their common
     * offsets; an exact page and a lossy one keep the exact page's offsets (rechecked anyway); two
     * lossy pages stay lossy.
     */
    public void intersect(TidBitmap other) {
        for (var it = exact.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Integer, BitSet> e = it.next();
            BitSet theirs = other.exact.get(e.getKey());
            if (theirs != null) {
                e.getValue().and(theirs);
                if (e.getValue().isEmpty()) {
                    it.remove();
                }
            } else if (!other.isLossy(e.getKey())) {
                it.remove();
            }
        }
        for (var it = chunks.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Integer, BitSet> e = it.next();
            int base = e.getKey() * PAGES_PER_CHUNK;
            BitSet pages = e.getValue();
            for (int p = pages.nextSetBit(0); p >= 0; p = pages.nextSetBit(p + 1)) {
                int block = base + p;
                if (other.isLossy(block)) {
                    continue;
                }
                pages.clear(p);
                BitSet theirs = other.exact.get(block);
                if (theirs != null) {
                    exact.put(block, (BitSet) theirs.clone());
                }
            }
            if (pages.isEmpty()) {
                it.remove();
            }
        }
    }

    /** The pages in ascending block order (tbm_iterate), exact ones with their offsets, lossy ones without. */
    public Iterator<BitmapPage> pages() {
        List<Integer> lossy = new ArrayList<>();
        for (Map.Entry<Integer, BitSet> e : chunks.entrySet()) {
            int base = e.getKey() * PAGES_PER_CHUNK;
            BitSet pages = e.getValue();
            for (int p = pages.nextSetBit(0); p >= 0; p = pages.nextSetBit(p + 1)) {
                lossy.add(base + p);
            }
        }
        Iterator<Map.Entry<Integer, BitSet>> exactPages = exact.entrySet().iterator();
        return new Iterator<>() {
            private int nextLossy;
            private Map.Entry<Integer, BitSet> nextExact = exactPages.hasNext() ? exactPages.next() : null;

            @Override
            public boolean hasNext() {
                return nextExact != null || nextLossy < lossy.size();
            }

            @Override
            public BitmapPage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (nextExact == null || (nextLossy < lossy.size()
                        && Integer.compareUnsigned(lossy.get(nextLossy), nextExact.getKey()) < 0)) {
                    return new BitmapPage(lossy.get(nextLossy++), null);
                }
                BitmapPage page = new BitmapPage(nextExact.getKey(), nextExact.getValue().stream().toArray());
                nextExact = exactPages.hasNext() ? exactPages.next() : null;
                return page;
            }
        };
    }
}

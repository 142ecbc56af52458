package org.tusk.storage.heap;

import java.lang.foreign.MemorySegment;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.common.TransactionOracle;
import org.tusk.storage.page.Page;

/**
 * Rough figures for the README, not a test (timings are too noisy to assert on). Run by hand:
 * {@code java -cp target/classes:target/test-classes org.tusk.storage.heap.PageBench}.
 */
public final class PageBench {

    private PageBench() {
    }

    public static void main(String[] args) {
        TupleDescriptor d = TupleDescriptor.of(Attribute.of("id", PgType.INT4, true), Attribute.of("name", PgType.TEXT),
                Attribute.of("amount", PgType.INT8), Attribute.of("flag", PgType.BOOL));
        Object[] row = {42, "some name of moderate length", 123456789L, true};
        MemorySegment page = MemorySegment.ofArray(new byte[Page.SIZE]);
        TransactionOracle oracle = new TransactionOracle() {
            @Override
            public boolean isCurrentTransaction(long xid) {
                return false;
            }

            @Override
            public Status status(long xid) {
                return Status.COMMITTED;
            }
        };
        Snapshot snapshot = new Snapshot(1000, 1001, new long[0], 0);
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            int n = 2_000_000;
            long t = System.nanoTime();
            int perPage = 0;
            for (int i = 0; i < n; i++) {
                if (i % 50 == 0) {
                    HeapPage.initialize(page);
                }
                byte[] tuple = HeapTuple.form(d, row);
                perPage = HeapPage.insert(page, 0, tuple, 10, 0);
            }
            long formInsert = System.nanoTime() - t;
            t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Object[] back = HeapTuple.deform(d, HeapPage.fetch(page, 1 + i % perPage));
                sink += (Integer) back[0];
            }
            long deform = System.nanoTime() - t;
            t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += HeapVisibility.satisfiesMvcc(HeapPage.fetch(page, 1 + i % perPage), snapshot, oracle, HintBits.ALWAYS) ? 1 : 0;
            }
            long mvcc = System.nanoTime() - t;
            System.out.printf("form+insert %.0f ns, deform %.0f ns, satisfiesMvcc (hinted) %.0f ns per tuple%n",
                    formInsert / (double) n, deform / (double) n, mvcc / (double) n);
        }
        System.out.println(sink == 42 ? "" : "done");
    }
}

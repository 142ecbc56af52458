package org.tusk.storage.xact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.tusk.storage.common.WalFlusher;

/**
 * A recording stand-in for the WAL: each record gets the next LSN (100 bytes apart); flushes are
 * recorded and may run a check (to observe what the clog looks like at flush time).
 */
final class FakeWal implements XactWalWriter, WalFlusher {

    record Entry(String kind, long xid, long[] subxids, long lsn) {
        @Override
        public String toString() {
            return kind + " " + xid + " " + Arrays.toString(subxids) + " @" + lsn;
        }
    }

    private final AtomicLong insert = new AtomicLong(1000);
    private final AtomicLong flushed = new AtomicLong(0);
    final List<Entry> records = new ArrayList<>();
    final List<Long> flushes = new ArrayList<>();
    volatile LongConsumer onFlush = lsn -> {
    };

    @Override
    public synchronized long logCommit(long xid, long[] subxids) {
        long lsn = insert.addAndGet(100);
        records.add(new Entry("commit", xid, subxids.clone(), lsn));
        return lsn;
    }

    @Override
    public synchronized long logAbort(long xid, long[] subxids) {
        long lsn = insert.addAndGet(100);
        records.add(new Entry("abort", xid, subxids.clone(), lsn));
        return lsn;
    }

    @Override
    public void flush(long lsn) {
        onFlush.accept(lsn);
        synchronized (this) {
            flushes.add(lsn);
        }
        flushed.accumulateAndGet(lsn, Math::max);
    }

    @Override
    public long flushedUpTo() {
        return flushed.get();
    }

    synchronized List<Entry> records() {
        return List.copyOf(records);
    }

    synchronized List<Long> flushes() {
        return List.copyOf(flushes);
    }
}

package org.tusk.storage.recovery;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.PageLsn;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.wal.Wal;
import org.tusk.storage.wal.WalRecord;
import org.tusk.storage.wal.WalRecordBuilder;

/**
 * A test resource manager (custom id 200): one record type, "write these bytes at this offset of
 * block 0's page". The do-side helper changes the page, logs the change, and sets the page LSN, in
 * PostgreSQL's order.
 */
public final class TestRmgr implements ResourceManager {

    public static final int ID = 200;

    /** How each block redo went, for assertions. */
    public final AtomicInteger restored = new AtomicInteger();
    public final AtomicInteger applied = new AtomicInteger();
    public final AtomicInteger skipped = new AtomicInteger();

    @Override
    public int id() {
        return ID;
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public void redo(WalRecord record, RedoContext context) {
        switch (context.redoBlock(0, TestRmgr::apply)) {
            case RESTORED -> restored.incrementAndGet();
            case APPLIED -> applied.incrementAndGet();
            case ALREADY_APPLIED -> skipped.incrementAndGet();
        }
    }

    private static void apply(MemorySegment page, WalRecord.BlockReference block) {
        ByteBuffer data = ByteBuffer.wrap(block.data()).order(ByteOrder.LITTLE_ENDIAN);
        int offset = data.getInt();
        byte[] value = new byte[data.remaining()];
        data.get(value);
        MemorySegment.copy(value, 0, page, ValueLayout.JAVA_BYTE, offset, value.length);
    }

    /** Changes {@code page} (block {@code block} of {@code rel}) and logs it; returns the record. */
    public static Wal.Inserted set(Wal wal, RelFileLocator rel, int block, MemorySegment page, int offset,
            byte[] value, long xid) {
        byte[] data = ByteBuffer.allocate(4 + value.length).order(ByteOrder.LITTLE_ENDIAN).putInt(offset).put(value)
                .array();
        MemorySegment.copy(value, 0, page, ValueLayout.JAVA_BYTE, offset, value.length);
        Wal.Inserted inserted = wal.insert(new WalRecordBuilder(ID, 0, xid).block(rel, ForkNumber.MAIN, block, page, 0,
                data));
        PageLsn.set(page, inserted.end());
        return inserted;
    }
}

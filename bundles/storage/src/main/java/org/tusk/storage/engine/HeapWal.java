package org.tusk.storage.engine;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tusk.storage.heap.HeapPage;
import org.tusk.storage.heap.HeapTupleHeader;
import org.tusk.storage.page.Page;
import org.tusk.storage.recovery.RedoContext;
import org.tusk.storage.recovery.ResourceManager;
import org.tusk.storage.wal.RmgrIds;
import org.tusk.storage.wal.WalRecord;
import org.tusk.storage.xact.TransactionSystem;

/**
 * The "Heap" resource manager (PostgreSQL's RM_HEAP_ID): the WAL records of heap page changes and
 * their redo.
 *
 * <p>Every record describes, per block it touches, a short list of page operations in the order
 * they were done: initialize the page, put a tuple (its exact bytes, header stamped) at a given line
 * pointer, overwrite a tuple's header (the {@value HeapTupleHeader#SIZE} bytes after a delete, an
 * update of the old version or a row lock: xmax, cmax, ctid, infomask bits), note the page prunable.
 * Logging the header as it became, rather than PostgreSQL's per-kind fields (xmax, infobits, new
 * ctid), keeps one redo path for insert, delete, update and lock, and replays exactly the bytes the
 * primary wrote. The info byte still says which kind of change it was (PostgreSQL's codes), for
 * anyone reading the log.
 *
 * <p>Redo goes through {@link RedoContext#redoBlock}: full-page images are restored, WILL_INIT pages
 * start from zeroes, and any other change is skipped when the page LSN shows it is already there.
 */
final class HeapWal implements ResourceManager {

    static final int INSERT = 0x00;
    static final int DELETE = 0x10;
    static final int UPDATE = 0x20;
    static final int LOCK = 0x60;
    /**
     * Page pruning (PostgreSQL's XLOG_HEAP2_PRUNE): logged with a forced full-page image of the pruned
     * page and no data, so redo restores the image. Simple and obviously right, at 8 kB of WAL per
     * prune; PostgreSQL logs only the offsets.
     */
    static final int PRUNE = 0x70;

    private static final byte OP_INIT_PAGE = 1;
    private static final byte OP_PUT_TUPLE = 2;
    private static final byte OP_SET_HEADER = 3;
    private static final byte OP_PRUNABLE = 4;

    private final TransactionSystem transactions;

    HeapWal(TransactionSystem transactions) {
        this.transactions = transactions;
    }

    /** The operations done on one page, encoded as a block reference's data. */
    static final class PageOps {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        PageOps initPage() {
            out.write(OP_INIT_PAGE);
            return this;
        }

        /** The tuple now at {@code offset} of {@code page}, copied as it is on the page. */
        PageOps putTuple(MemorySegment page, int offset) {
            return op(OP_PUT_TUPLE, offset, Page.item(page, offset).toArray(ValueLayout.JAVA_BYTE));
        }

        /** The header of the tuple at {@code offset}, as it is on the page now. */
        PageOps setHeader(MemorySegment page, int offset) {
            return op(OP_SET_HEADER, offset,
                    Page.item(page, offset).asSlice(0, HeapTupleHeader.SIZE).toArray(ValueLayout.JAVA_BYTE));
        }

        PageOps prunable(long xid) {
            byte[] x = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(xid).array();
            return op(OP_PRUNABLE, 0, x);
        }

        private PageOps op(byte code, int offset, byte[] bytes) {
            ByteBuffer b = ByteBuffer.allocate(1 + 2 + 4 + bytes.length).order(ByteOrder.LITTLE_ENDIAN);
            b.put(code).putShort((short) offset).putInt(bytes.length).put(bytes);
            out.writeBytes(b.array());
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Applies one block's operations to its page (redo, after the LSN check). */
    static void apply(MemorySegment page, byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            byte code = b.get();
            if (code == OP_INIT_PAGE) {
                HeapPage.initialize(page);
                continue;
            }
            int offset = Short.toUnsignedInt(b.getShort());
            byte[] bytes = new byte[b.getInt()];
            b.get(bytes);
            switch (code) {
                case OP_PUT_TUPLE -> {
                    int at = Page.addItem(page, MemorySegment.ofArray(bytes), offset, true, true);
                    if (at != offset) {
                        throw new IllegalStateException("heap redo: failed to add tuple at offset " + offset);
                    }
                }
                case OP_SET_HEADER -> {
                    MemorySegment tuple = HeapPage.fetch(page, offset);
                    if (tuple == null) {
                        throw new IllegalStateException("heap redo: invalid line pointer " + offset);
                    }
                    MemorySegment.copy(bytes, 0, tuple, ValueLayout.JAVA_BYTE, 0, bytes.length);
                }
                case OP_PRUNABLE -> Page.notePrunable(page,
                        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong());
                default -> throw new IllegalStateException("heap redo: unknown page operation " + code);
            }
        }
    }

    @Override
    public int id() {
        return RmgrIds.HEAP;
    }

    @Override
    public String name() {
        return "Heap";
    }

    @Override
    public void redo(WalRecord record, RedoContext context) {
        transactions.advanceNextXidPast(record.xid());
        for (int i = 0; i < record.blocks().size(); i++) {
            context.redoBlock(i, (page, block) -> apply(page, block.data()));
        }
    }
}

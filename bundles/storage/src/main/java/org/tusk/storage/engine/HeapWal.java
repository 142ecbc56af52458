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
     * A sequence's tuple changed in place (PostgreSQL's XLOG_SEQ_LOG, here under the heap's resource
     * manager): the page re-created from the logged tuple, which redo replays as any put-tuple.
     */
    static final int INPLACE = 0x50;
    /**
     * Page pruning (PostgreSQL's XLOG_HEAP2_PRUNE): logged, as PostgreSQL does, as the line pointers
     * pruning changed (now unused, dead, or redirected), the page's new pd_prune_xid and whether the
     * page was compacted; redo sets the same line pointers and compacts the same way, which puts every
     * tuple at the address it has on the primary (compaction depends only on the line pointers and
     * the tuples' lengths). A full-page image comes only as for any change (the first after a
     * checkpoint). Records written before this format carry no data and a forced image, which redo
     * restores as before. Logging a whole page per prune made it 8 kB of WAL per pgbench transaction
     * (every account update prunes its full page).
     */
    static final int PRUNE = 0x70;

    private static final byte OP_INIT_PAGE = 1;
    private static final byte OP_PUT_TUPLE = 2;
    private static final byte OP_SET_HEADER = 3;
    private static final byte OP_PRUNABLE = 4;
    private static final byte OP_PRUNE = 5;

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

        /** {@code tuple} (header and data, as it is to be on the page) at {@code offset}. */
        PageOps putTuple(int offset, byte[] tuple) {
            return op(OP_PUT_TUPLE, offset, tuple);
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

        /**
         * What pruning did to {@code page}: each line pointer whose state differs from {@code before}
         * (see {@link #lineStates}), the new pd_prune_xid, and whether the page was compacted.
         */
        PageOps pruned(MemorySegment page, int[] before, boolean compacted) {
            int max = Page.maxOffset(page);
            int changed = 0;
            for (int off = Page.FIRST_OFFSET; off <= max; off++) {
                if (lineState(page, off) != before[off]) {
                    changed++;
                }
            }
            ByteBuffer b = ByteBuffer.allocate(8 + 1 + 2 + changed * 5).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(Page.pruneXid(page)).put((byte) (compacted ? 1 : 0)).putShort((short) changed);
            for (int off = Page.FIRST_OFFSET; off <= max; off++) {
                if (lineState(page, off) != before[off]) {
                    int flags = Page.itemFlags(page, off);
                    b.putShort((short) off).put((byte) flags)
                            .putShort((short) (flags == Page.LP_REDIRECT ? Page.itemOffset(page, off) : 0));
                }
            }
            return op(OP_PRUNE, 0, b.array());
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

    /**
     * What pruning may change about each line pointer of {@code page} (index 0 unused): its flags, and
     * a redirect's target. A normal item that compaction moves keeps its state.
     */
    static int[] lineStates(MemorySegment page) {
        int max = Page.maxOffset(page);
        int[] states = new int[max + 1];
        for (int off = Page.FIRST_OFFSET; off <= max; off++) {
            states[off] = lineState(page, off);
        }
        return states;
    }

    private static int lineState(MemorySegment page, int off) {
        int flags = Page.itemFlags(page, off);
        return flags == Page.LP_REDIRECT ? flags | Page.itemOffset(page, off) << 2 : flags;
    }

    /** heap_xlog_prune: the logged line pointers, pd_prune_xid, PD_PAGE_FULL cleared, then compaction. */
    private static void redoPrune(MemorySegment page, byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long pruneXid = b.getLong();
        boolean compacted = b.get() != 0;
        int changed = Short.toUnsignedInt(b.getShort());
        for (int i = 0; i < changed; i++) {
            int off = Short.toUnsignedInt(b.getShort());
            int flags = b.get();
            int target = Short.toUnsignedInt(b.getShort());
            switch (flags) {
                case Page.LP_UNUSED -> Page.setUnused(page, off);
                case Page.LP_DEAD -> Page.setDead(page, off);
                case Page.LP_REDIRECT -> Page.setRedirect(page, off, target);
                default -> throw new IllegalStateException("heap redo: pruning cannot make line pointer " + off
                        + " normal");
            }
        }
        Page.setPruneXid(page, pruneXid);
        Page.setFlag(page, Page.PD_PAGE_FULL, false);
        if (compacted) {
            Page.repairFragmentation(page);
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
                case OP_PRUNE -> redoPrune(page, bytes);
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

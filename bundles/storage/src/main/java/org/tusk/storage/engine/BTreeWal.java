package org.tusk.storage.engine;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tusk.storage.btree.BTreePage;
import org.tusk.storage.page.Page;
import org.tusk.storage.recovery.RedoContext;
import org.tusk.storage.recovery.ResourceManager;
import org.tusk.storage.wal.RmgrIds;
import org.tusk.storage.wal.WalRecord;

/**
 * The "Btree" resource manager (PostgreSQL's RM_BTREE_ID): the WAL records of B-tree page changes
 * and their redo.
 *
 * <p>As {@link HeapWal} does, each record lists per block the page operations done, in order, rather
 * than PostgreSQL's per-kind layouts (xl_btree_insert, xl_btree_split, xl_btree_newroot): put an
 * index tuple at an offset (later items move up), remove items, set a page's left link, clear page
 * flags, or
 * replace the whole page by an image without its hole. The last one is what a split logs for both
 * halves and what a new root logs for itself and the metapage: those blocks are registered
 * {@link WalRecord#WILL_INIT}, so they never need a full-page image and redo rebuilds them from the
 * record alone, whatever state the page was in (a torn write, or zeroes beyond the end of the file).
 * PostgreSQL logs a split more compactly (the right half's items and the left half's new item);
 * ours costs up to two pages of WAL per split, one split per about a hundred inserts.
 *
 * <p>The info byte says which change it was, with PostgreSQL's codes. Redo goes through
 * {@link RedoContext#redoBlock}, so a change already on the page (LSN at or after the record's end)
 * is skipped: replaying the log twice gives the same pages.
 */
final class BTreeWal implements ResourceManager {

    /** XLOG_BTREE_INSERT_LEAF: an entry added to a leaf. */
    static final int INSERT_LEAF = 0x00;
    /** XLOG_BTREE_INSERT_UPPER: a downlink added to an internal page, the child's split completed. */
    static final int INSERT_UPPER = 0x10;
    /** XLOG_BTREE_SPLIT_L: a page split, the new item on the left half. */
    static final int SPLIT_L = 0x30;
    /** XLOG_BTREE_SPLIT_R: a page split, the new item on the right half. */
    static final int SPLIT_R = 0x40;
    /** XLOG_BTREE_DELETE: entries marked LP_DEAD removed from a full leaf instead of splitting it. */
    static final int DELETE = 0x70;
    /** XLOG_BTREE_NEWROOT: a new root (and the metapage pointing at it), or a new index's first pages. */
    static final int NEWROOT = 0xA0;

    /**
     * A page of an index being built (a whole image; PostgreSQL logs these as XLOG_FPI records of the
     * XLOG resource manager).
     */
    static final int BUILD = 0xF0;

    private static final byte OP_IMAGE = 1;
    private static final byte OP_ADD_ITEM = 2;
    private static final byte OP_SET_PREV = 3;
    private static final byte OP_CLEAR_FLAGS = 4;
    private static final byte OP_DELETE_ITEMS = 5;

    /** The operations done on one page, encoded as a block reference's data. */
    static final class PageOps {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /**
         * The whole page as it is now, without the hole between pd_lower and pd_upper; the block must
         * be registered {@link WalRecord#WILL_INIT}.
         */
        PageOps image(MemorySegment page) {
            out.writeBytes(imageOf(page));
            return this;
        }

        /** The item now at {@code offset} of {@code page}, put there with later items moving up. */
        PageOps addItem(MemorySegment page, int offset) {
            byte[] item = Page.item(page, offset).toArray(ValueLayout.JAVA_BYTE);
            ByteBuffer b = ByteBuffer.allocate(1 + 2 + 4 + item.length).order(ByteOrder.LITTLE_ENDIAN);
            b.put(OP_ADD_ITEM).putShort((short) offset).putInt(item.length).put(item);
            out.writeBytes(b.array());
            return this;
        }

        PageOps setPrev(int block) {
            out.writeBytes(ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN).put(OP_SET_PREV).putInt(block).array());
            return this;
        }

        PageOps clearFlags(int flags) {
            out.writeBytes(ByteBuffer.allocate(3).order(ByteOrder.LITTLE_ENDIAN).put(OP_CLEAR_FLAGS)
                    .putShort((short) flags).array());
            return this;
        }

        /** Items removed (offsets before the removal; later items move down). */
        PageOps deleteItems(int[] offsets) {
            ByteBuffer b = ByteBuffer.allocate(1 + 2 + 2 * offsets.length).order(ByteOrder.LITTLE_ENDIAN);
            b.put(OP_DELETE_ITEMS).putShort((short) offsets.length);
            for (int offset : offsets) {
                b.putShort((short) offset);
            }
            out.writeBytes(b.array());
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /**
     * The data of a block whose only operation is {@link PageOps#image}: the same bytes, made with one
     * array and two copies out of the page (an index build logs every page it writes this way, and
     * going through the operation list copied each page five times).
     */
    static byte[] imageOf(MemorySegment page) {
        int lower = Page.lower(page);
        int upper = Page.upper(page);
        byte[] b = new byte[1 + 4 + lower + (Page.SIZE - upper)];
        b[0] = OP_IMAGE;
        b[1] = (byte) lower; // little-endian shorts, as apply reads them
        b[2] = (byte) (lower >>> 8);
        b[3] = (byte) upper;
        b[4] = (byte) (upper >>> 8);
        MemorySegment.copy(page, ValueLayout.JAVA_BYTE, 0, b, 5, lower);
        MemorySegment.copy(page, ValueLayout.JAVA_BYTE, upper, b, 5 + lower, Page.SIZE - upper);
        return b;
    }

    /** Applies one block's operations to its page (redo, after the LSN check). */
    static void apply(MemorySegment page, byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            byte code = b.get();
            switch (code) {
                case OP_IMAGE -> {
                    int lower = Short.toUnsignedInt(b.getShort());
                    int upper = Short.toUnsignedInt(b.getShort());
                    page.fill((byte) 0);
                    byte[] head = new byte[lower];
                    byte[] tail = new byte[Page.SIZE - upper];
                    b.get(head).get(tail);
                    MemorySegment.copy(head, 0, page, ValueLayout.JAVA_BYTE, 0, head.length);
                    MemorySegment.copy(tail, 0, page, ValueLayout.JAVA_BYTE, upper, tail.length);
                }
                case OP_ADD_ITEM -> {
                    int offset = Short.toUnsignedInt(b.getShort());
                    byte[] item = new byte[b.getInt()];
                    b.get(item);
                    if (Page.addItem(page, MemorySegment.ofArray(item), offset, false, false) != offset) {
                        throw new IllegalStateException("btree redo: failed to add item at offset " + offset);
                    }
                }
                case OP_SET_PREV -> BTreePage.setPrev(page, b.getInt());
                case OP_CLEAR_FLAGS -> {
                    int flags = Short.toUnsignedInt(b.getShort());
                    BTreePage.setFlags(page, BTreePage.flags(page) & ~flags);
                }
                case OP_DELETE_ITEMS -> {
                    int[] offsets = new int[Short.toUnsignedInt(b.getShort())];
                    for (int i = 0; i < offsets.length; i++) {
                        offsets[i] = Short.toUnsignedInt(b.getShort());
                    }
                    Page.deleteIndexItems(page, offsets);
                }
                default -> throw new IllegalStateException("btree redo: unknown page operation " + code);
            }
        }
    }

    @Override
    public int id() {
        return RmgrIds.BTREE;
    }

    @Override
    public String name() {
        return "Btree";
    }

    @Override
    public void redo(WalRecord record, RedoContext context) {
        switch (record.info()) {
            case INSERT_LEAF, INSERT_UPPER, SPLIT_L, SPLIT_R, DELETE, NEWROOT, BUILD -> {
                for (int i = 0; i < record.blocks().size(); i++) {
                    context.redoBlock(i, (page, block) -> apply(page, block.data()));
                }
            }
            default -> throw new IllegalStateException("btree_redo: unknown op code " + record.info());
        }
    }
}

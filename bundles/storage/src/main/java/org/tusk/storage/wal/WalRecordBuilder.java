package org.tusk.storage.wal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.PageLsn;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.StorageConstants;

/**
 * Builds one WAL record (PostgreSQL's XLogBeginInsert / XLogRegisterBuffer / XLogRegisterData).
 *
 * <p>Blocks are registered with the page they change, still in the caller's hands (content lock held
 * exclusively, as PostgreSQL requires). Whether a full-page image goes in is decided when the record is
 * assembled, by {@link Wal#insert}, against the current redo pointer: the first change of a page after
 * a checkpoint's redo point (its page LSN at or before the redo pointer) carries the whole page, so
 * that recovery never has to apply a change to a page that might be torn. If a checkpoint moves the
 * redo pointer between assembly and space reservation, {@link Wal#insert} assembles again.
 */
public final class WalRecordBuilder {

    /** Registration flag: always include an image (PostgreSQL's REGBUF_FORCE_IMAGE). */
    public static final int FORCE_IMAGE = 0x80;

    private final int rmid;
    private final int info;
    private final long xid;
    private final List<Block> blocks = new ArrayList<>();
    private byte[] mainData = new byte[0];

    private record Block(RelFileLocator locator, ForkNumber fork, int block, MemorySegment page, int flags,
            byte[] data) {
    }

    public WalRecordBuilder(int rmid, int info, long xid) {
        if (rmid < 0 || rmid > 255 || info < 0 || info > 255) {
            throw new IllegalArgumentException("rmid and info are unsigned bytes");
        }
        this.rmid = rmid;
        this.info = info;
        this.xid = xid;
    }

    /**
     * Registers a changed block. {@code page} is the page as it is now (null if there is no page, e.g.
     * a block redo re-creates from {@code data} alone); {@code flags} may hold
     * {@link WalRecord#WILL_INIT} (never an image) and {@link #FORCE_IMAGE}.
     */
    public WalRecordBuilder block(RelFileLocator locator, ForkNumber fork, int block, MemorySegment page, int flags,
            byte[] data) {
        if (blocks.size() == 0xFFFF) {
            throw new IllegalStateException("too many block references");
        }
        if (page != null && page.byteSize() != StorageConstants.BLOCK_SIZE) {
            throw new IllegalArgumentException("a page is " + StorageConstants.BLOCK_SIZE + " bytes");
        }
        blocks.add(new Block(locator, fork, block, page, flags, data == null ? new byte[0] : data.clone()));
        return this;
    }

    public WalRecordBuilder mainData(byte[] data) {
        mainData = data.clone();
        return this;
    }

    /**
     * The record's bytes, prev and CRC left zero, with images for the blocks that need one given
     * {@code redoPointer}. {@code imagesDecided} receives whether some registered page went without
     * an image only because of the redo pointer (so a newer redo pointer could change the answer).
     */
    byte[] assemble(long redoPointer, boolean fullPageWrites, boolean[] imagesDecided) {
        boolean dependsOnRedo = false;
        boolean[] image = new boolean[blocks.size()];
        int length = WalRecord.HEADER_SIZE + mainData.length;
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (b.page != null && (b.flags & WalRecord.WILL_INIT) == 0) {
                if ((b.flags & FORCE_IMAGE) != 0) {
                    image[i] = true;
                } else if (fullPageWrites) {
                    image[i] = Wal.needsFullPageImage(PageLsn.get(b.page), redoPointer);
                    dependsOnRedo |= !image[i];
                }
            }
            length += WalRecord.BLOCK_HEADER_SIZE + (image[i] ? StorageConstants.BLOCK_SIZE : 0) + b.data.length;
        }
        imagesDecided[0] = dependsOnRedo;
        byte[] bytes = new byte[length];
        ByteBuffer out = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(WalRecord.OFF_LENGTH, length);
        out.putLong(WalRecord.OFF_XID, xid);
        out.put(WalRecord.OFF_RMID, (byte) rmid);
        out.put(WalRecord.OFF_INFO, (byte) info);
        out.putShort(WalRecord.OFF_BLOCKS, (short) blocks.size());
        out.putInt(WalRecord.OFF_MAIN_LENGTH, mainData.length);
        int pos = WalRecord.HEADER_SIZE;
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            int flags = (b.flags & WalRecord.WILL_INIT) | (image[i] ? WalRecord.HAS_IMAGE : 0)
                    | (b.data.length > 0 ? WalRecord.HAS_DATA : 0);
            out.putInt(pos, b.locator.tablespace());
            out.putInt(pos + 4, b.locator.database());
            out.putInt(pos + 8, b.locator.relNumber());
            out.put(pos + 12, (byte) b.fork.ordinal());
            out.put(pos + 13, (byte) flags);
            out.putInt(pos + 16, b.block);
            out.putInt(pos + 20, b.data.length);
            pos += WalRecord.BLOCK_HEADER_SIZE;
            if (image[i]) {
                MemorySegment.copy(b.page, ValueLayout.JAVA_BYTE, 0, bytes, pos, StorageConstants.BLOCK_SIZE);
                pos += StorageConstants.BLOCK_SIZE;
            }
            System.arraycopy(b.data, 0, bytes, pos, b.data.length);
            pos += b.data.length;
        }
        System.arraycopy(mainData, 0, bytes, pos, mainData.length);
        return bytes;
    }
}

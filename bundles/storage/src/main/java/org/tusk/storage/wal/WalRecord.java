package org.tusk.storage.wal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.StorageConstants;

/**
 * One WAL record as read back: where it is, its header fields, its block references and main data.
 *
 * <h2>Format (little-endian, records start 8-byte aligned)</h2>
 * <pre>
 *  0  total length (int, header included, padding excluded)
 *  4  CRC-32C (int) of bytes [32, total) then [0, 4) and [8, 32): data first, header last
 *  8  xid (long, 64-bit)
 *  16 previous record's LSN (long)
 *  24 resource manager id (unsigned byte)   25 info (byte: the rmgr's record type and flags)
 *  26 number of block references (unsigned short)
 *  28 main data length (int)
 *  32 block references, each:
 *       0 tablespace, 4 database, 8 relation number (ints), 12 fork (byte), 13 flags (byte),
 *       14 reserved (short), 16 block number (int), 20 block data length (int),
 *       24 full-page image (BLOCK_SIZE bytes, if flags has HAS_IMAGE), then the block data
 *  ... main data
 * </pre>
 * PostgreSQL's XLogRecord has a 24-byte header with a 32-bit xid; ours is 32 bytes with a 64-bit
 * one. The CRC covers everything, header included, with the CRC field itself left out; computing the
 * data part first lets the inserter do most of the work before it knows the previous record's LSN.
 */
public record WalRecord(long lsn, long endLsn, long xid, long prev, int rmid, int info,
        List<BlockReference> blocks, byte[] mainData) {

    public static final int HEADER_SIZE = 32;
    public static final int BLOCK_HEADER_SIZE = 24;

    static final int OFF_LENGTH = 0;
    static final int OFF_CRC = 4;
    static final int OFF_XID = 8;
    static final int OFF_PREV = 16;
    static final int OFF_RMID = 24;
    static final int OFF_INFO = 25;
    static final int OFF_BLOCKS = 26;
    static final int OFF_MAIN_LENGTH = 28;

    /** Block reference flag: a full-page image follows the block header. */
    public static final int HAS_IMAGE = 0x01;
    /** Block reference flag: the block's data length is not zero (informational). */
    public static final int HAS_DATA = 0x02;
    /** Block reference flag: redo re-initializes the page from scratch, so no image is needed. */
    public static final int WILL_INIT = 0x04;

    /** A block the record changed, with its optional image and rmgr-specific data. */
    public record BlockReference(RelFileLocator locator, ForkNumber fork, int block, int flags, byte[] image,
            byte[] data) {

        public boolean hasImage() {
            return image != null;
        }
    }

    /** Main data as a little-endian buffer, for resource managers that read fields. */
    public ByteBuffer mainDataBuffer() {
        return ByteBuffer.wrap(mainData).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Total bytes of the record as stored (header included, alignment padding excluded). */
    public int totalLength() {
        int length = HEADER_SIZE + mainData.length;
        for (BlockReference b : blocks) {
            length += BLOCK_HEADER_SIZE + (b.image == null ? 0 : StorageConstants.BLOCK_SIZE) + b.data.length;
        }
        return length;
    }

    /** The CRC-32C the record must carry: data part, then the header around the CRC field. */
    static int computeCrc(byte[] record, int length) {
        CRC32C crc = new CRC32C();
        crc.update(record, HEADER_SIZE, length - HEADER_SIZE);
        crc.update(record, 0, OFF_CRC);
        crc.update(record, OFF_CRC + 4, HEADER_SIZE - OFF_CRC - 4);
        return (int) crc.getValue();
    }

    /**
     * Decodes a record whose bytes (CRC already checked) are in {@code bytes}; null if the block
     * references or lengths do not add up, which the reader reports as an invalid record.
     */
    static WalRecord decode(long lsn, long endLsn, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int total = b.getInt(OFF_LENGTH);
        int blockCount = Short.toUnsignedInt(b.getShort(OFF_BLOCKS));
        int mainLength = b.getInt(OFF_MAIN_LENGTH);
        int pos = HEADER_SIZE;
        List<BlockReference> blocks = new ArrayList<>(blockCount);
        ForkNumber[] forks = ForkNumber.values();
        for (int i = 0; i < blockCount; i++) {
            if (pos + BLOCK_HEADER_SIZE > total) {
                return null;
            }
            RelFileLocator locator = new RelFileLocator(b.getInt(pos), b.getInt(pos + 4), b.getInt(pos + 8));
            int fork = b.get(pos + 12);
            int flags = b.get(pos + 13) & 0xFF;
            int block = b.getInt(pos + 16);
            int dataLength = b.getInt(pos + 20);
            pos += BLOCK_HEADER_SIZE;
            if (fork < 0 || fork >= forks.length || dataLength < 0) {
                return null;
            }
            byte[] image = null;
            if ((flags & HAS_IMAGE) != 0) {
                if (pos + StorageConstants.BLOCK_SIZE > total) {
                    return null;
                }
                image = new byte[StorageConstants.BLOCK_SIZE];
                b.get(pos, image);
                pos += image.length;
            }
            if (dataLength > total - pos) {
                return null;
            }
            byte[] data = new byte[dataLength];
            b.get(pos, data);
            pos += dataLength;
            blocks.add(new BlockReference(locator, forks[fork], block, flags, image, data));
        }
        if (mainLength < 0 || pos + mainLength != total) {
            return null;
        }
        byte[] main = new byte[mainLength];
        b.get(pos, main);
        return new WalRecord(lsn, endLsn, b.getLong(OFF_XID), b.getLong(OFF_PREV), bytes[OFF_RMID] & 0xFF,
                bytes[OFF_INFO] & 0xFF, List.copyOf(blocks), main);
    }
}

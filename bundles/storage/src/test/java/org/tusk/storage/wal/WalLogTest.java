package org.tusk.storage.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.Lsn;
import org.tusk.storage.common.PageLsn;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.StorageConstants;

/** Records in, records out: format, page and segment crossings, images, and where the log ends. */
class WalLogTest {

    private static final RelFileLocator REL = RelFileLocator.of(5, 16384);

    @TempDir
    Path dir;

    static byte[] payload(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void recordsRoundTripAcrossPageAndSegmentBoundaries() {
        // 16 buffers: the ring wraps hundreds of times, so eviction (writing old pages to make room) is exercised.
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16));
                Arena arena = Arena.ofConfined()) {
            Wal wal = cluster.wal;
            Random random = new Random(7);
            MemorySegment page = arena.allocate(StorageConstants.BLOCK_SIZE);
            List<Wal.Inserted> inserted = new ArrayList<>();
            List<Integer> lengths = new ArrayList<>();
            List<Boolean> withImage = new ArrayList<>();
            long crossingSegment = 0;
            int i = 0;
            while (wal.insertPosition() < 2 * WalAddressing.SEGMENT_SIZE + 100_000) {
                int length = random.nextInt(4) == 0 ? random.nextInt(30_000) : random.nextInt(300);
                boolean image = i % 50 == 0;
                WalRecordBuilder b = new WalRecordBuilder(RmgrIds.XLOG, RmgrIds.XLOG_NOOP, 1000 + i)
                        .mainData(payload(i, length));
                if (image) {
                    page.fill((byte) i);
                    PageLsn.set(page, 0);
                    b.block(REL, ForkNumber.MAIN, i, page, WalRecordBuilder.FORCE_IMAGE, payload(-i, 17));
                }
                Wal.Inserted at = wal.insert(b);
                if (WalAddressing.segmentOf(at.start()) != WalAddressing.segmentOf(at.end() - 1)) {
                    crossingSegment++;
                }
                inserted.add(at);
                lengths.add(length);
                withImage.add(image);
                i++;
            }
            wal.flush(inserted.getLast().end());
            assertTrue(crossingSegment > 0 || inserted.stream().anyMatch(
                    r -> r.end() % WalAddressing.SEGMENT_SIZE == 0), "some record crossed a segment boundary");

            try (WalReader reader = cluster.reader()) {
                WalRecord record = reader.read(inserted.getFirst().start());
                for (int k = 0; k < inserted.size(); k++) {
                    assertNotNull(record, "record " + k + ": " + reader.errorMessage());
                    assertEquals(inserted.get(k).start(), record.lsn());
                    assertEquals(inserted.get(k).end(), record.endLsn());
                    assertEquals(1000 + k, record.xid());
                    assertEquals(RmgrIds.XLOG_NOOP, record.info());
                    assertArrayEquals(payload(k, lengths.get(k)), record.mainData());
                    if (withImage.get(k)) {
                        WalRecord.BlockReference block = record.blocks().getFirst();
                        assertEquals(k, block.block());
                        assertEquals(REL, block.locator());
                        assertTrue(block.hasImage());
                        assertEquals((byte) k, block.image()[100]);
                        assertArrayEquals(payload(-k, 17), block.data());
                    } else {
                        assertTrue(record.blocks().isEmpty());
                    }
                    if (k > 0) {
                        assertEquals(inserted.get(k - 1).start(), record.prev());
                    }
                    record = reader.next();
                }
                assertNull(record);
                long end = wal.insertPosition();
                String message = reader.errorMessage();
                assertTrue(message.equals("invalid record length at " + Lsn.format(end) + ": wanted 32, got 0")
                        || message.startsWith("invalid magic number 0000"), message);
            }
        }
    }

    @Test
    void fullPageImageOnFirstChangeAfterRedoPoint() {
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16));
                Arena arena = Arena.ofConfined()) {
            Wal wal = cluster.wal;
            MemorySegment page = arena.allocate(StorageConstants.BLOCK_SIZE);
            long redo = wal.beginCheckpoint();
            assertEquals(redo, wal.redoPointer());
            PageLsn.set(page, redo - 1);
            assertTrue(wal.needsFullPageImage(PageLsn.get(page)));
            Wal.Inserted first = wal.insert(change(page));
            PageLsn.set(page, first.end());
            assertTrue(!wal.needsFullPageImage(PageLsn.get(page)));
            Wal.Inserted second = wal.insert(change(page));
            PageLsn.set(page, second.end());
            // A new redo point: the next change needs an image again.
            wal.beginCheckpoint();
            Wal.Inserted third = wal.insert(change(page));
            wal.flush(third.end());
            try (WalReader reader = cluster.reader()) {
                assertTrue(reader.read(first.start()).blocks().getFirst().hasImage());
                assertTrue(!reader.read(second.start()).blocks().getFirst().hasImage());
                WalRecord thirdRecord = reader.read(third.start());
                assertTrue(thirdRecord.blocks().getFirst().hasImage());
                assertEquals(second.end(), PageLsn.get(MemorySegment.ofArray(thirdRecord.blocks().getFirst().image())));
                assertEquals((byte) 1, thirdRecord.blocks().getFirst().image()[4000]);
            }
        }
    }

    private static WalRecordBuilder change(MemorySegment page) {
        page.set(ValueLayout.JAVA_BYTE, 4000, (byte) 1);
        return new WalRecordBuilder(RmgrIds.MIN_CUSTOM, 0, 5).block(REL, ForkNumber.MAIN, 0, page, 0, new byte[] {1});
    }
}

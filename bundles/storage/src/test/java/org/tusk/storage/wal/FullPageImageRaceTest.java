package org.tusk.storage.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.PageLsn;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.StorageConstants;

/**
 * Checkpoints racing with page changes: every change must carry a full-page image exactly when its
 * page's LSN before the change was at or before the redo pointer in force when the record was
 * reserved, i.e. the latest redo point at or before the record's own LSN. A record assembled before
 * a checkpoint moved the redo pointer and reserved after it must have been assembled again.
 */
class FullPageImageRaceTest {

    private static final int PAGES = 2;
    private static final int CHANGES = 3000;

    @TempDir
    Path dir;

    @Test
    void imagesFollowTheRedoPointerInForceAtReservation() throws Exception {
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(64));
                Arena arena = Arena.ofShared()) {
            Wal wal = cluster.wal;
            long first = wal.insertPosition();
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger checkpointsMade = new AtomicInteger();
            AtomicInteger changesMade = new AtomicInteger();
            Checkpointer checkpointer = new Checkpointer(wal, dir, CheckpointHooks.NONE, () -> 5, () -> 20000,
                    Clock.systemUTC());
            Thread checkpoints = Thread.ofPlatform().start(() -> {
                while (!done.get()) {
                    checkpointer.checkpoint(Checkpointer.Kind.ONLINE);
                    checkpointsMade.incrementAndGet();
                    LockSupport.parkNanos(200_000);
                }
            });
            try {
                ConcurrentInsertTest.runThreads(PAGES, t -> {
                    MemorySegment page = arena.allocate(StorageConstants.BLOCK_SIZE);
                    RelFileLocator rel = RelFileLocator.of(5, 20000 + t);
                    // At least CHANGES each, and on until several checkpoints have happened meanwhile.
                    for (int i = 0; i < CHANGES || (checkpointsMade.get() < 5 && i < 100 * CHANGES); i++) {
                        page.set(ValueLayout.JAVA_INT_UNALIGNED, 100 + (i % 1000) * 4, i);
                        Wal.Inserted at = wal.insert(new WalRecordBuilder(RmgrIds.MIN_CUSTOM, 0, 7)
                                .block(rel, ForkNumber.MAIN, 0, page, 0, new byte[] {(byte) i}));
                        PageLsn.set(page, at.end());
                        changesMade.incrementAndGet();
                    }
                });
            } finally {
                done.set(true);
                checkpoints.join();
            }
            wal.flush(wal.insertPosition());

            List<Long> redoPoints = new ArrayList<>();
            List<WalRecord> changes = new ArrayList<>();
            try (WalReader reader = cluster.reader()) {
                for (WalRecord r = reader.read(first); r != null; r = reader.next()) {
                    CheckpointRecord checkpoint = CheckpointRecord.of(r);
                    if (checkpoint != null) {
                        redoPoints.add(checkpoint.redo());
                    } else if (r.rmid() == RmgrIds.MIN_CUSTOM) {
                        changes.add(r);
                    }
                }
            }
            assertEquals(changesMade.get(), changes.size());
            assertTrue(redoPoints.size() > 2, "checkpoints ran during the changes");
            long initialRedo = cluster.outcome.checkpoint();
            Map<RelFileLocator, Long> pageLsn = new HashMap<>();
            int images = 0;
            for (WalRecord r : changes) {
                long redo = initialRedo;
                for (long point : redoPoints) {
                    if (point <= r.lsn() && point > redo) {
                        redo = point;
                    }
                }
                WalRecord.BlockReference block = r.blocks().getFirst();
                long before = pageLsn.getOrDefault(block.locator(), 0L);
                assertEquals(before <= redo, block.hasImage(), "record at " + r.lsn() + ": page LSN " + before
                        + ", redo " + redo);
                images += block.hasImage() ? 1 : 0;
                pageLsn.put(block.locator(), r.endLsn());
            }
            assertTrue(images > PAGES, "images after later redo points too, not only the first changes");
        }
    }
}

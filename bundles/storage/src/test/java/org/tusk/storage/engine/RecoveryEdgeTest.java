package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.Lsn;
import org.tusk.storage.common.StorageConstants;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.wal.WalAddressing;
import org.tusk.storage.xact.IsolationLevel;

/** Recovery from damage a crash can leave: a torn data page, a corrupted WAL tail. */
class RecoveryEdgeTest {

    private static final int ACCOUNTS = 20;

    @TempDir
    Path dir;

    private StorageEngine start() {
        return StorageEngine.create(dir.resolve("data"), dir.resolve("seg"),
                EngineSettings.small().withBackgroundThreads(false));
    }

    private static void transfers(Session s, Map<Integer, ItemPointer> index, int count, long firstId) {
        BankWorkload.Counts counts = new BankWorkload.Counts();
        for (int i = 0; i < count; i++) {
            BankWorkload.transfer(s, index, i % ACCOUNTS, (i + 7) % ACCOUNTS, 10 + i, firstId + i,
                    IsolationLevel.READ_COMMITTED, counts);
        }
    }

    @Test
    void tornDataPageIsRepairedFromTheFullPageImage() throws Exception {
        BankWorkload.State expected;
        byte[] written;
        Path file = dir.resolve("data").resolve(BankWorkload.ACCOUNTS_REL.path(ForkNumber.MAIN, 0));
        try (StorageEngine engine = start(); Session s = engine.session(0)) {
            BankWorkload.setup(s, ACCOUNTS);
            Map<Integer, ItemPointer> index = BankWorkload.index(s);
            engine.checkpoint();
            // After the checkpoint, the first change to the page carries its full image in the WAL.
            transfers(s, index, 30, 1);
            expected = BankWorkload.state(s);
            // The page reaches the disk (as an eviction would write it) but no checkpoint follows.
            new BufferManager(engine.pool(), engine.smgr(), engine.flusher()).flushAll();
            written = block0(file);
            engine.crash();
        }
        // The crash tore that write: the second half of the block is garbage.
        byte[] torn = written.clone();
        for (int i = StorageConstants.BLOCK_SIZE / 2; i < torn.length; i++) {
            torn[i] = (byte) (i * 31 + 7);
        }
        writeBlock0(file, torn);
        try (StorageEngine engine = start(); Session s = engine.session(0)) {
            assertTrue(engine.recoveryOutcome().performed());
            assertEquals(expected, BankWorkload.state(s));
        }
        // Hint bits (not WAL-logged) may differ from the page written before the crash, the tuples not.
        byte[] repaired = block0(file);
        int half = StorageConstants.BLOCK_SIZE / 2;
        assertFalse(Arrays.equals(torn, half, torn.length, repaired, half, repaired.length),
                "the garbage half was replaced");
    }

    @Test
    void corruptedWalTailEndsRecoveryAtTheLastValidRecord() throws Exception {
        List<Long> ends = new ArrayList<>();
        Path wal = dir.resolve("data").resolve("pg_wal");
        try (StorageEngine engine = start(); Session s = engine.session(0)) {
            BankWorkload.setup(s, ACCOUNTS);
            Map<Integer, ItemPointer> index = BankWorkload.index(s);
            engine.checkpoint();
            for (int i = 0; i < 40; i++) {
                transfers(s, index, 1, i);
                ends.add(engine.wal().insertPosition()); // where transfer i + 1's first record starts
            }
            engine.crash();
        }
        // Flip one byte inside the first record of transfer k (25, or a little later if that record
        // starts too close to a WAL page end for the byte to be in the record rather than a header).
        int k = 25;
        while (ends.get(k - 1) % WalAddressing.PAGE_SIZE > WalAddressing.PAGE_SIZE - 64) {
            k++;
        }
        int lost = k;
        long recordStart = ends.get(k - 1);
        long flipped = recordStart + 40;
        Path segment = wal.resolve(WalAddressing.segmentFileName(1, WalAddressing.segmentOf(flipped)));
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            long offset = flipped % WalAddressing.SEGMENT_SIZE;
            channel.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ 0x5A)).rewind();
            channel.write(b, offset);
        }
        try (StorageEngine engine = start(); Session s = engine.session(0)) {
            assertEquals("incorrect resource manager data checksum in record at " + Lsn.format(recordStart),
                    engine.recoveryOutcome().stopReason());
            assertTrue(engine.recoveryOutcome().messages().stream().anyMatch(m -> m.startsWith("redo done at ")),
                    engine.recoveryOutcome().messages().toString());
            BankWorkload.State state = BankWorkload.state(s);
            Set<Long> expected = new HashSet<>();
            for (long i = 0; i < lost; i++) {
                expected.add(i);
            }
            assertEquals(expected, state.transferIds(), "the transfers committed before the damage, none after");
            assertEquals(ACCOUNTS * BankWorkload.INITIAL_BALANCE, state.total());
            assertEquals(2L * lost, state.applied());
            assertFalse(state.transferIds().contains((long) lost));
            // and the log goes on from there
            transfers(s, BankWorkload.index(s), 3, 100);
            assertEquals(lost + 3, BankWorkload.state(s).historyRows());
        }
    }

    private static byte[] block0(Path file) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(StorageConstants.BLOCK_SIZE);
            channel.read(b, 0);
            return b.array();
        }
    }

    private static void writeBlock0(Path file, byte[] page) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(page), 0);
        }
    }
}

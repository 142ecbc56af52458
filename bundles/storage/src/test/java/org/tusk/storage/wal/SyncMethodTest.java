package org.tusk.storage.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Each wal_sync_method makes commits durable and is counted; fsync=off syncs nothing. */
class SyncMethodTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SyncMethod.class)
    void commitsWithEachMethod(SyncMethod method) {
        WalSettings settings = WalSettings.defaults().withWalBuffers(16).withSyncMethod(method);
        try (WalTestCluster cluster = WalTestCluster.start(dir, settings)) {
            Wal wal = cluster.wal;
            Wal.Stats before = wal.stats();
            Wal.Inserted last = null;
            for (int i = 0; i < 5; i++) {
                last = wal.insert(ConcurrentInsertTest.tagged(0, i));
                wal.commit(last.end());
            }
            Wal.Stats after = wal.stats();
            assertEquals(5, after.syncs() - before.syncs(), "one sync per lone commit");
            assertEquals(5, after.flushRequests() - before.flushRequests());
            try (WalReader reader = cluster.reader()) {
                assertNotNull(reader.read(last.start()), reader.errorMessage());
            }
        }
    }

    @Test
    void fsyncOffNeverSyncs() {
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            Wal wal = cluster.wal;
            Wal.Inserted at = wal.insert(ConcurrentInsertTest.tagged(0, 0));
            wal.commit(at.end());
            assertTrue(wal.flushedUpTo() >= at.end());
            assertEquals(0, wal.stats().syncs());
        }
    }

    @Test
    void settingNames() {
        assertEquals(SyncMethod.OPEN_DATASYNC, SyncMethod.fromSetting("open_datasync"));
        assertEquals("invalid value for parameter \"wal_sync_method\": \"fsync_writethrough\"",
                assertThrows(IllegalArgumentException.class, () -> SyncMethod.fromSetting("fsync_writethrough"))
                        .getMessage());
    }
}

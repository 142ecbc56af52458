package org.tusk.storage.async;

import org.tusk.storage.testing.ChildJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.spi.NotificationQueue.Endpoint;
import org.tusk.spi.NotificationQueue.Notification;
import org.tusk.storage.shmem.SharedMemory;

/**
 * NOTIFY between processes: a child JVM ({@link ListenerProcess}) listens through its own mapping and
 * sleeps on its futex wake word; this process sends, the child wakes, reads, and answers on a channel
 * this process listens to. Nothing but the mapped file connects them.
 */
class CrossProcessNotifyTest {

    @TempDir
    Path dir;

    @Test
    void notificationCrossesProcessesAndWakesTheListener() throws Exception {
        Path file = dir.resolve("seg");
        try (SharedMemory shm = SharedMemory.create(file, 1 << 20)) {
            AsyncQueue queue = AsyncQueue.create(shm, 4, 64 * 1024);
            Endpoint me = queue.attach(1);
            me.listen("reply");
            Process child = ChildJvm.builder(ListenerProcess.class, file.toString(), "4242").start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line = out.readLine();
                lines.add(line);
                assertEquals("listening", line, "child output: " + lines);
                me.send(List.of(new Notification(1, "c", "hello from the parent"),
                        new Notification(1, "other", "not for the child")));
                for (String l; (l = out.readLine()) != null;) {
                    lines.add(l);
                }
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child finished");
            } finally {
                child.destroyForcibly();
            }
            assertEquals(List.of("listening", "got 1 c hello from the parent"), lines);
            assertEquals(List.of(new Notification(4242, "reply", "thanks")), me.receive());
        }
    }
}

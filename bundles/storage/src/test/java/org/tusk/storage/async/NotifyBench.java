package org.tusk.storage.async;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.tusk.spi.NotificationQueue.Endpoint;
import org.tusk.spi.NotificationQueue.Notification;
import org.tusk.storage.shmem.SharedMemory;

/**
 * By hand, not a test: the time from {@code send} to the moment a listener asleep on its futex wake
 * word has read the notification (two threads, one segment). Run with the test class path and
 * {@code --enable-native-access=ALL-UNNAMED}.
 */
public final class NotifyBench {

    private NotifyBench() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dir = Files.createTempDirectory("notifybench");
        try (SharedMemory shm = SharedMemory.create(dir.resolve("seg"), 4 << 20)) {
            AsyncQueue queue = AsyncQueue.create(shm, 4, AsyncQueue.DEFAULT_CAPACITY);
            Endpoint listener = queue.attach(1);
            Endpoint sender = queue.attach(2);
            listener.listen("c");
            long[] received = new long[samples];
            Thread waiter = Thread.ofPlatform().start(() -> {
                int got = 0;
                while (got < samples) {
                    int seen = listener.wakeCount();
                    for (Notification n : listener.receive()) {
                        received[Integer.parseInt(n.payload())] = System.nanoTime();
                        got++;
                    }
                    if (got < samples) {
                        listener.awaitWake(seen, TimeUnit.SECONDS.toNanos(5));
                    }
                }
            });
            long[] sent = new long[samples];
            for (int i = 0; i < samples; i++) {
                Thread.sleep(1); // let the listener fall asleep again
                sent[i] = System.nanoTime();
                sender.send(List.of(new Notification(2, "c", Integer.toString(i))));
            }
            waiter.join();
            long[] latency = new long[samples];
            for (int i = 0; i < samples; i++) {
                latency[i] = received[i] - sent[i];
            }
            Arrays.sort(latency);
            System.out.printf("send to read by a sleeping listener, %d samples: median %d us, p90 %d us, p99 %d us%n",
                    samples, latency[samples / 2] / 1000, latency[samples * 9 / 10] / 1000,
                    latency[samples * 99 / 100] / 1000);
        } finally {
            Files.deleteIfExists(dir.resolve("seg"));
            Files.deleteIfExists(dir);
        }
    }
}

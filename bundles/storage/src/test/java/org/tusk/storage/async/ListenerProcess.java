package org.tusk.storage.async;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.tusk.spi.NotificationQueue.Endpoint;
import org.tusk.spi.NotificationQueue.Notification;
import org.tusk.storage.shmem.SharedMemory;

/**
 * A child JVM for {@link CrossProcessNotifyTest}: attaches the segment by path, listens on "c", sleeps
 * on its wake word until a notification arrives, prints it, answers on channel "reply", and exits.
 */
public final class ListenerProcess {

    private ListenerProcess() {
    }

    public static void main(String[] args) {
        int pid = Integer.parseInt(args[1]);
        try (SharedMemory shm = SharedMemory.attach(Path.of(args[0]))) {
            Endpoint me = AsyncQueue.attach(shm).attach(pid);
            me.listen("c");
            System.out.println("listening");
            System.out.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                int seen = me.wakeCount();
                List<Notification> got = me.receive();
                if (!got.isEmpty()) {
                    for (Notification n : got) {
                        System.out.println("got " + n.processId() + " " + n.channel() + " " + n.payload());
                    }
                    me.send(List.of(new Notification(pid, "reply", "thanks")));
                    me.close();
                    return;
                }
                me.awaitWake(seen, TimeUnit.SECONDS.toNanos(60));
            }
            System.out.println("timed out");
        }
    }
}

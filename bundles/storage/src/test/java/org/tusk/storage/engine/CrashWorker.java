package org.tusk.storage.engine;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.xact.IsolationLevel;

/**
 * The process {@link CrashTortureTest} kills: it starts the cluster (creates the segment, recovers
 * whatever the previous crash left), writes READY to its acknowledgement file, then runs the bank
 * workload on a few threads until it is killed, while another thread requests checkpoints at
 * random moments. Each transfer id is appended to the acknowledgement file only after
 * {@link Session#commit} returned: that is what a client would have been told. The file is written
 * with plain unbuffered writes, so a kill -9 loses nothing already acknowledged.
 *
 * <p>Usage: {@code CrashWorker SEGMENT DATA_DIR SETTINGS THREADS FIRST_ID ACCOUNTS ACK_FILE}.
 */
public final class CrashWorker {

    private CrashWorker() {
    }

    public static void main(String[] args) throws Exception {
        EngineSettings settings = EngineSettings.decode(args[2]);
        int threads = Integer.parseInt(args[3]);
        long firstId = Long.parseLong(args[4]);
        int accounts = Integer.parseInt(args[5]);
        StorageEngine engine = StorageEngine.create(Path.of(args[1]), Path.of(args[0]), settings);
        Map<Integer, ItemPointer> index;
        try (Session s = engine.session(0)) {
            index = BankWorkload.index(s);
        }
        FileOutputStream ack = new FileOutputStream(args[6], true);
        write(ack, "READY\n");
        for (int t = 0; t < threads; t++) {
            int proc = t + 1;
            long first = firstId + t * 1_000_000L;
            IsolationLevel level = t % 2 == 0 ? IsolationLevel.READ_COMMITTED : IsolationLevel.REPEATABLE_READ;
            Thread.ofPlatform().start(() -> {
                try (Session s = engine.session(proc)) {
                    BankWorkload.run(s, index, accounts, Integer.MAX_VALUE, first, level, first,
                            id -> write(ack, id + "\n"));
                } catch (RuntimeException e) {
                    e.printStackTrace();
                    System.exit(2);
                }
            });
        }
        Random random = new Random(firstId);
        while (true) {
            Thread.sleep(10 + random.nextInt(40));
            engine.checkpoint();
        }
    }

    private static void write(FileOutputStream out, String line) {
        synchronized (out) {
            try {
                out.write(line.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}

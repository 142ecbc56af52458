package org.tusk.storage.engine;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.xact.IsolationLevel;

/**
 * A child JVM inserting rows (a = a unique id, b = random text) and their entries into the two
 * indexes of {@link BTreeRecoveryTest}, in transactions of 20 rows, appending "first last" to an
 * acknowledgement file after each commit returned.
 *
 * <p>Usage: {@code BTreeProcess MODE SEGMENT DATA_DIR SETTINGS PROC FIRST_ID COUNT ACK_FILE} with MODE
 * {@code create} (start the cluster, recovering; insert until killed, checkpointing now and then)
 * or {@code attach} (join the running cluster, wait for a file named ACK_FILE.go, insert COUNT rows,
 * exit).
 */
public final class BTreeProcess {

    static final RelationId UNIQUE_ID = new RelationId(BTreeFixture.DB, 16901);
    static final RelationId TEXT_ID = new RelationId(BTreeFixture.DB, 16902);
    static final IndexShape UNIQUE = BTreeFixture.shape(true, BTreeFixture.asc("a", PgType.INT4));
    static final IndexShape TEXT = BTreeFixture.shape(false, BTreeFixture.desc("b", PgType.TEXT),
            BTreeFixture.asc("a", PgType.INT4));

    private BTreeProcess() {
    }

    static Object[] row(int id, Random r) {
        return new Object[] {id, "t" + r.nextInt(1000) + "-".repeat(r.nextInt(120)), null, null};
    }

    public static void main(String[] args) throws Exception {
        boolean create = args[0].equals("create");
        Path segment = Path.of(args[1]);
        Path data = Path.of(args[2]);
        EngineSettings settings = EngineSettings.decode(args[3]);
        int proc = Integer.parseInt(args[4]);
        int first = Integer.parseInt(args[5]);
        int count = Integer.parseInt(args[6]);
        Path ackFile = Path.of(args[7]);
        StorageEngine engine = create ? StorageEngine.create(data, segment, settings)
                : StorageEngine.attach(segment, data, settings);
        try (FileOutputStream ack = new FileOutputStream(ackFile.toFile(), true); Session s = engine.session(proc)) {
            BTreeIndex unique = BTreeIndex.open(s, UNIQUE_ID, UNIQUE);
            BTreeIndex text = BTreeIndex.open(s, TEXT_ID, TEXT);
            ack.write("READY\n".getBytes(StandardCharsets.US_ASCII));
            if (!create) {
                Path go = Path.of(ackFile + ".go");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.exists(go)) {
                    if (System.nanoTime() > deadline) {
                        System.exit(3);
                    }
                    Thread.sleep(2);
                }
            }
            Random r = new Random(first);
            for (int id = first; id < first + count; id += 20) {
                s.begin(IsolationLevel.READ_COMMITTED);
                for (int i = id; i < id + 20; i++) {
                    BTreeFixture.insert(s, row(i, r), unique, text);
                }
                s.commit();
                ack.write((id + " " + (id + 19) + "\n").getBytes(StandardCharsets.US_ASCII));
                if (create && r.nextInt(30) == 0) {
                    engine.checkpoint();
                }
            }
        }
        engine.shutdown();
        System.exit(0);
    }
}

package org.tusk.storage.engine;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.tusk.storage.access.ColumnType;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.StorageSession;
import org.tusk.storage.access.TableShape;

/**
 * The process {@link LifecycleCrashTest} kills with SIGKILL: it starts the cluster and, through the
 * access API, creates tables named by new OIDs (with a row each), drops some, creates others in
 * transactions that abort, and takes a thousand OIDs at a time, with a checkpoint now and then.
 * After each commit or abort returned it appends what it did to the acknowledgement file
 * ({@code created F O}: table F committed and every OID up to O handed out; {@code dropped F};
 * {@code aborted F}), unbuffered, so a kill loses nothing acknowledged.
 *
 * <p>Usage: {@code LifecycleProcess SEGMENT DATA_DIR SETTINGS ACK_FILE}.
 */
public final class LifecycleProcess {

    static final TableShape SHAPE = new TableShape(List.of(new ColumnType("i", 23, true)));
    static final int DATABASE = 5;

    private LifecycleProcess() {
    }

    public static void main(String[] args) throws Exception {
        EngineSettings settings = EngineSettings.decode(args[2]);
        StorageEngine engine = StorageEngine.create(Path.of(args[1]), Path.of(args[0]), settings);
        FileOutputStream ack = new FileOutputStream(args[3], true);
        try (StorageSession s = new EngineStorageAccess(engine).openSession(1)) {
            int previous = 0;
            for (int i = 0; ; i++) {
                int last = 0;
                for (int k = 0; k < 1000; k++) {
                    last = s.newOid();
                }
                int file = s.newOid();
                s.begin(Isolation.READ_COMMITTED);
                s.createTable(new RelationId(DATABASE, file), SHAPE).insert(new Object[] {i});
                s.commit();
                write(ack, "created " + Integer.toUnsignedString(file) + " " + Integer.toUnsignedString(last) + "\n");
                if (i % 2 == 1) {
                    s.begin(Isolation.READ_COMMITTED);
                    s.dropRelation(new RelationId(DATABASE, previous));
                    s.commit();
                    write(ack, "dropped " + Integer.toUnsignedString(previous) + "\n");
                }
                if (i % 3 == 0) {
                    int doomed = s.newOid();
                    s.begin(Isolation.READ_COMMITTED);
                    s.createTable(new RelationId(DATABASE, doomed), SHAPE).insert(new Object[] {-i});
                    s.abort();
                    write(ack, "aborted " + Integer.toUnsignedString(doomed) + "\n");
                }
                if (i % 7 == 0) {
                    engine.checkpoint();
                }
                previous = file;
            }
        }
    }

    private static void write(FileOutputStream out, String line) {
        try {
            out.write(line.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

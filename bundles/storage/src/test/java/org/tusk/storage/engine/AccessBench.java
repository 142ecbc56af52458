package org.tusk.storage.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tusk.storage.access.ColumnType;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.StorageSession;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TableShape;

/**
 * Figures for the access API, run by hand (not a test): rows inserted per second through
 * {@code Table.insert} in one transaction, rows per second of a streaming scan of a table four times
 * the buffer pool, and pgbench's branch pattern (one transaction per update of one of ten rows, the
 * row found by a scan) with the table's size at the end, which pruning keeps small.
 *
 * <p>{@code java -cp <test classpath> org.tusk.storage.engine.AccessBench [rows]}
 */
public final class AccessBench {

    private AccessBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        Path dir = Files.createTempDirectory("access-bench");
        EngineSettings settings = EngineSettings.small().withSharedBuffers(1024).withBackgroundThreads(true);
        TableShape shape = new TableShape(List.of(new ColumnType("aid", 23, true), new ColumnType("bid", 23, true),
                new ColumnType("abalance", 23, true), new ColumnType("filler", 1042, false)));
        String filler = " ".repeat(84);
        try (StorageEngine engine = StorageEngine.create(dir.resolve("data"), dir.resolve("shm"), settings);
                StorageSession s = new EngineStorageAccess(engine).openSession(1)) {
            s.setSynchronousCommit(false);
            RelationId accounts = new RelationId(5, s.newOid());
            long start = System.nanoTime();
            s.begin(Isolation.READ_COMMITTED);
            Table t = s.createTable(accounts, shape);
            for (int i = 1; i <= rows; i++) {
                t.insert(new Object[] {i, 1, 0, filler});
            }
            s.commit();
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("insert: %d rows in %.2f s, %.0f rows/s, %d blocks (%d buffers)%n", rows, secs,
                    rows / secs, t.blocks(), settings.sharedBuffers());
            for (int round = 0; round < 3; round++) {
                start = System.nanoTime();
                s.begin(Isolation.READ_COMMITTED);
                long sum = 0;
                int n = 0;
                try (RowScan scan = t.scan()) {
                    for (Row r = scan.next(); r != null; r = scan.next()) {
                        sum += (Integer) r.values()[0];
                        n++;
                    }
                }
                s.commit();
                secs = (System.nanoTime() - start) / 1e9;
                System.out.printf("scan: %d rows in %.2f s, %.0f rows/s (checksum %d)%n", n, secs, n / secs, sum);
            }

            RelationId branches = new RelationId(5, s.newOid());
            TableShape branchShape = new TableShape(List.of(new ColumnType("bid", 23, true),
                    new ColumnType("bbalance", 23, true), new ColumnType("filler", 1042, false)));
            s.begin(Isolation.READ_COMMITTED);
            Table b = s.createTable(branches, branchShape);
            for (int i = 1; i <= 10; i++) {
                b.insert(new Object[] {i, 0, " ".repeat(88)});
            }
            s.commit();
            int updates = 20_000;
            start = System.nanoTime();
            for (int u = 0; u < updates; u++) {
                int bid = 1 + u % 10;
                s.begin(Isolation.READ_COMMITTED);
                s.startStatement();
                try (RowScan scan = b.scan()) {
                    for (Row r = scan.next(); r != null; r = scan.next()) {
                        if ((Integer) r.values()[0] == bid) {
                            b.update(r.tid(), r.values(), v -> new Object[] {v[0], (Integer) v[1] + 1, v[2]});
                            break;
                        }
                    }
                }
                s.commit();
            }
            secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("branch updates: %d in %.2f s, %.0f/s; table %d blocks at the end%n", updates, secs,
                    updates / secs, b.blocks());
        }
    }
}

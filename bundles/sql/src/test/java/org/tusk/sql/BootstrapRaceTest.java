package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.spi.SessionInfo;
import org.tusk.spi.SqlSession;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.engine.TuskSqlEngine;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.StorageAccess;
import org.tusk.storage.access.StorageSession;
import org.tusk.storage.cluster.SharedStorageService;

/**
 * Several backends connecting at once to a cluster without catalogs: exactly one bootstraps, the others
 * wait for it (the lock on pg_database) and then connect, and the catalogs hold one copy of each row.
 */
class BootstrapRaceTest {

    @Test
    void concurrentFirstConnections(@TempDir Path dir) throws Exception {
        SharedStorageService storage = new SharedStorageService();
        storage.start(dir, Map.of("shared_buffers", "16MB", "max_connections", "10"));
        try {
            TuskSqlEngine engine = new TuskSqlEngine((StorageAccess) storage);
            int n = 4;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(n);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int pid = 200 + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try (SqlSession s = engine.openSession(new SessionInfo("postgres", "postgres", Map.of(),
                            Map.of(), null, pid))) {
                        Transcript t = new Transcript();
                        s.executeSimpleQuery("select current_database()", t);
                        return t.lines.get(1);
                    }
                }));
            }
            start.countDown();
            for (Future<String> f : results) {
                assertEquals("D postgres", f.get());
            }
            pool.shutdown();
            try (StorageSession s = ((StorageAccess) storage).openSession(300)) {
                s.begin(Isolation.READ_COMMITTED);
                s.startStatement();
                assertEquals(3, new CatalogTables(s, 0).rows(CatalogDefinitions.PG_DATABASE, r -> true).size());
                // pg_catalog, pg_toast, public, information_schema
                assertEquals(4, new CatalogTables(s, 5).rows(CatalogDefinitions.PG_NAMESPACE, r -> true).size());
                s.commit();
            }
        } finally {
            storage.stop();
        }
    }
}

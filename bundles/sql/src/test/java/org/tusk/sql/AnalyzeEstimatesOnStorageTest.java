package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.sql.engine.TuskSqlEngine;
import org.tusk.storage.cluster.SharedStorageService;

/** The planner's row count for a table: guessed from its size until ANALYZE counts it (pg_class.reltuples). */
class AnalyzeEstimatesOnStorageTest {
    @TempDir
    Path dir;
    private SharedStorageService storage;
    private TuskSqlEngine engine;

    @BeforeEach
    void start() {
        storage = new SharedStorageService();
        storage.start(dir, Map.of("shared_buffers", "16MB", "max_connections", "10"));
        engine = new TuskSqlEngine(storage);
    }

    @AfterEach
    void stop() {
        storage.stop();
    }

    /** The rows= of EXPLAIN's first plan line. */
    private static long estimate(List<String> explain) {
        for (String l : explain) {
            Matcher m = Pattern.compile("rows=(\\d+)").matcher(l);
            if (l.startsWith("D ") && m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no estimate in " + explain);
    }

    @Test
    void analyzeGivesTheScanItsCountedRows() {
        Transcript t = new Transcript(engine, "postgres");
        t.run("create table t (a int, b text)");
        t.run("insert into t select i, 'row ' || i from generate_series(1, 3000) as g(i)");
        long guessed = estimate(t.run("explain select * from t"));
        assertNotEquals(3000, guessed);
        assertEquals(List.of("C ANALYZE", "Z I"), t.run("analyze t"));
        assertEquals(3000, estimate(t.run("explain select * from t")));
        // the density counted applies to the table's current size
        t.run("delete from t where a > 1500");
        t.run("vacuum t");
        assertEquals(1500, estimate(t.run("explain select * from t")));
    }
}

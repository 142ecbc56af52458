package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tusk.spi.BackendSignals;
import org.tusk.spi.SessionInfo;
import org.tusk.spi.SqlSession;
import org.tusk.sql.engine.TuskSqlEngine;
import org.tusk.storage.cluster.SharedStorageService;

/**
 * PL/pgSQL's FOR over a query streams its rows: a JVM forked with a 64MB heap starts a cluster in a
 * temporary directory and runs a DO block whose loop reads {@value #MB}MB of generated wide rows; it must
 * count every one without OutOfMemoryError (a loop that collected the whole result first could not).
 */
class PlpgsqlForStreamingHeapTest {
    private static final int MB = 300;
    private static final int ROW_BYTES = 1000;

    @Test
    void aForLoopOverHundredsOfMegabytesRunsInASmallHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                PlpgsqlForStreamingHeapTest.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        long rows = (long) MB * 1024 * 1024 / ROW_BYTES;
        assertTrue(out.contains("NOTICE rows " + rows + " bytes " + rows * (ROW_BYTES - 10)), out);
    }

    /** The forked JVM: a cluster of its own, one session, one DO block. */
    public static void main(String[] args) throws Exception {
        long rows = (long) MB * 1024 * 1024 / ROW_BYTES;
        Path dir = Files.createTempDirectory("tusk-for-heap");
        SharedStorageService storage = new SharedStorageService();
        storage.start(dir, Map.of("shared_buffers", "16MB", "max_connections", "10"));
        SqlSession session = new TuskSqlEngine(storage).openSession(
                new SessionInfo("postgres", "postgres", Map.of(), Map.of(), new BackendSignals()));
        Messages messages = new Messages();
        session.executeSimpleQuery("do $$ declare r record; n bigint := 0; total bigint := 0; begin "
                + "for r in select g, lpad(g::text, " + (ROW_BYTES - 10) + ", 'x') as pad from generate_series(1, "
                + rows + ") g loop n := n + 1; total := total + length(r.pad); end loop; "
                + "raise notice 'rows % bytes %', n, total; end $$", messages);
        session.close();
        storage.stop();
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        System.out.println(String.join("\n", messages.lines) + "\nmax heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "MB");
    }

    /** The notices and errors the block sent. */
    private static final class Messages extends org.tusk.sql.dml.DiscardingSink {
        final List<String> lines;

        Messages() {
            this(new ArrayList<>());
        }

        private Messages(List<String> lines) {
            super(notice -> lines.add("NOTICE " + notice.message()));
            this.lines = lines;
        }
    }
}

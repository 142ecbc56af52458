package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.BackendSignals;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SessionInfo;
import org.tusk.spi.SqlSession;
import org.tusk.sql.engine.TuskSqlEngine;

/**
 * A cursor over far more rows than the heap holds: a JVM forked with a 40MB heap declares a cursor over
 * {@value #DEFAULT_MB}MB of generated wide rows (set {@code -Dtusk.bigcursor.mb=1024} for the full
 * gigabyte), fetches all of them in pieces, checks every row, and must end without OutOfMemoryError and
 * with the cursor's temporary file deleted.
 */
class BigCursorHeapTest {
    private static final int DEFAULT_MB = 200;
    private static final int ROW_BYTES = 1000;

    @Test
    void aCursorOverHundredsOfMegabytesFetchesEverythingInASmallHeap() throws Exception {
        int mb = Integer.getInteger("tusk.bigcursor.mb", DEFAULT_MB);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx40m", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), BigCursorHeapTest.class.getName(), Integer.toString(mb));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        System.out.println(out);
        long rows = (long) mb * 1024 * 1024 / ROW_BYTES;
        assertTrue(out.contains("fetched " + rows + " rows"), out);
        assertTrue(out.contains("open files 0"), out);
    }

    /** The forked JVM: one session without storage, one cursor, FETCH 5000 until nothing is left. */
    public static void main(String[] args) {
        long rows = Long.parseLong(args[0]) * 1024 * 1024 / ROW_BYTES;
        SqlSession session = new TuskSqlEngine().openSession(
                new SessionInfo("postgres", "postgres", Map.of(), Map.of(), new BackendSignals()));
        Counter counter = new Counter();
        session.executeSimpleQuery("begin; set work_mem = '1MB'", counter);
        // each row: g and a text of ROW_BYTES - 10 bytes
        session.executeSimpleQuery("declare c cursor for select g, lpad(g::text, " + (ROW_BYTES - 10)
                + ", 'x') from generate_series(1, " + rows + ") g", counter);
        long spilledFiles = org.tusk.sql.exec.TupleStore.openFiles();
        while (true) {
            long before = counter.rows;
            session.executeSimpleQuery("fetch 5000 from c", counter);
            if (counter.rows == before) {
                break;
            }
        }
        session.executeSimpleQuery("commit", counter);
        session.close();
        if (!counter.errors.isEmpty()) {
            throw new AssertionError(counter.errors.toString());
        }
        System.out.println("spilled files " + spilledFiles + ", fetched " + counter.rows + " rows, " + counter.bytes
                + " bytes; open files " + org.tusk.sql.exec.TupleStore.openFiles() + "; max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "MB");
    }

    /** Checks that the rows come in order, each with its number and padding, and keeps nothing. */
    private static final class Counter implements ResultSink {
        long rows;
        long bytes;
        final List<String> errors = new ArrayList<>();

        @Override
        public void rowDescription(List<ColumnDescription> columns) {
        }

        @Override
        public void dataRow(byte[][] values) {
            rows++;
            String g = new String(values[0], StandardCharsets.US_ASCII);
            String pad = new String(values[1], StandardCharsets.US_ASCII);
            if (!g.equals(Long.toString(rows)) || pad.length() != ROW_BYTES - 10 || !pad.endsWith(g)) {
                if (errors.size() < 10) {
                    errors.add("row " + rows + ": " + g + " " + pad.length());
                }
            }
            bytes += values[0].length + values[1].length;
        }

        @Override
        public void commandComplete(String tag) {
        }

        @Override
        public void emptyQuery() {
        }

        @Override
        public void notice(ErrorFields notice) {
            errors.add(notice.message());
        }

        @Override
        public void parameterStatus(String name, String value) {
        }
    }
}

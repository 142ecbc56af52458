package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.sql.exec.TupleStore;

/**
 * Cursors beyond work_mem (64kB here): the rows a scrollable cursor has read go to a tuple store's
 * temporary file, every fetch direction still finds the right rows, and the file is gone when the
 * cursor ends (CLOSE, COMMIT, ROLLBACK, the session's end). A protocol portal over a query keeps no
 * store at all: it reads the rows each Execute asks for.
 */
class SpilledResultsTest {
    /** 30000 rows of about 110 bytes: some 3MB, far beyond 64kB. */
    private static final String QUERY = "select g, repeat('x', 100) || g as pad from generate_series(1, 30000) g";

    private static String row(int g) {
        return "D " + g + "|" + "x".repeat(100) + g;
    }

    private static Transcript session() {
        Transcript t = new Transcript();
        t.run("set work_mem = '64kB'");
        return t;
    }

    private static List<String> data(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("D ")).toList();
    }

    @Test
    void aScrollCursorOverASpilledResultFetchesEveryWay() {
        int before = TupleStore.openFiles();
        Transcript t = session();
        t.run("begin");
        t.run("declare c scroll cursor for " + QUERY);
        assertEquals(before, TupleStore.openFiles(), "DECLARE read no rows");
        assertEquals(List.of(row(1), row(2), row(3)), data(t.run("fetch 3 from c")));
        assertEquals(List.of(row(25000)), data(t.run("fetch absolute 25000 from c")));
        assertEquals(before + 1, TupleStore.openFiles(), "the rows read spilled to a file");
        assertEquals(List.of(row(24999)), data(t.run("fetch prior from c")));
        assertEquals(List.of(row(24998), row(24997)), data(t.run("fetch backward 2 from c")));
        assertEquals(List.of(row(24997)), data(t.run("fetch relative 0 from c")));
        assertTrue(t.run("move forward 10 in c").contains("C MOVE 10"));
        assertEquals(List.of(row(29998)), data(t.run("fetch absolute -3 from c")));
        List<String> rest = t.run("fetch all from c");
        assertEquals(List.of(row(29999), row(30000)), data(rest));
        assertTrue(rest.contains("C FETCH 2"));
        assertEquals(List.of(row(30000)), data(t.run("fetch last from c")));
        assertEquals(List.of(row(1)), data(t.run("fetch first from c")));
        List<String> back = t.run("fetch backward all from c");
        assertTrue(back.contains("C FETCH 0"), back.toString());
        // the whole result forwards, once more, from the start
        t.run("move absolute 0 in c");
        List<String> all = data(t.run("fetch forward all from c"));
        assertEquals(30000, all.size());
        for (int i = 0; i < all.size(); i += 997) {
            assertEquals(row(i + 1), all.get(i));
        }
        List<String> backward = data(t.run("fetch backward 30001 from c"));
        assertEquals(30000, backward.size());
        assertEquals(row(30000), backward.getFirst());
        assertEquals(row(1), backward.getLast());
        t.run("commit");
        assertEquals(before, TupleStore.openFiles(), "COMMIT closed the cursor and deleted its file");
        t.session.close();
    }

    @Test
    void aNoScrollCursorRefusesBackwardsBeforeSendingAnything() {
        int before = TupleStore.openFiles();
        Transcript t = session();
        t.run("begin");
        t.run("declare c no scroll cursor for " + QUERY);
        assertEquals(List.of(row(1), row(2)), data(t.run("fetch 2 from c")));
        List<String> refused = t.run("fetch prior from c");
        assertEquals("E ERROR 55000 cursor can only scan forward @- H Declare it with SCROLL option to enable backward"
                + " scan.", refused.getFirst());
        t.run("rollback");
        assertEquals(before, TupleStore.openFiles(), "ROLLBACK closed the cursor and deleted its file");
        t.session.close();
    }

    @Test
    void heldCursorsLiveUntilCloseAndTheSessionsEnd() {
        int before = TupleStore.openFiles();
        Transcript t = session();
        t.run("declare h cursor with hold for " + QUERY);
        t.run("begin");
        t.run("declare c cursor for " + QUERY);
        t.run("commit");
        assertEquals(before + 1, TupleStore.openFiles(), "only the held cursor is left");
        assertEquals(List.of(row(1)), data(t.run("fetch from h")));
        t.run("close h");
        assertEquals(before, TupleStore.openFiles());
        t.run("declare h2 cursor with hold for " + QUERY);
        assertEquals(before + 1, TupleStore.openFiles());
        t.session.close();
        assertEquals(before, TupleStore.openFiles(), "the session's end deletes the held cursor's file");
    }

    @Test
    void aFailedQueryLeavesNoFile() {
        int before = TupleStore.openFiles();
        Transcript t = session();
        t.run("begin");
        t.run("declare c cursor for select g, repeat('x', 100), 1 / (30000 - g) from generate_series(1, 30000) g");
        List<String> read = t.run("fetch 29000 from c");
        assertTrue(read.contains("C FETCH 29000"), read.subList(read.size() - 3, read.size()).toString());
        assertEquals(before + 1, TupleStore.openFiles(), "the rows read spilled to a file");
        // The error comes at the FETCH that reaches the row, and the transaction's abort closes the cursor.
        List<String> failed = t.run("fetch all from c");
        String error = failed.get(failed.size() - 2);
        assertTrue(error.startsWith("E ERROR 22012"), error);
        assertEquals(before, TupleStore.openFiles());
        t.run("rollback");
        t.session.close();
    }

    @Test
    void aSuspendedPortalHandsOutASpilledResultInPieces() {
        int before = TupleStore.openFiles();
        Transcript t = session();
        t.run("begin");
        t.session.prepare("s", QUERY, new int[0]);
        t.session.bind("p", "s", List.of());
        t.lines.clear();
        assertTrue(t.session.execute("p", 1000, t), "suspended");
        assertEquals(before, TupleStore.openFiles(), "a query's portal reads rows as Executes ask: no store");
        int total = 1000;
        assertEquals(row(1), t.lines.getFirst());
        assertEquals(row(1000), t.lines.getLast());
        while (true) {
            t.lines.clear();
            boolean suspended = t.session.execute("p", 7000, t);
            List<String> d = data(t.lines);
            assertEquals(row(total + 1), d.getFirst());
            total += d.size();
            if (!suspended) {
                assertEquals("C SELECT " + d.size(), t.lines.getLast());
                break;
            }
        }
        assertEquals(30000, total);
        // Close of the portal deletes its file at once, before the transaction ends.
        t.session.closePortal("p");
        assertEquals(before, TupleStore.openFiles());
        t.session.bind("", "s", List.of());
        t.session.execute("", 10, t);
        assertEquals(before, TupleStore.openFiles());
        t.run("commit");
        assertEquals(before, TupleStore.openFiles(), "the transaction's end closed the unnamed portal");
        t.session.close();
    }
}

package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.sql.exec.TupleStore;

/**
 * INSERT/UPDATE/DELETE ... RETURNING beyond work_mem (64kB here): the returned rows wait for the statement's end in
 * a tuple store's temporary file, come out complete and in order, and the file is gone afterwards, also
 * when the statement fails at its end (then no row is sent).
 */
class ReturningSpillOnStorageTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();


    private static List<String> data(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("D ")).toList();
    }

    @Test
    void bigReturningListsSpillAndLeaveNoFile() {
        Transcript t = cluster.transcript();
        t.run("create table r (id int primary key, pad text)");
        t.run("set work_mem = '64kB'");
        int open = TupleStore.openFiles();
        long created = TupleStore.createdFiles();
        // 3000 rows of 300 bytes: some 1MB to return, far beyond the 64kB kept in memory
        List<String> inserted = t.run("insert into r select g, repeat('i', 300) from generate_series(1, 3000) g "
                + "returning id, pad");
        assertTrue(TupleStore.createdFiles() > created, "the returned rows spilled");
        assertEquals(open, TupleStore.openFiles(), "and their file is gone");
        List<String> rows = data(inserted);
        assertEquals(3000, rows.size());
        assertEquals("D 1|" + "i".repeat(300), rows.getFirst());
        assertEquals("D 3000|" + "i".repeat(300), rows.getLast());
        assertTrue(inserted.contains("C INSERT 0 3000"));

        List<String> updated = data(t.run("update r set pad = pad || 'u' returning pad"));
        assertEquals(3000, updated.size());
        assertTrue(updated.stream().allMatch(l -> l.equals("D " + "i".repeat(300) + "u")));
        assertEquals(open, TupleStore.openFiles());

        // a unique violation found when the last row goes in: no row is sent and no file is left
        List<String> failed = t.run("insert into r select g + 3000, repeat('f', 300) from generate_series(1, 2000) g "
                + "union all select 1, 'again' returning id");
        assertEquals(List.of(), data(failed));
        assertTrue(failed.getFirst().startsWith("E ERROR 23505"), failed.getFirst());
        assertEquals(open, TupleStore.openFiles());

        List<String> deleted = t.run("delete from r where id % 2 = 0 returning id, pad");
        assertEquals(1500, data(deleted).size());
        assertEquals("D 2|" + "i".repeat(300) + "u", data(deleted).getFirst());
        assertEquals(open, TupleStore.openFiles());
        t.session.close();
    }
}

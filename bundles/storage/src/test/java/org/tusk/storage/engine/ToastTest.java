package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.ColumnType;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TableShape;
import org.tusk.storage.access.TupleId;

/**
 * TOAST through the access API: wide values compressed inline or moved out of line into the TOAST
 * relation and read back byte for byte; an UPDATE of another column keeps the chunks; DELETE and
 * VACUUM free them; aborted and committed values after a crash; the TOAST relation's life with its
 * table.
 */
class ToastTest {

    /** (id int4, doc text, data bytea). */
    static final TableShape DOCS = new TableShape(List.of(new ColumnType("id", 23, true),
            new ColumnType("doc", 25, false), new ColumnType("data", 17, false)));
    static final RelationId T = new RelationId(5, 16500);
    static final TableShape CHUNK_SHAPE = new TableShape(List.of(new ColumnType("chunk_id", 26, true),
            new ColumnType("chunk_seq", 23, true), new ColumnType("chunk_next", 20, true),
            new ColumnType("chunk_data", 17, true)));
    static final RelationId TOAST = new RelationId(5, 16500 | 0x8000_0000);

    @RegisterExtension
    final EngineFixture db = new EngineFixture(64);

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Text that deflate cannot shrink much: random letters and digits. */
    static String randomText(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 äöü€";
        while (sb.length() < n) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    Table create(AccessSession s) {
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(T, DOCS);
        s.commit();
        return t;
    }

    /** Chunks visible now in the TOAST relation. */
    int liveChunks(AccessSession s) {
        return AccessSessionTest.all(s.openTable(TOAST, CHUNK_SHAPE)).size();
    }

    Row only(Table t) {
        List<Row> rows = AccessSessionTest.all(t);
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    @Test
    void tableWithVarlenaGetsAToastRelationDroppedWithIt() {
        AccessSession s = db.open();
        create(s);
        assertTrue(s.relationExists(TOAST));
        s.begin(Isolation.READ_COMMITTED);
        RelationId ints = new RelationId(5, 16600);
        s.createTable(ints, new TableShape(List.of(new ColumnType("a", 23, true))));
        s.commit();
        assertFalse(s.relationExists(new RelationId(5, 16600 | 0x8000_0000)), "no varlena column, no TOAST");
        s.begin(Isolation.READ_COMMITTED);
        s.dropRelation(T);
        s.commit();
        assertFalse(s.relationExists(T));
        assertFalse(s.relationExists(TOAST));
    }

    @Test
    void wideValuesGoOutOfLineAndComeBackByteForByte() {
        AccessSession s = db.open();
        Table t = create(s);
        String text = randomText(10_000, 1);
        byte[] data = random(1_000_000, 2);
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        TupleId tid = t.insert(new Object[] {1, text, data});
        t.insert(new Object[] {2, "small", new byte[] {1, 2, 3}});
        s.commandCounterIncrement();
        Row r = t.fetch(tid);
        assertEquals(text, r.values()[1]);
        assertArrayEquals(data, (byte[]) r.values()[2]);
        assertEquals(1, t.blocks(), "the row itself is small: both rows on one page");
        // 1 MB of random bytes: 508 chunks of 1972 bytes; the text (~10.1 kB in UTF-8) compresses some.
        int chunks = liveChunks(s);
        assertTrue(chunks >= 508 + 1 && chunks <= 508 + 6, "chunks: " + chunks);
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        List<Row> rows = AccessSessionTest.all(t);
        assertEquals(2, rows.size());
        assertEquals(text, rows.get(0).values()[1]);
        assertArrayEquals(data, (byte[]) rows.get(0).values()[2]);
        assertEquals("small", rows.get(1).values()[1]);
        s.commit();
    }

    @Test
    void compressibleValuesStayInlineCompressed() {
        AccessSession s = db.open();
        Table t = create(s);
        String text = "tusk ".repeat(40_000); // 200 kB that deflate shrinks to well under a page
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        t.insert(new Object[] {1, text, null});
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        assertEquals(text, only(t).values()[1]);
        assertEquals(0, liveChunks(s), "compressed inline, nothing out of line");
        s.commit();
    }

    @Test
    void updateOfAnotherColumnKeepsTheChunksAndDeleteWithVacuumFreesThem() {
        AccessSession s = db.open();
        Table t = create(s);
        byte[] data = random(200_000, 3);
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        t.insert(new Object[] {1, "a", data});
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        int chunks = liveChunks(s);
        long toastBlocks = s.openTable(TOAST, CHUNK_SHAPE).blocks();
        Row r = only(t);
        Row updated = t.update(r.tid(), r.values(), v -> {
            v[0] = 2;
            return v;
        });
        assertNotNull(updated);
        s.commandCounterIncrement();
        assertEquals(chunks, liveChunks(s), "the chunks are shared, not copied");
        assertEquals(toastBlocks, s.openTable(TOAST, CHUNK_SHAPE).blocks());
        Row now = only(t);
        assertEquals(2, now.values()[0]);
        assertArrayEquals(data, (byte[]) now.values()[2]);
        s.commit();

        // A byte array changed in place is a new value, even though it is the same object.
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        Row fetched = only(t);
        byte[] same = (byte[]) fetched.values()[2];
        same[0]++;
        t.update(fetched.tid(), fetched.values(), v -> v);
        s.commandCounterIncrement();
        assertArrayEquals(same, (byte[]) only(t).values()[2], "the changed bytes were stored");
        s.abort();

        // Changing the wide value itself stores the new one and deletes the old chunks.
        byte[] other = random(200_000, 4);
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        now = only(t);
        t.update(now.tid(), now.values(), v -> {
            v[2] = other;
            return v;
        });
        s.commandCounterIncrement();
        assertEquals(chunks, liveChunks(s), "old chunks deleted, new ones inserted");
        assertArrayEquals(other, (byte[]) only(t).values()[2]);
        s.commit();

        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        Row last = only(t);
        assertTrue(t.delete(last.tid(), v -> true));
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        assertEquals(0, liveChunks(s));
        s.commit();
        t.vacuum();
        long blocks = s.openTable(TOAST, CHUNK_SHAPE).blocks();
        // The space is reused: the same value again does not grow the TOAST relation.
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        t.insert(new Object[] {3, "b", random(200_000, 5)});
        s.commit();
        assertEquals(blocks, s.openTable(TOAST, CHUNK_SHAPE).blocks(), "vacuumed chunk space reused");
    }

    @Test
    void abortedValuesVanishAndCommittedOnesSurviveACrash() {
        AccessSession s = db.open();
        Table t = create(s);
        String committed = randomText(300_000, 6);
        byte[] committedData = random(500_000, 7);
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        t.insert(new Object[] {1, committed, committedData});
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        t.insert(new Object[] {2, randomText(100_000, 8), null});
        s.abort();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        assertEquals(1, AccessSessionTest.all(t).size());
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        t.insert(new Object[] {3, randomText(100_000, 9), random(100, 10)});
        // In progress at the crash.
        db.crashAndRestart();
        AccessSession r = db.open();
        Table rt = r.openTable(T, DOCS);
        r.begin(Isolation.READ_COMMITTED);
        r.startStatement();
        Row row = only(rt);
        assertEquals(committed, row.values()[1]);
        assertArrayEquals(committedData, (byte[]) row.values()[2]);
        // After recovery new values go on without clashing with the recovered chunks.
        String later = randomText(50_000, 11);
        rt.insert(new Object[] {4, later, null});
        r.commandCounterIncrement();
        assertEquals(2, AccessSessionTest.all(rt).size());
        assertEquals(committed, only(rt, 1).values()[1]);
        assertEquals(later, only(rt, 4).values()[1]);
        r.commit();
    }

    @Test
    void aConcurrentUpdateWaitedForDeletesTheChunksStoredForTheFirstTryAndKeepsTheNewestValue() throws Exception {
        AccessSession s1 = db.open();
        AccessSession s2 = db.open();
        Table t1 = create(s1);
        Table t2 = s2.openTable(T, DOCS);
        byte[] original = random(100_000, 20);
        s1.begin(Isolation.READ_COMMITTED);
        s1.startStatement();
        t1.insert(new Object[] {1, "x", original});
        s1.commit();
        int perValue = liveChunksIn(s1);

        // s1 replaces the wide value; s2, who read the row before, changes the other column and must wait.
        byte[] replaced = random(100_000, 21);
        s1.begin(Isolation.READ_COMMITTED);
        s1.startStatement();
        Row r1 = only(t1);
        assertNotNull(t1.update(r1.tid(), r1.values(), v -> {
            v[2] = replaced;
            return v;
        }));
        s2.begin(Isolation.READ_COMMITTED);
        s2.startStatement();
        Row r2 = only(t2);
        assertArrayEquals(original, (byte[]) r2.values()[2]);
        java.util.concurrent.CompletableFuture<Row> blocked = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> t2.update(r2.tid(), r2.values(), v -> {
                    v[1] = v[1] + "y";
                    return v;
                }));
        Thread.sleep(100);
        assertFalse(blocked.isDone(), "s2 waits for s1");
        s1.commit();
        Row updated = blocked.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(updated);
        assertArrayEquals(replaced, (byte[]) updated.values()[2], "re-applied to s1's version");
        s2.commit();

        s1.begin(Isolation.READ_COMMITTED);
        s1.startStatement();
        Row now = only(t1);
        assertEquals("xy", now.values()[1]);
        assertArrayEquals(replaced, (byte[]) now.values()[2]);
        // s2's first try kept the old version's pointer (no chunks stored, none deleted when it failed: they
        // are s1's to delete), its second try kept s1's new pointer: one value's chunks are live.
        assertEquals(perValue, liveChunks(s1));
        s1.commit();
    }

    int liveChunksIn(AccessSession s) {
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        int n = liveChunks(s);
        s.commit();
        return n;
    }

    Row only(Table t, int id) {
        return AccessSessionTest.all(t).stream().filter(x -> (Integer) x.values()[0] == id).findFirst().orElseThrow();
    }

    @Test
    void aRowWiderThanAPageWithoutVarlenaIsStillTooBig() {
        AccessSession s = db.open();
        List<ColumnType> columns = new ArrayList<>();
        Object[] row = new Object[400];
        for (int i = 0; i < 400; i++) {
            columns.add(new ColumnType("c" + i, 23, true));
            row[i] = i;
        }
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(new RelationId(5, 16700), new TableShape(columns));
        s.commit();
        // 400 int4 columns fit; 1100 int8 columns (8.8 kB) would not, and nothing is varlena: "row is too big".
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        t.insert(row);
        s.commit();
        List<ColumnType> wide = new ArrayList<>();
        Object[] wideRow = new Object[1100];
        for (int i = 0; i < 1100; i++) {
            wide.add(new ColumnType("c" + i, 20, true));
            wideRow[i] = (long) i;
        }
        s.begin(Isolation.READ_COMMITTED);
        Table w = s.createTable(new RelationId(5, 16701), new TableShape(wide));
        s.startStatement();
        AccessException e = assertThrows(AccessException.class, () -> w.insert(wideRow));
        assertEquals("54000", e.sqlState());
        s.abort();
    }

    /**
     * A row ON CONFLICT takes back (Table.abortInsert) takes its out-of-line values with it, in the same
     * command that inserted them: their chunks are dead at once too, not left live and unreachable.
     */
    @Test
    void aRowTakenBackTakesItsValuesWithIt() {
        AccessSession s = db.open();
        Table t = create(s);
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        TupleId kept = t.insert(new Object[] {1, randomText(10_000, 3), null});
        TupleId taken = t.insert(new Object[] {2, randomText(10_000, 4), random(100_000, 5)});
        t.abortInsert(taken);
        s.commandCounterIncrement();
        int chunks = liveChunks(s);
        assertNull(t.fetch(taken));
        assertNotNull(t.fetch(kept));
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        assertEquals(chunks, liveChunks(s));
        t.insert(new Object[] {3, randomText(10_000, 3), null}); // as many chunks as the kept row's
        s.commandCounterIncrement();
        assertEquals(2 * chunks, liveChunks(s), "only the kept row's chunks were live");
        s.commit();
    }
}

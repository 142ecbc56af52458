package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * COPY ... FREEZE on the real storage engine, as PostgreSQL 15 answers it (messages checked against
 * a PostgreSQL 15 server): refused unless the table was created or truncated in the current
 * subtransaction (55000) and while a cursor is open (25000), both after CopyInResponse as in
 * copyfrom.c; otherwise the rows are stored frozen and behave as any other rows of the transaction.
 */
class CopyFreezeOnStorageTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    private static final String NOT_NEW = "E ERROR 55000 cannot perform COPY FREEZE because the table was not created "
            + "or truncated in the current subtransaction @-";


    /** CopyData for the next COPY FROM (one per line); a COPY refused before reading gets none. */
    private static void data(Transcript t, String... lines) {
        for (String l : lines) {
            t.copyIn.add((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void refusedUnlessTheTableIsNewInTheSubtransactionOrACursorIsOpen() {
        Transcript t = cluster.transcript();
        t.run("create table f (a int, b text)");
        assertEquals(List.of("G 0 2", NOT_NEW, "Z I"), t.run("copy f from stdin (freeze)"));
        t.run("begin");
        t.run("truncate f");
        t.run("savepoint s");
        assertEquals(List.of("G 0 2", NOT_NEW, "Z E"), t.run("copy f from stdin freeze"));
        t.run("rollback");
        t.run("begin");
        t.run("declare c cursor for select 1");
        t.run("truncate f");
        assertEquals(List.of("G 0 2", "E ERROR 25000 cannot perform COPY FREEZE because of prior transaction activity @-",
                "Z E"), t.run("copy f from stdin (freeze)"));
        t.run("rollback");
        // FREEZE false is no request to freeze; COPY TO takes the option and ignores it, as PostgreSQL does.
        data(t, "2\ty");
        assertEquals(List.of("G 0 2", "C COPY 1", "Z I"), t.run("copy f from stdin (freeze false)"));
        assertEquals(List.of("H 0 2", "d 3209790a", "c", "C COPY 1", "Z I"), t.run("copy f to stdout (freeze)"));
    }

    @Test
    void frozenRowsOfATruncatedOrNewTableBehaveAsTheTransactionsOwnRows() {
        Transcript t = cluster.transcript();
        t.run("create table f (a int primary key, b text)");
        t.run("insert into f values (1, 'old')");
        t.run("begin");
        t.run("truncate f");
        data(t, "1\tx", "2\ty");
        assertEquals(List.of("G 0 2", "C COPY 2", "Z T"), t.run("copy f from stdin (freeze on)"));
        data(t, "2\tdup");
        assertEquals("E ERROR 23505 duplicate key value violates unique constraint \"f_pkey\" @- D Key (a)=(2) "
                + "already exists.", t.run("copy f from stdin (freeze)").get(1));
        t.run("rollback");
        assertEquals(List.of("T a:23:4:-1,b:25:-1:-1", "D 1|old", "C SELECT 1", "Z I"), t.run("select * from f"));

        t.run("begin");
        t.run("truncate f");
        data(t, "1\tx", "2\ty");
        t.run("copy f from stdin (freeze)");
        assertEquals(List.of("C UPDATE 1", "Z T"), t.run("update f set b = 'z' where a = 2"));
        t.run("commit");
        Transcript other = cluster.transcript();
        assertEquals(List.of("T a:23:4:-1,b:25:-1:-1", "D 1|x", "D 2|z", "C SELECT 2", "Z I"),
                other.run("select * from f order by a"));

        t.run("begin");
        t.run("create table g (a int)");
        t.run("savepoint s");
        t.run("create table h (a int)");
        data(t, "7");
        assertEquals(List.of("G 0 1", "C COPY 1", "Z T"), t.run("copy h from stdin (freeze)"));
        t.run("release savepoint s");
        data(t, "8");
        assertEquals(List.of("G 0 1", "C COPY 1", "Z T"), t.run("copy g from stdin (freeze)"));
        t.run("commit");
        assertEquals(List.of("T a:23:4:-1", "D 8", "C SELECT 1", "Z I"), other.run("select * from g"));
        assertEquals(List.of("T a:23:4:-1", "D 7", "C SELECT 1", "Z I"), other.run("select * from h"));
    }
}

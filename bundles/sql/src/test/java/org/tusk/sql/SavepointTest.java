package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** SAVEPOINT, RELEASE and ROLLBACK TO as PostgreSQL 15 answers them (settings are undone per savepoint). */
class SavepointTest {

    @Test
    void onlyInsideTransactionBlocks() {
        Transcript t = new Transcript();
        assertEquals(List.of("E ERROR 25P01 SAVEPOINT can only be used in transaction blocks @-", "Z I"),
                t.run("savepoint a"));
        assertEquals(List.of("E ERROR 25P01 RELEASE SAVEPOINT can only be used in transaction blocks @-", "Z I"),
                t.run("release a"));
        assertEquals(List.of("E ERROR 25P01 ROLLBACK TO SAVEPOINT can only be used in transaction blocks @-",
                "Z I"), t.run("rollback to a"));
        // An implicit block of several statements is no transaction block either.
        assertEquals(List.of("T ?column?:23:4:-1", "D 1", "C SELECT 1",
                "E ERROR 25P01 SAVEPOINT can only be used in transaction blocks @-", "Z I"),
                t.run("select 1; savepoint a"));
    }

    @Test
    void rollbackToUndoesSettingsSinceTheSavepoint() {
        Transcript t = new Transcript();
        t.run("begin");
        t.run("set extra_float_digits = 2");
        assertEquals(List.of("C SAVEPOINT", "Z T"), t.run("savepoint a"));
        t.run("set extra_float_digits = 3");
        assertEquals(List.of("C ROLLBACK", "Z T"), t.run("rollback to savepoint a"));
        assertEquals("D 2", t.run("show extra_float_digits").get(1));
        // The savepoint is still there after ROLLBACK TO.
        t.run("set extra_float_digits = 0");
        assertEquals(List.of("C ROLLBACK", "Z T"), t.run("rollback work to a"));
        assertEquals("D 2", t.run("show extra_float_digits").get(1));
        assertEquals(List.of("C RELEASE", "Z T"), t.run("release savepoint a"));
        assertEquals(List.of("E ERROR 3B001 savepoint \"a\" does not exist @-", "Z E"), t.run("release a"));
        assertEquals(List.of("C ROLLBACK", "Z I"), t.run("commit"));
    }

    @Test
    void releaseKeepsChangesAndDropsLaterSavepoints() {
        Transcript t = new Transcript();
        t.run("begin; savepoint a; set extra_float_digits = 3; savepoint b; set extra_float_digits = -1");
        assertEquals(List.of("C RELEASE", "Z T"), t.run("release a"));
        assertEquals(List.of("E ERROR 3B001 savepoint \"b\" does not exist @-", "Z E"), t.run("rollback to b"));
        t.run("rollback");
        assertEquals("D 1", t.run("show extra_float_digits").get(1));
        t.run("begin; savepoint a; set extra_float_digits = 3; release a; commit");
        assertEquals("D 3", t.run("show extra_float_digits").get(1));
    }

    @Test
    void rollbackToLeavesTheFailedState() {
        Transcript t = new Transcript();
        t.run("begin; set extra_float_digits = 2; savepoint a; set extra_float_digits = 3");
        assertEquals(List.of("E ERROR 22012 division by zero @-", "Z E"), t.run("select 1/0"));
        assertEquals(List.of("E ERROR 25P02 current transaction is aborted, commands ignored until end of "
                + "transaction block @-", "Z E"), t.run("release a"));
        assertEquals(List.of("E ERROR 3B001 savepoint \"x\" does not exist @-", "Z E"), t.run("rollback to x"));
        assertEquals(List.of("C ROLLBACK", "Z T"), t.run("rollback to a"));
        assertEquals("D 2", t.run("show extra_float_digits").get(1));
        assertEquals(List.of("C COMMIT", "Z I"), t.run("commit"));
        assertEquals("D 2", t.run("show extra_float_digits").get(1));
    }

    @Test
    void aNameUsedTwiceMeansTheNewest() {
        Transcript t = new Transcript();
        t.run("begin; savepoint a; set extra_float_digits = 2; savepoint a; set extra_float_digits = 3");
        t.run("rollback to a");
        assertEquals("D 2", t.run("show extra_float_digits").get(1));
        t.run("release a");
        t.run("rollback to a");
        assertEquals("D 1", t.run("show extra_float_digits").get(1));
        t.run("rollback");
    }

    @Test
    void setTransaction() {
        Transcript t = new Transcript();
        assertEquals(List.of("N WARNING 25P01 SET TRANSACTION can only be used in transaction blocks", "C SET",
                "Z I"), t.run("set transaction isolation level serializable"));
        t.run("begin");
        assertEquals(List.of("C SET", "Z T"), t.run("set transaction isolation level repeatable read, read only"));
        assertEquals("D repeatable read", t.run("show transaction_isolation").get(1));
        assertEquals("D on", t.run("show transaction_read_only").get(1));
        t.run("commit");
        assertEquals("D read committed", t.run("show transaction_isolation").get(1));
        assertEquals(List.of("C SET", "Z I"),
                t.run("set session characteristics as transaction isolation level serializable"));
        assertEquals("D serializable", t.run("show default_transaction_isolation").get(1));
        t.run("begin");
        assertEquals("D serializable", t.run("show transaction_isolation").get(1));
        t.run("savepoint a");
        assertEquals(List.of("E ERROR 25001 SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction @-",
                "Z E"), t.run("set transaction isolation level read committed"));
        t.run("rollback");
    }

    @Test
    void setTransactionNeedsAMode() {
        Transcript t = new Transcript();
        t.run("begin");
        assertEquals(List.of("C SET", "Z T"), t.run("set transaction deferrable"));
        assertEquals(List.of("E ERROR 42601 syntax error at end of input @16", "Z E"), t.run("set transaction"));
        t.run("rollback");
    }
}

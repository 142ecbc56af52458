package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Large objects on storage: pages of 2048 bytes in pg_largeobject, reads across pages and holes, descriptors
 * that close with their transaction, rollback of writes, and the fast-path entry points by OID.
 */
class LargeObjectsTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private final Transcript t = cluster.session();

    @Test
    void pagesHolesAndTruncation() {
        assertEquals("51000", t.rowsOf("select lo_from_bytea(51000, decode(repeat('ab', 5000), 'hex'))"));
        assertEquals("0|2048;1|2048;2|904", t.rowsOf("select pageno, length(data) from pg_largeobject "
                + "where loid = 51000 order by pageno"));
        assertEquals("\\xabab", t.rowsOf("select lo_get(51000, 2047, 2)"));
        t.run("select lo_put(51000, 10000, '\\x01')");
        assertEquals("10001|\\x000001", t.rowsOf("select length(lo_get(51000)), lo_get(51000, 9998, 5)"));
        assertEquals("0;1;2;4", t.rowsOf("select pageno from pg_largeobject where loid = 51000 order by pageno"));
        t.run("begin");
        assertEquals("0", t.rowsOf("select lo_open(51000, 393216)"));
        assertEquals("0", t.rowsOf("select lo_truncate(0, 3000)"));
        assertEquals("3000", t.rowsOf("select lo_lseek(0, 0, 2)"));
        t.run("commit");
        assertEquals("0|2048;1|952", t.rowsOf("select pageno, length(data) from pg_largeobject where loid = 51000 "
                + "order by pageno"));
        assertEquals("1", t.rowsOf("select lo_unlink(51000)"));
        assertEquals("0|0", t.rowsOf("select (select count(*) from pg_largeobject where loid = 51000), "
                + "(select count(*) from pg_largeobject_metadata where oid = 51000)"));
    }

    @Test
    void descriptorsAndTransactions() {
        t.run("select lo_create(52000)");
        t.run("begin");
        assertEquals("0", t.rowsOf("select lo_open(52000, 131072)"));
        assertEquals("5", t.rowsOf("select lowrite(0, 'hello')"));
        assertEquals("2", t.rowsOf("select lo_lseek(0, 2, 0)"));
        assertEquals("\\x6c6c6f", t.rowsOf("select loread(0, 10)"));
        t.run("rollback");
        assertEquals("\\x", t.rowsOf("select lo_get(52000)"));
        assertEquals("E ERROR 42704 invalid large-object descriptor: 0 @-", t.rowsOf("select loread(0, 1)"));
        t.run("begin");
        t.run("select lo_open(52000, 262144)");
        assertEquals("E ERROR 55000 large object descriptor 0 was not opened for writing @-",
                t.rowsOf("select lowrite(0, 'x')"));
        t.run("rollback");
        assertEquals("E ERROR 23505 duplicate key value violates unique constraint "
                + "\"pg_largeobject_metadata_oid_index\" @- D Key (oid)=(52000) already exists.",
                t.rowsOf("select lo_create(52000)"));
        assertEquals("E ERROR 42704 large object 52999 does not exist @-", t.rowsOf("select lo_open(52999, 262144)"));
        assertEquals("1", t.rowsOf("select lo_unlink(52000)"));
    }
}

package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When a statement's constraint checks run, on storage: an immediate NO ACTION foreign key at the end of
 * the statement (so a key that leaves one row and comes back in another is fine), RESTRICT at once; the
 * rows that ON DELETE SET DEFAULT changes rechecked against a DEFERRABLE unique key of the referencing
 * table, at the end of the statement or at COMMIT, and their new key checked against the referenced table. (The regression file constraints_timing has the same
 * cases with PostgreSQL's output.)
 */
class ConstraintTimingTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    private static final String SWAP = " set id = case id when 1 then 11 when 10 then 1 end";

    @Test
    void noActionAtTheEndOfTheStatementRestrictAtOnce() {
        cluster.run("create table tn_p(id int primary key); create table tn_c(p int references tn_p)");
        cluster.run("insert into tn_p values (1), (10); insert into tn_c values (1)");
        assertEquals("", cluster.rows("update tn_p" + SWAP));
        assertEquals("1;11", cluster.rows("select id from tn_p order by id"));
        assertEquals("E ERROR 23503 update or delete on table \"tn_p\" violates foreign key constraint \"tn_c_p_fkey\""
                + " on table \"tn_c\" @- D Key (id)=(1) is still referenced from table \"tn_c\".",
                cluster.rows("delete from tn_p where id = 1"));

        cluster.run("create table tr_p(id int primary key); create table tr_c(p int references tr_p on update restrict)");
        cluster.run("insert into tr_p values (1), (10); insert into tr_c values (1)");
        assertEquals("E ERROR 23503 update or delete on table \"tr_p\" violates foreign key constraint \"tr_c_p_fkey\""
                + " on table \"tr_c\" @- D Key (id)=(1) is still referenced from table \"tr_c\".",
                cluster.rows("update tr_p" + SWAP));
        assertEquals("1;10", cluster.rows("select id from tr_p order by id"));
    }

    @Test
    void rowsChangedByAnActionAreRecheckedAgainstADeferrableUniqueKey() {
        cluster.run("create table ts_p(id int primary key); insert into ts_p values (0), (1), (2)");
        cluster.run("create table ts_c(a int default 0 unique deferrable references ts_p on delete set default, n int)");
        cluster.run("insert into ts_c values (1, 1), (2, 2)");
        String duplicate = "E ERROR 23505 duplicate key value violates unique constraint \"ts_c_a_key\" @-"
                + " D Key (a)=(0) already exists.";
        assertEquals(duplicate, cluster.rows("delete from ts_p where id in (1, 2)"));
        Transcript t = cluster.transcript();
        try {
            t.run("begin");
            t.run("set constraints all deferred");
            assertEquals("", t.rowsOf("delete from ts_p where id in (1, 2)"));
            assertEquals(duplicate, t.rowsOf("commit"));
        } finally {
            t.session.close();
        }
        assertEquals("1|1;2|2", cluster.rows("select a, n from ts_c order by n"));
    }

    @Test
    void aSetDefaultValueMustBeInTheReferencedTable() {
        cluster.run("create table td_p(id int primary key); insert into td_p values (1), (2)");
        cluster.run("create table td_c(a int default 0 references td_p on delete set default on update cascade)");
        cluster.run("insert into td_c values (1)");
        assertEquals("E ERROR 23503 insert or update on table \"td_c\" violates foreign key constraint \"td_c_a_fkey\""
                + " @- D Key (a)=(0) is not present in table \"td_p\".", cluster.rows("delete from td_p where id = 1"));
        assertEquals("", cluster.rows("update td_p set id = 3 where id = 1"));
        assertEquals("3", cluster.rows("select a from td_c"));
    }
}

package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * UPDATE ... FROM and DELETE ... USING on the real storage engine: the target joined to other relations,
 * each target row changed once, RETURNING over the other relations, and PostgreSQL's errors for names.
 */
class UpdateFromOnStorageTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();


    private Transcript tables() {
        Transcript t = cluster.transcript();
        t.run("create table acct (id int primary key, bal int)");
        t.run("create table pay (acct int, amount int)");
        t.run("create table ref (id int primary key, tag text)");
        t.run("insert into acct values (1, 100), (2, 200), (3, 300)");
        t.run("insert into pay values (1, 10), (2, 20), (9, 90)");
        t.run("insert into ref values (1, 'one'), (2, 'two'), (3, 'three')");
        return t;
    }

    @Test
    void updateFromJoinsAndReturnsTheOtherRelation() {
        Transcript t = tables();
        assertEquals(List.of("T id:23:4:-1,bal:23:4:-1,amount:23:4:-1", "D 1|110|10", "D 2|220|20", "C UPDATE 2",
                "Z I"), t.run("update acct a set bal = a.bal + p.amount from pay p where p.acct = a.id "
                        + "returning a.id, a.bal, p.amount"));
        assertEquals(List.of("T id:23:4:-1,bal:23:4:-1", "D 1|110", "D 2|220", "D 3|300", "C SELECT 3", "Z I"),
                t.run("select * from acct order by id"));
        // two relations in FROM, one joined through the other; the target's primary key gives the lookup
        assertEquals(List.of("C UPDATE 1", "Z I"), t.run("update acct set bal = 0 from pay, ref "
                + "where ref.id = pay.acct and acct.id = ref.id and ref.tag = 'two'"));
        assertEquals(List.of("T bal:23:4:-1", "D 0", "C SELECT 1", "Z I"), t.run("select bal from acct where id = 2"));
    }

    @Test
    void aTargetRowJoinedToSeveralRowsIsUpdatedOnce() {
        Transcript t = tables();
        t.run("insert into pay values (1, 5)");
        assertEquals(List.of("C UPDATE 1", "Z I"),
                t.run("update acct set bal = bal + 1 from pay where pay.acct = acct.id and acct.id = 1"));
        assertEquals(List.of("T bal:23:4:-1", "D 101", "C SELECT 1", "Z I"), t.run("select bal from acct where id = 1"));
        // RETURNING * lists the target's columns, then the other relations'
        assertEquals(List.of("T id:23:4:-1,bal:23:4:-1,id:23:4:-1,tag:25:-1:-1", "D 3|301|3|three", "C UPDATE 1", "Z I"),
                t.run("update acct set bal = bal + 1 from ref where ref.id = acct.id and ref.tag = 'three' returning *"));
    }

    @Test
    void deleteUsing() {
        Transcript t = tables();
        assertEquals(List.of("T id:23:4:-1,tag:25:-1:-1", "D 1|one", "D 2|two", "C DELETE 2", "Z I"),
                t.run("delete from ref r using pay where pay.acct = r.id returning r.id, r.tag"));
        assertEquals(List.of("T id:23:4:-1", "D 3", "C SELECT 1", "Z I"), t.run("select id from ref"));
        assertEquals(List.of("C DELETE 0", "Z I"), t.run("delete from acct using pay where pay.amount > 1000"));
        // in a block that rolls back, nothing is deleted
        t.run("begin");
        assertEquals(List.of("C DELETE 3", "Z T"), t.run("delete from acct using ref"));
        t.run("rollback");
        assertEquals(List.of("T count:20:8:-1", "D 3", "C SELECT 1", "Z I"), t.run("select count(*) from acct"));
    }

    @Test
    void namesAreResolvedAsInPostgresql() {
        Transcript t = tables();
        assertEquals(List.of("E ERROR 42702 column reference \"id\" is ambiguous @40", "Z I"),
                t.run("update acct set bal = 1 from ref where id = 1"));
        assertEquals(List.of("E ERROR 42712 table name \"acct\" specified more than once @-", "Z I"),
                t.run("update acct set bal = 1 from acct"));
        assertEquals(List.of("E ERROR 42P01 relation \"nope\" does not exist @24", "Z I"),
                t.run("delete from acct using nope"));
        assertEquals(List.of("E ERROR 42703 column \"amount\" of relation \"acct\" does not exist @17", "Z I"),
                t.run("update acct set amount = 1 from pay"));
        assertEquals(List.of("E ERROR 42P01 invalid reference to FROM-clause entry for table \"acct\" @42 "
                + "H Perhaps you meant to reference the table alias \"a\".", "Z I"),
                t.run("update acct a set bal = 1 from ref where acct.id = ref.id"));
        assertEquals(List.of("E ERROR 42P01 relation \"nosuch\" does not exist @30", "Z I"),
                t.run("update acct set bal = 1 from nosuch"));
    }

    @Test
    void fromAndUsingTakeAnyFromItem() {
        Transcript t = tables();
        // a subquery, VALUES and a join as items of UPDATE ... FROM
        assertEquals(List.of("C UPDATE 2", "Z I"), t.run("update acct set bal = bal + s.total from "
                + "(select acct, sum(amount) as total from pay group by acct) s where s.acct = acct.id"));
        assertEquals(List.of("C UPDATE 1", "Z I"),
                t.run("update acct set bal = v.b from (values (3, 7)) as v(i, b) where v.i = acct.id"));
        assertEquals(List.of("C UPDATE 1", "Z I"), t.run("update acct set bal = -1 from pay p join ref r "
                + "on r.id = p.acct where r.tag = 'one' and acct.id = p.acct"));
        assertEquals(List.of("T id:23:4:-1,bal:23:4:-1", "D 1|-1", "D 2|220", "D 3|7", "C SELECT 3", "Z I"),
                t.run("select * from acct order by id"));
        // and of DELETE ... USING
        assertEquals(List.of("C DELETE 2", "Z I"), t.run("delete from acct using "
                + "(select id from ref where tag like 't%') r where r.id = acct.id"));
        assertEquals(List.of("T id:23:4:-1", "D 1", "C SELECT 1", "Z I"), t.run("select id from acct"));
    }
}

package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PREPARE, EXECUTE and DEALLOCATE on the real storage engine: parameters declared and inferred, arguments
 * converted and computed, errors as PostgreSQL words them, DML through EXECUTE, and one table of prepared
 * statements shared by SQL and the extended protocol.
 */
class PrepareOnStorageTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();


    @Test
    void prepareExecuteDeallocate() {
        Transcript t = cluster.transcript();
        assertEquals(List.of("C PREPARE", "Z I"), t.run("prepare q1 as select 1 as one"));
        assertEquals(List.of("T one:23:4:-1", "D 1", "C SELECT 1", "Z I"), t.run("execute q1"));
        t.run("prepare q2(int, text) as select $1 + 1 as n, $2 || '!' as t");
        assertEquals(List.of("T n:23:4:-1,t:25:-1:-1", "D 42|hi!", "C SELECT 1", "Z I"), t.run("execute q2(41, 'hi')"));
        assertEquals(List.of("E ERROR 22P02 invalid input syntax for type integer: \"x\" @12", "Z I"),
                t.run("execute q2('x', 'hi')"));
        assertEquals(List.of("E ERROR 42601 wrong number of parameters for prepared statement \"q2\" @- "
                + "D Expected 2 parameters but got 1.", "Z I"), t.run("execute q2(1)"));
        assertEquals(List.of("E ERROR 42804 parameter $1 of type boolean cannot be coerced to the expected type "
                + "integer @12 H You will need to rewrite or cast the expression.", "Z I"),
                t.run("execute q2(true, 'a')"));
        assertEquals(List.of("E ERROR 42P05 prepared statement \"q1\" already exists @-", "Z I"),
                t.run("prepare q1 as select 2"));
        assertEquals(List.of("E ERROR 26000 prepared statement \"nosuch\" does not exist @-", "Z I"),
                t.run("execute nosuch"));
        assertEquals(List.of("C DEALLOCATE", "Z I"), t.run("deallocate q1"));
        assertEquals(List.of("E ERROR 26000 prepared statement \"q1\" does not exist @-", "Z I"),
                t.run("deallocate prepare q1"));
        assertEquals(List.of("C DEALLOCATE ALL", "Z I"), t.run("deallocate all"));
        assertEquals(List.of("E ERROR 26000 prepared statement \"q2\" does not exist @-", "Z I"),
                t.run("execute q2(1, 'a')"));
        // an undeclared parameter takes the type its context gives it
        t.run("prepare q3 as select $1::int * 2 as doubled");
        assertEquals(List.of("T doubled:23:4:-1", "D 42", "C SELECT 1", "Z I"), t.run("execute q3(21)"));
        t.run("prepare q4(numeric) as select $1 / 3 as third");
        assertEquals(List.of("T third:1700:-1:-1", "D 0.33333333333333333333", "C SELECT 1", "Z I"),
                t.run("execute q4(1)"));
        assertEquals(List.of("E ERROR 42P18 could not determine data type of parameter $1 @-", "Z I"),
                t.run("prepare q5 as select $1 is null"));
    }

    @Test
    void executeRunsDmlAndSharesTheProtocolsTable() {
        Transcript t = cluster.transcript();
        t.run("create table kv (k int primary key, v text)");
        t.run("prepare ins(int, text) as insert into kv values ($1, $2) returning k");
        assertEquals(List.of("T k:23:4:-1", "D 1", "C INSERT 0 1", "Z I"), t.run("execute ins(1, 'a')"));
        assertEquals(List.of("T k:23:4:-1", "D 2", "C INSERT 0 1", "Z I"), t.run("execute ins(1 + 1, 'b' || 'c')"));
        t.run("prepare upd as update kv set v = $2 where k = $1");
        assertEquals(List.of("C UPDATE 1", "Z I"), t.run("execute upd(2, 'z')"));
        assertEquals(List.of("T k:23:4:-1,v:25:-1:-1", "D 1|a", "D 2|z", "C SELECT 2", "Z I"),
                t.run("select * from kv order by k"));
        // a statement PREPAREd in SQL is bound by the protocol, and one Parsed by the protocol is EXECUTEd
        t.session.bind("", "ins", List.of("3", "p"));
        t.session.execute("", 0, t);
        t.session.sync(t);
        t.session.prepare("proto", "select v from kv where k = $1", new int[0]);
        assertEquals(List.of("T v:25:-1:-1", "D p", "C SELECT 1", "Z I"), t.run("execute proto(3)"));
        assertEquals(List.of("E ERROR 42P05 prepared statement \"proto\" already exists @-", "Z I"),
                t.run("prepare proto as select 1"));
    }
}

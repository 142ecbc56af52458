package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ALTER TYPE's attribute actions on a composite type, on storage; messages as PostgreSQL 15's (regress/alter_type). */
class AlterTypeTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    @Test
    void attributesAreAddedDroppedChangedAndRenamed() {
        cluster.ok("create type at_pair as (a int, b text)");
        cluster.ok("create function at_mk() returns at_pair language sql as 'select 7::bigint, ''x''::text'");
        cluster.ok("alter type at_pair add attribute c numeric");
        cluster.ok("alter type at_pair rename attribute b to bb");
        cluster.ok("alter type at_pair alter attribute a type bigint");
        cluster.ok("alter type at_pair drop attribute c");
        assertEquals("a|bigint|1;bb|text|2", cluster.rows("select attname, format_type(atttypid, atttypmod), attnum "
                + "from pg_attribute where attrelid = 'at_pair'::regclass and attnum > 0 and not attisdropped "
                + "order by attnum"));
        // the dropped attribute keeps its attnum; a new one comes after it
        cluster.ok("alter type at_pair add attribute d int");
        assertEquals("4", cluster.rows("select attnum from pg_attribute where attrelid = 'at_pair'::regclass "
                + "and attname = 'd'"));
        cluster.ok("alter type at_pair drop attribute d");
        assertEquals("y", cluster.rows("select (row(5, 'y')::at_pair).bb"));
        // functions returning the type see its new shape
        assertEquals("7|x", cluster.rows("select * from at_mk()"));
        assertEquals("E ERROR 42703 column \"zz\" of relation \"at_pair\" does not exist @-",
                cluster.rows("alter type at_pair drop attribute zz"));
        assertEquals("E ERROR 42701 column \"a\" of relation \"at_pair\" already exists @-",
                cluster.rows("alter type at_pair add attribute a int"));
        assertEquals("E ERROR 42703 column \"zz\" does not exist @-", cluster.rows("alter type at_pair rename attribute zz to y"));
        assertEquals("E ERROR 42P01 relation \"nosuch\" does not exist @-", cluster.rows("alter type nosuch add attribute y int"));
        cluster.ok("create table at_t (x int)");
        assertEquals("E ERROR 42809 \"at_t\" is not a composite type @-", cluster.rows("alter type at_t add attribute y int"));
    }
}

package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** inet, cidr and macaddr columns in tables: stored, read back, sorted, and indexed (unique too) in inet order. */
class NetworkTypesOnStorageTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void columnsSortAndIndexesFollowInetOrder() {
        Transcript t = cluster.transcript();
        t.run("create table hosts (ip inet primary key, net cidr, mac macaddr, mac8 macaddr8)");
        t.run("insert into hosts values ('10.1.2.3/8', '10.0.0.0/8', '08:00:2b:01:02:03', '08:00:2b:01:02:03'),"
                + " ('10.0.0.0/16', '10.0.0.0/16', '08:00:2b:01:02:04', null), ('::1', '::/0', null, null),"
                + " ('192.168.1.1', '192.168.1.0/24', 'ff:ff:ff:ff:ff:ff', null), ('10.0.0.0/8', null, null, null)");
        assertEquals("10.0.0.0/8;10.1.2.3/8;10.0.0.0/16;192.168.1.1;::1",
                NetworkTypesTest.last(t, "select ip from hosts order by ip"));
        assertEquals("10.1.2.3/8|10.0.0.0/8|08:00:2b:01:02:03|08:00:2b:ff:fe:01:02:03",
                NetworkTypesTest.last(t, "select * from hosts where mac = '08:00:2b:01:02:03'"));
        assertEquals("E ERROR 23505 duplicate key value violates unique constraint \"hosts_pkey\" @- D Key (ip)=(::1)"
                + " already exists.", NetworkTypesTest.last(t, "insert into hosts values ('::1')"));
        t.run("set enable_seqscan = off");
        assertEquals("10.0.0.0/16;192.168.1.1", NetworkTypesTest.last(t,
                "select ip from hosts where ip > '10.1.2.3/8' and ip < '::0' order by ip"));
        assertEquals("10.0.0.0/16", NetworkTypesTest.last(t,
                "select ip from hosts where ip << '10.0.0.0/8' order by ip"));
        assertEquals("{10.0.0.0/8,10.1.2.3/8}", NetworkTypesTest.last(t,
                "select array_agg(ip order by ip) from hosts where masklen(ip) = 8"));
    }
}

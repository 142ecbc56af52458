package org.tusk.storage.lmgr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LockTagTest {

    @Test
    void describedAsPostgresqlDoes() {
        assertEquals("relation 16384 of database 5", LockTag.relation(5, 16384).describe());
        assertEquals("tuple (0,3) of relation 16384 of database 5", LockTag.tuple(5, 16384, 0, 3).describe());
        assertEquals("transaction 740", LockTag.transaction(740).describe());
        assertEquals("object 16390 of class 1259 of database 5", LockTag.object(5, 1259, 16390, 0).describe());
        assertEquals("advisory lock [5,0,42,1]", LockTag.advisory(5, 42L).describe());
        assertEquals("advisory lock [5,7,8,2]", LockTag.advisory(5, 7, 8).describe());
        // Oids are unsigned.
        assertEquals("relation 4294967295 of database 1", LockTag.relation(1, -1).describe());
        assertEquals("relation", LockTagType.RELATION.pgName());
        assertEquals("transactionid", LockTagType.TRANSACTION.pgName());
    }

    @Test
    void transactionIdsKeepAll64Bits() {
        long xid = 0x1_2345_6789L;
        LockTag tag = LockTag.transaction(xid);
        assertEquals(xid, tag.transactionId());
        assertEquals("transaction 4886718345", tag.describe());
        assertNotEquals(LockTag.transaction(xid), LockTag.transaction(xid & 0xFFFF_FFFFL));
        assertEquals(Long.MAX_VALUE, LockTag.transaction(Long.MAX_VALUE).transactionId());
    }

    @Test
    void hashSpreadsOverPartitions() {
        Set<Integer> partitions = new HashSet<>();
        for (int rel = 16384; rel < 16384 + 64; rel++) {
            partitions.add(LockTable.partitionOf(LockTag.relation(5, rel).hash()));
        }
        assertEquals(LockTable.PARTITIONS, partitions.size(), "64 consecutive relations reach every partition");
        assertNotEquals(LockTag.relation(5, 1).hash(), LockTag.object(5, 1, 0, 0).hash());
        assertTrue(LockTag.relation(5, 1).equals(LockTag.relation(5, 1)));
    }
}

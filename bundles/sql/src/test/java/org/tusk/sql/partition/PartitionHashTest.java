package org.tusk.sql.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tusk.sql.types.SqlType;

/** The partition hash against values a PostgreSQL 15 computed (hash*extended with HASH_PARTITION_SEED). */
class PartitionHashTest {

    /** The remainder PostgreSQL gives a one-column key for modulus {@code m}, from its recorded 64-bit hash. */
    private static int expected(long hash, int m) {
        // rowHash = hash_combine64(0, hash)
        long combined = 0 ^ (hash + 0x49a0f4dd15e5a8e3L);
        return (int) Long.remainderUnsigned(combined, m);
    }

    @Test
    void int4MatchesPostgres() {
        // select hashint4extended(1, 8816678312871386365), hashint4extended(3, ...)
        assertEquals(expected(5968994663651403477L, 7), PartitionHash.remainder(new Object[] {1}, new SqlType[] {SqlType.INT4}, 7));
        assertEquals(expected(-6526785837914879018L, 7), PartitionHash.remainder(new Object[] {3}, new SqlType[] {SqlType.INT4}, 7));
        assertEquals(expected(-6526785837914879018L, 1000), PartitionHash.remainder(new Object[] {3}, new SqlType[] {SqlType.INT4}, 1000));
    }

    @Test
    void int8MatchesPostgres() {
        assertEquals(expected(5466844944386338076L, 997), PartitionHash.remainder(new Object[] {-5L}, new SqlType[] {SqlType.INT8}, 997));
    }

    @Test
    void textMatchesPostgres() {
        SqlType[] text = {SqlType.TEXT};
        assertEquals(expected(-6705225459120232837L, 1009), PartitionHash.remainder(new Object[] {"a"}, text, 1009));
        assertEquals(expected(-6609607681821511246L, 1009), PartitionHash.remainder(new Object[] {"hello world!x"}, text, 1009));
        assertEquals(expected(-5700645584453517373L, 1009), PartitionHash.remainder(new Object[] {""}, text, 1009));
    }

    @Test
    void rowsGoWherePostgresPutsThem() {
        // insert into h select generate_series(1, 10) with modulus 2: 1 and 2 in remainder 0, the rest in 1.
        SqlType[] int4 = {SqlType.INT4};
        for (int i = 1; i <= 10; i++) {
            assertEquals(i <= 2 ? 0 : 1, PartitionHash.remainder(new Object[] {i}, int4, 2), "value " + i);
        }
    }
}

package org.tusk.sql.schema;

import java.util.List;

/**
 * A partitioned table's key, as pg_partitioned_table holds it: the strategy ({@code partstrat}: 'r' range,
 * 'l' list, 'h' hash) and the key columns' attnums ({@code partattrs}), in key order.
 */
public record PartitionKey(char strategy, List<Integer> attnums) {

    public PartitionKey {
        attnums = List.copyOf(attnums);
    }

    /** The strategy's name as PARTITION BY writes it (pg_get_partkeydef). */
    public String strategyName() {
        return switch (strategy) {
            case 'r' -> "RANGE";
            case 'l' -> "LIST";
            default -> "HASH";
        };
    }
}

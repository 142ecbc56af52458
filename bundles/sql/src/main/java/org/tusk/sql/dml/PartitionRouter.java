package org.tusk.sql.dml;

import java.util.LinkedHashMap;
import java.util.Map;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.partition.PartitionScheme;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;

/**
 * Tuple routing (execPartition.c's ExecFindPartition): the partition of a partitioned table a new row goes
 * to, and one {@link TableWriter} per partition reached during the statement. A partition that is itself
 * partitioned gets a routing writer of its own, so rows descend to a leaf.
 */
final class PartitionRouter {
    private final DmlEnv env;
    private final PartitionScheme scheme;
    private final Map<Integer, TableWriter> writers = new LinkedHashMap<>();

    PartitionRouter(DmlEnv env, Relation table) {
        this.env = env;
        this.scheme = PartitionScheme.of(env.catalog(), table, env.ctx());
    }

    /** The writer of the partition {@code row} (SQL values, the table's column order) belongs to. */
    TableWriter writer(Object[] row) {
        Object[] key = scheme.keyOf(row);
        int oid = scheme.route(key);
        if (oid == 0) {
            throw new SqlException(ErrorFields.of("ERROR", "23514", "no partition of relation \""
                    + scheme.table().name() + "\" found for row").detail("Partition key of the failing row contains "
                    + RowFormat.key(scheme.keyColumns(), key, env.ctx()).replace(")=(", ") = (") + ".")
                    .set(ErrorFields.SCHEMA, scheme.table().schema()).set(ErrorFields.TABLE, scheme.table().name())
                    .build());
        }
        TableWriter w = writers.get(oid);
        if (w == null) {
            env.storage().lockRelation(env.catalog().databaseOid(), oid, RelationLockMode.ROW_EXCLUSIVE, false);
            w = new TableWriter(env, env.catalog().relation(oid));
            writers.put(oid, w);
        }
        return w;
    }

    /** The statement's end for every partition written. */
    void endOfStatement() {
        writers.values().forEach(TableWriter::endOfStatement);
    }
}

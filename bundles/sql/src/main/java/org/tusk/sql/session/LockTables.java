package org.tusk.sql.session;

import java.util.List;

import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.schema.Database;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.RelationLockMode;

/**
 * LOCK TABLE (lockcmds.c): each named relation locked in the given mode until the transaction ends,
 * through the storage's lock manager, in the order written. Only inside a transaction block, since a
 * lock that ends with its statement would be useless (RequireTransactionBlock, 25P01).
 */
final class LockTables {
    private LockTables() {
    }

    static void run(Statement.Lock lock, Database db, boolean inBlock, ResultSink sink) {
        if (!inBlock) {
            throw new SqlException("25P01", "LOCK TABLE can only be used in transaction blocks");
        }
        RelationLockMode mode = RelationLockMode.valueOf(lock.mode().replace(' ', '_'));
        for (Statement.RangeVar rv : lock.tables()) {
            Relation r = find(rv, db);
            if (r.kind() != 'r' && r.kind() != 'p' && r.kind() != 'v') {
                throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42809", "cannot lock relation \""
                        + rv.names().getLast() + "\"").detail("This operation is not supported for "
                        + (r.kind() == 'S' ? "sequences" : r.kind() == 'i' ? "indexes" : "this relation") + ".")
                        .build());
            }
            try {
                db.storage().lockRelation(db.catalog().databaseOid(), r.oid(), mode, lock.noWait());
            } catch (AccessException e) {
                if ("55P03".equals(e.sqlState())) {
                    // The storage knows only the OID; PostgreSQL names the relation.
                    throw new SqlException("55P03", "could not obtain lock on relation \"" + rv.names().getLast()
                            + "\"");
                }
                throw e;
            }
        }
        sink.commandComplete("LOCK TABLE");
    }

    private static Relation find(Statement.RangeVar rv, Database db) {
        List<String> n = rv.names();
        Relation r = db == null ? null
                : db.catalog().lookup(n.size() >= 2 ? n.get(n.size() - 2) : null, n.getLast());
        if (r == null) {
            throw SqlException.at("42P01", "relation \"" + String.join(".", n) + "\" does not exist", rv.position());
        }
        return r;
    }
}

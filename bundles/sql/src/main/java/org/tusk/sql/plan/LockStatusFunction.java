package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.types.SqlType;
import org.tusk.storage.access.LockStatus;

/**
 * pg_lock_status(): one row per lock mode held or awaited by any backend of the cluster, read from the
 * storage's shared lock table (GetLockStatusData). pg_locks is a view over it, as in PostgreSQL.
 *
 * <p>Differences from PostgreSQL 15: transactionid is text (Tusk has no xid type yet); there are no
 * virtualxid locks (a Tusk transaction has no virtual transaction id), so virtualxid is always NULL and
 * virtualtransaction is "procnumber+1/0"; waitstart is NULL (the lock table does not keep when a wait
 * began); fastpath says what PostgreSQL would keep in fast-path slots (see {@link LockStatus}).
 */
final class LockStatusFunction {

    static final String NAME = "pg_lock_status";

    static final List<String> COLUMNS = List.of("locktype", "database", "relation", "page", "tuple", "virtualxid",
            "transactionid", "classid", "objid", "objsubid", "virtualtransaction", "pid", "mode", "granted",
            "fastpath", "waitstart");

    static final List<SqlType> TYPES = List.of(SqlType.TEXT, SqlType.OID, SqlType.OID, SqlType.INT4, SqlType.INT2,
            SqlType.TEXT, SqlType.TEXT, SqlType.OID, SqlType.OID, SqlType.INT2, SqlType.TEXT, SqlType.INT4,
            SqlType.TEXT, SqlType.BOOL, SqlType.BOOL, SqlType.TIMESTAMPTZ);

    private LockStatusFunction() {
    }

    static List<Object[]> rows(EvalContext ctx) {
        if (ctx.db() == null) {
            return List.of();
        }
        List<Object[]> rows = new ArrayList<>();
        for (LockStatus l : ctx.db().storage().lockStatus()) {
            Object[] r = new Object[COLUMNS.size()];
            r[0] = l.lockType();
            switch (l.lockType()) {
                case "relation" -> {
                    r[1] = oid(l.field1());
                    r[2] = oid(l.field2());
                }
                case "tuple" -> {
                    r[1] = oid(l.field1());
                    r[2] = oid(l.field2());
                    r[3] = l.field3();
                    r[4] = (short) l.field4();
                }
                case "transactionid" -> r[6] = Long.toUnsignedString(Integer.toUnsignedLong(l.field1())
                        | (long) l.field2() << 32);
                default -> { // object, advisory: database, classid, objid, objsubid
                    r[1] = oid(l.field1());
                    r[7] = oid(l.field2());
                    r[8] = oid(l.field3());
                    r[9] = (short) l.field4();
                }
            }
            r[10] = (l.procNumber() + 1) + "/0";
            r[11] = l.pid();
            r[12] = l.mode();
            r[13] = l.granted();
            r[14] = l.fastPath();
            rows.add(r);
        }
        return rows;
    }

    private static long oid(int value) {
        return Integer.toUnsignedLong(value);
    }
}

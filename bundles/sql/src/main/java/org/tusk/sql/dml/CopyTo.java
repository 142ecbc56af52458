package org.tusk.sql.dml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.schema.StorageValues;
import org.tusk.sql.types.TypeOutput;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;

/**
 * The table side of COPY table [(columns)] TO STDOUT (copyto.c): a sequential scan of the rows the
 * statement's snapshot sees, each column in its type's text output form, handed to the session's COPY
 * formatting as a result (RowDescription, DataRow..., "SELECT n"), which turns it into CopyData.
 */
public final class CopyTo {

    private CopyTo() {
    }

    /** Scans the table named {@code names} into {@code sink}; returns the number of rows. */
    public static long run(List<String> names, List<String> columns, DmlEnv env, ResultSink sink) {
        Relation r = TargetTable.find(new Statement.RangeVar(names, null, -1), env.catalog());
        if (r.kind() == 'v') {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42809", "cannot copy from view \""
                    + r.name() + "\"").hint("Try the COPY (SELECT ...) TO variant.").build());
        }
        env.storage().lockRelation(env.catalog().databaseOid(), r.oid(), RelationLockMode.ACCESS_SHARE, false);
        int[] pos = columnPositions(r, columns);
        org.tusk.sql.roles.Privileges.checkCopy(env.ctx(), r, org.tusk.sql.roles.Acl.SELECT, pos);
        List<ColumnDescription> desc = new ArrayList<>();
        for (int p : pos) {
            Column c = r.columns().get(p);
            // A composite column's own type (binary COPY's record_send looks its fields up by it), an enum's.
            int type = c.composite() != 0 ? c.composite() : org.tusk.sql.types.EnumLabels.typeOid(c.type(), c.typmod());
            desc.add(new ColumnDescription(c.name(), r.oid(), (short) c.number(), type, c.type().length(),
                    org.tusk.sql.types.EnumLabels.isEnum(c.type()) ? -1 : c.typmod(), (short) 0));
        }
        sink.rowDescription(desc);
        Table table = env.storage().openTable(r.storage(), r.shape());
        long n = 0;
        try (RowScan scan = table.scan()) {
            for (Row row = scan.next(); row != null; row = scan.next()) {
                if ((n & 1023) == 0) {
                    env.ctx().checkForInterrupts();
                }
                byte[][] out = new byte[pos.length][];
                for (int k = 0; k < pos.length; k++) {
                    Column c = r.columns().get(pos[k]);
                    Object v = StorageValues.fromStorage(c, row.values()[pos[k]]);
                    out[k] = v == null ? null : TypeOutput.format(c.type(), v, env.ctx())
                            .getBytes(StandardCharsets.UTF_8);
                }
                sink.dataRow(out);
                n++;
            }
        }
        sink.commandComplete("SELECT " + n);
        return n;
    }

    /** The row positions of a COPY column list (all columns when empty): 42703, 42701 as PostgreSQL. */
    static int[] columnPositions(Relation r, List<String> columns) {
        if (columns.isEmpty()) {
            int[] all = new int[r.columns().size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[columns.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = -1;
            for (int i = 0; i < r.columns().size(); i++) {
                if (r.columns().get(i).name().equals(columns.get(k))) {
                    out[k] = i;
                }
            }
            if (out[k] < 0) {
                throw new SqlException("42703", "column \"" + columns.get(k) + "\" of relation \"" + r.name()
                        + "\" does not exist");
            }
            for (int j = 0; j < k; j++) {
                if (out[j] == out[k]) {
                    throw new SqlException("42701", "column \"" + columns.get(k) + "\" specified more than once");
                }
            }
        }
        return out;
    }
}

package org.tusk.sql.trigger;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.EvalContext;

/**
 * SET CONSTRAINTS (AfterTriggerSetState): finds the named constraints (each name in the first schema of
 * search_path that has one, or in the schema it names), refuses to defer one that is NOT DEFERRABLE, and
 * changes the transaction's state in the session's {@link AfterTriggerQueue}; IMMEDIATE runs the pending
 * checks of those constraints at once. Outside a transaction block it warns, as PostgreSQL does, and does
 * its work in the implicit transaction (where it ends at once).
 */
public final class SetConstraints {

    private SetConstraints() {
    }

    public static void run(Statement.SetConstraints s, EvalContext ctx, boolean inBlock, ResultSink sink) {
        if (!inBlock) {
            sink.notice(ErrorFields.of("WARNING", "25P01", "SET CONSTRAINTS can only be used in transaction blocks")
                    .build());
        }
        if (ctx.db() == null || !(ctx.db().catalog() instanceof RelationCache rc)) {
            sink.commandComplete("SET CONSTRAINTS");
            return;
        }
        AfterTriggerQueue queue = AfterTriggerQueue.of(rc);
        if (s.names() == null) {
            queue.setAll(s.deferred(), ctx);
        } else {
            queue.set(constraints(rc, s), s.deferred(), ctx);
        }
        sink.commandComplete("SET CONSTRAINTS");
    }

    private static List<Integer> constraints(RelationCache rc, Statement.SetConstraints s) {
        List<Integer> oids = new ArrayList<>();
        for (List<String> name : s.names()) {
            String conname = name.getLast();
            List<String> schemas = name.size() > 1 ? List.of(name.get(name.size() - 2)) : rc.searchPath();
            if (name.size() > 1 && rc.namespaceOid(schemas.getFirst()) == null) {
                throw new SqlException("3F000", "schema \"" + schemas.getFirst() + "\" does not exist");
            }
            boolean found = false;
            for (String schema : schemas) {
                Integer nsp = rc.namespaceOid(schema);
                if (nsp == null) {
                    continue;
                }
                for (CatalogRow r : rc.tables().rows(CatalogDefinitions.PG_CONSTRAINT,
                        r -> r.oid("connamespace") == nsp && r.text("conname").equals(conname))) {
                    if (r.bool("condeferrable")) {
                        oids.add(r.oid("oid"));
                    } else if (s.deferred()) {
                        throw new SqlException("55000", "constraint \"" + conname + "\" is not deferrable");
                    }
                    found = true;
                }
                if (found) {
                    break;
                }
            }
            if (!found) {
                throw new SqlException("42704", "constraint \"" + conname + "\" does not exist");
            }
        }
        return oids;
    }
}

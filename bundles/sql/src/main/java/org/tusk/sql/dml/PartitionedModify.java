package org.tusk.sql.dml;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.spi.ResultSink;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.schema.Relation;

/**
 * UPDATE or DELETE of a partitioned table (PostgreSQL's ModifyTable over the partitions' result relations):
 * the statement runs on each leaf partition in bound order, under the table's name (or alias) so that its
 * references read the same; the counts add up to one tag and the RETURNING rows to one result. An UPDATE that
 * gives a row another partition's key deletes it where it was and routes the new version through the table,
 * after every partition was scanned, so that no partition's scan sees a row moved into it.
 */
final class PartitionedModify implements DmlPlan {
    private final Relation table;
    private final List<DmlPlan> parts;
    /** The leaf partitions the statement was analyzed for, one plan each. */
    private final List<Relation> leaves;
    private final String verb;
    private final Mover mover;

    /** Rows an UPDATE moves to other partitions, inserted through the partitioned table at the statement's end. */
    static final class Mover {
        private final Relation table;
        private final List<Object[]> rows = new ArrayList<>();

        Mover(Relation table) {
            this.table = table;
        }

        void move(Object[] row) {
            rows.add(row);
        }

        void finish(DmlEnv env) {
            if (rows.isEmpty()) {
                return;
            }
            TableWriter writer = new TableWriter(env, table);
            for (Object[] row : rows) {
                writer.insert(row);
            }
            rows.clear();
            writer.endOfStatement();
            env.endCommand();
        }
    }

    private PartitionedModify(Relation table, List<Relation> leaves, List<DmlPlan> parts, String verb, Mover mover) {
        this.table = table;
        this.leaves = leaves;
        this.parts = parts;
        this.verb = verb;
        this.mover = mover;
    }

    /** The plan of {@code s} if it names a partitioned table, else null. */
    static DmlPlan analyze(Statement s, DmlEnv env) {
        Statement.RangeVar rv = DmlStatements.target(s);
        if (s instanceof Statement.Insert) {
            return null;
        }
        Catalog catalog = env.catalog();
        String schema = rv.names().size() > 1 ? rv.names().get(rv.names().size() - 2) : null;
        Relation r = catalog.lookup(schema, rv.names().getLast());
        if (r == null || r.kind() != 'p') {
            return null;
        }
        TargetTable.open(rv, env, s instanceof Statement.Update ? "update" : "delete from"); // its lock and checks
        String alias = rv.alias() != null ? rv.alias() : r.name();
        Mover mover = s instanceof Statement.Update ? new Mover(r) : null;
        List<DmlPlan> parts = new ArrayList<>();
        // UPDATE ONLY / DELETE FROM ONLY a partitioned table: it holds no rows itself, so none change.
        List<Relation> leaves = rv.only() ? List.of() : leaves(catalog, r, env);
        for (Relation leaf : leaves) {
            Statement.RangeVar named = new Statement.RangeVar(List.of(leaf.schema(), leaf.name()), alias,
                    rv.position());
            DmlPlan plan = switch (s) {
                case Statement.Update u -> {
                    UpdatePlan p = UpdatePlan.analyze(new Statement.Update(named, u.set(), u.from(), u.where(),
                            u.returning(), u.position(), List.of()), env);
                    p.mover = mover;
                    yield p;
                }
                case Statement.Delete d -> DeletePlan.analyze(new Statement.Delete(named, d.using(), d.where(),
                        d.returning(), d.position(), List.of()), env);
                default -> throw new IllegalArgumentException();
            };
            parts.add(plan);
        }
        return new PartitionedModify(r, leaves, parts, s instanceof Statement.Update ? "UPDATE" : "DELETE", mover);
    }

    private static List<Relation> leaves(Catalog catalog, Relation table, DmlEnv env) {
        List<Relation> out = new ArrayList<>();
        for (int oid : org.tusk.sql.partition.PartitionScheme.of(catalog, table, env.ctx()).partitionsInOrder()) {
            Relation child = catalog.relation(oid);
            if (child.kind() == 'p') {
                out.addAll(leaves(catalog, child, env));
            } else {
                out.add(child);
            }
        }
        return out;
    }

    @Override
    public List<ColumnDescription> columns() {
        return parts.isEmpty() ? null : parts.getFirst().columns();
    }

    @Override
    public boolean revalidate(DmlEnv env) {
        if (!table.equals(env.catalog().relation(table.oid()))
                || !leaves(env.catalog(), table, env).equals(leaves)) {
            return false; // a partition attached or detached since: analyze again
        }
        for (DmlPlan p : parts) {
            if (!p.revalidate(env)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void run(DmlEnv env, ResultSink sink) {
        long[] count = {0};
        boolean[] described = {false};
        // Each partition's rows go on to the client under the first one's description; the tags add up.
        CountingSink each = new CountingSink(sink::notice) {
            @Override
            public void rowDescription(List<ColumnDescription> columns) {
                if (!described[0]) {
                    described[0] = true;
                    sink.rowDescription(columns);
                }
            }

            @Override
            public void dataRow(byte[][] values) {
                sink.dataRow(values);
            }

            @Override
            public void commandComplete(String tag) {
                super.commandComplete(tag);
                count[0] += count();
            }
        };
        for (DmlPlan p : parts) {
            p.run(env, each);
        }
        if (mover != null) {
            mover.finish(env);
        }
        if (!described[0] && columns() != null) {
            sink.rowDescription(columns());
        }
        sink.commandComplete(verb + " " + count[0]);
    }
}

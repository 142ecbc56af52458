package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.exec.PartitionAppend;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.exec.SeqScan;
import org.tusk.sql.partition.PartitionScheme;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.TypeContext;

/**
 * The scan of a partitioned table (inherit.c's expand_partitioned_rtentry and partprune.c): one sequential
 * scan per leaf partition, all reading into the table's slot; once the scan's conditions are known, the
 * partitions whose bounds rule out a {@code key OP constant} condition are left out and each remaining one
 * gets the best path for the conditions, as a table of its own would.
 */
final class PartitionPaths {

    private PartitionPaths() {
    }

    /** A leaf partition's scan and, for each partitioned table above it, that table's scheme and the partition on the way. */
    record LeafScan(SeqScan scan, List<Map.Entry<PartitionScheme, Integer>> ancestry) {
    }

    /** The unpruned Append; {@link #scanWith} replaces it once there are conditions. */
    static final class Prunable extends PartitionAppend {
        final List<LeafScan> leaves;
        final String ref;

        Prunable(List<LeafScan> leaves, RowSlot slot, String ref) {
            super(named(leaves.stream().map(LeafScan::scan).toList(), slot, ref), slot, new long[1]);
            this.leaves = leaves;
            this.ref = ref;
        }
    }

    /** The tableoid column of a partitioned table's rows: the OID of the partition {@code append} is reading. */
    static Expression tableOid(PartitionAppend append) {
        long[] holder = append.tableOid();
        return new Expression.SessionValue(org.tusk.sql.types.SqlType.OID, -1, c -> holder[0]);
    }

    /** The leaves of partitioned table {@code table} in bound order, each scanned by {@code scan(relation)}. */
    static Prunable expand(Catalog catalog, Relation table, TypeContext types, RowSlot slot, String ref,
            Function<Relation, SeqScan> scan) {
        List<LeafScan> leaves = new ArrayList<>();
        collect(catalog, table, types, List.of(), scan, leaves);
        return new Prunable(leaves, slot, ref);
    }

    /** A partitioned table read without its partitions ({@code FROM ONLY}): no leaves, so no rows. */
    static Prunable none(RowSlot slot, String ref) {
        return new Prunable(List.of(), slot, ref);
    }

    private static void collect(Catalog catalog, Relation table, TypeContext types,
            List<Map.Entry<PartitionScheme, Integer>> above, Function<Relation, SeqScan> scan, List<LeafScan> out) {
        PartitionScheme scheme = PartitionScheme.of(catalog, table, types);
        for (int oid : scheme.partitionsInOrder()) {
            Relation child = catalog.relation(oid);
            List<Map.Entry<PartitionScheme, Integer>> path = new ArrayList<>(above);
            path.add(Map.entry(scheme, oid));
            if (child.kind() == 'p') {
                collect(catalog, child, types, path, scan, out);
            } else {
                out.add(new LeafScan(scan.apply(child), path));
            }
        }
    }

    /**
     * EXPLAIN's names of the partitions' scans: the table's reference name when one partition is left, else
     * that name numbered (set_rtable_names makes the children's equal aliases unique that way).
     */
    private static List<PlanNode> named(List<SeqScan> scans, RowSlot slot, String ref) {
        List<PlanNode> out = new ArrayList<>();
        for (int i = 0; i < scans.size(); i++) {
            SeqScan s = scans.get(i);
            SeqScan renamed = new SeqScan(s.relation(), scans.size() == 1 ? ref : ref + "_" + (i + 1), slot);
            renamed.rows = s.rows;
            renamed.tuples = s.tuples;
            renamed.pages = s.pages;
            renamed.width = s.width;
            renamed.startupCost = s.startupCost;
            renamed.totalCost = s.totalCost;
            out.add(renamed);
        }
        return out;
    }

    /**
     * The scan with its conditions: the partitions they leave, each scanned with all the conditions (its best
     * path); one partition alone is its own scan, none an empty Result.
     */
    static PlanNode scanWith(Prunable append, List<Expression> conds, Costs costs,
            java.util.function.BiFunction<PlanNode, List<Expression>, PlanNode> leafScan) {
        RowSlot slot = append.slots().getFirst();
        List<Condition> keyConds = new ArrayList<>();
        for (Expression c : conds) {
            Condition k = condition(c, slot);
            if (k != null) {
                keyConds.add(k);
            }
        }
        List<SeqScan> kept = new ArrayList<>();
        for (LeafScan leaf : append.leaves) {
            if (keeps(leaf, keyConds)) {
                kept.add(leaf.scan());
            }
        }
        List<PlanNode> named = named(kept, slot, append.ref);
        List<PlanNode> branches = new ArrayList<>();
        for (PlanNode n : named) {
            branches.add(leafScan.apply(n, conds));
        }
        PartitionAppend out = new PartitionAppend(branches, slot, append.tableOid());
        out.rows = branches.stream().mapToDouble(b -> b.rows).sum();
        return out;
    }

    /** {@code column OP constant} on a column of the partitioned table's slot. */
    private record Condition(int column, String op, Object value, org.tusk.sql.types.SqlType type) {
    }

    private static Condition condition(Expression e, RowSlot slot) {
        if (!(e instanceof Expression.Call call) || call.args().size() != 2) {
            return null;
        }
        String op = call.routine().name();
        if (!List.of("=", "<", "<=", ">", ">=").contains(op)) {
            return null;
        }
        Expression left = call.args().get(0);
        Expression right = call.args().get(1);
        boolean varLeft = left instanceof Expression.Var;
        Expression var = varLeft ? left : right;
        Expression other = varLeft ? right : left;
        if (!(var instanceof Expression.Var v) || v.slot() != slot || other.type() != v.type()) {
            return null;
        }
        Object value = ColumnComparison.constant(other);
        if (value == ColumnComparison.NOT_CONSTANT || value == null) {
            return null;
        }
        if (!varLeft) {
            op = switch (op) {
                case "<" -> ">";
                case "<=" -> ">=";
                case ">" -> "<";
                case ">=" -> "<=";
                default -> op;
            };
        }
        return new Condition(v.index(), op, value, v.type());
    }

    private static boolean keeps(LeafScan leaf, List<Condition> conds) {
        for (Map.Entry<PartitionScheme, Integer> step : leaf.ancestry()) {
            PartitionScheme scheme = step.getKey();
            int[] positions = scheme.positions();
            for (Condition c : conds) {
                for (int k = 0; k < positions.length; k++) {
                    if (positions[k] == c.column() && scheme.types()[k] == c.type()
                            && !scheme.mayContain(step.getValue(), k, c.op(), c.value())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}

package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.exec.PlanNode;

/**
 * A sub-list of a query level's FROM items that is joined on its own before the rest (a nested joinlist
 * of PostgreSQL's deconstruct_jointree): what explicit JOIN syntax beyond join_collapse_limit, or a
 * FROM item beyond from_collapse_limit, leaves unflattened. It stands in the level's list of leaves
 * until {@link JoinPlanner#join} plans it, with the conditions that read only its relations, into the
 * node that replaces it; it is never executed.
 */
final class JoinGroup extends PlanNode {
    private final List<Leaf> leaves;

    private JoinGroup(List<Leaf> leaves) {
        super(slotsOf(leaves));
        this.leaves = List.copyOf(leaves);
    }

    /** The leaves as one item of a list: the only leaf itself, or a group of them. */
    static Leaf of(List<Leaf> leaves) {
        if (leaves.size() == 1) {
            return leaves.getFirst();
        }
        return new Leaf(new JoinGroup(leaves), false);
    }

    List<Leaf> leaves() {
        return leaves;
    }

    private static List<RowSlot> slotsOf(List<Leaf> leaves) {
        List<RowSlot> slots = new ArrayList<>();
        for (Leaf l : leaves) {
            slots.addAll(l.node().slots());
        }
        return slots;
    }

    @Override
    protected void start() {
        throw new IllegalStateException("a join group is planned before it runs");
    }

    @Override
    protected Object[] fetch() {
        throw new IllegalStateException("a join group is planned before it runs");
    }

    @Override
    public String label() {
        return "Join Group";
    }
}

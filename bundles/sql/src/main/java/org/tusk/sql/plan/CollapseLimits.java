package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.types.TypeContext;

/**
 * join_collapse_limit and from_collapse_limit (deconstruct_jointree): how many items one join search may
 * get by flattening explicit inner JOINs and FROM items that are joins. Beyond the limit the parts stay
 * separate join problems ({@link JoinGroup}), so {@code SET join_collapse_limit = 1} makes the planner
 * join in the order the JOINs are written (though either side of each may still be the outer one).
 */
record CollapseLimits(int join, int from) {

    static CollapseLimits of(TypeContext types) {
        return new CollapseLimits(setting(types, "join_collapse_limit"), setting(types, "from_collapse_limit"));
    }

    private static int setting(TypeContext types, String name) {
        if (types instanceof EvalContext session) {
            try {
                return Integer.parseInt(session.setting(name).strip());
            } catch (RuntimeException unknown) {
                return 8;
            }
        }
        return 8;
    }

    /** An inner JOIN's items: both sides' lists in one, or each side as one item when that is too many. */
    List<Leaf> innerJoin(List<Leaf> left, List<Leaf> right) {
        List<Leaf> out = new ArrayList<>();
        if (left.size() + right.size() <= join || lateral(left) || lateral(right)) {
            out.addAll(left);
            out.addAll(right);
        } else {
            out.add(JoinGroup.of(left));
            out.add(JoinGroup.of(right));
        }
        return out;
    }

    /**
     * Adds a FROM item's list to the level's: flattened when it is one item or the whole list stays
     * within from_collapse_limit counting the items still to come, else as one item.
     */
    void fromItem(List<Leaf> level, List<Leaf> item, int remaining) {
        if (item.size() <= 1 || level.size() + item.size() + remaining <= from || lateral(item)) {
            level.addAll(item);
        } else {
            level.add(JoinGroup.of(item));
        }
    }

    /** Groups are planned apart from the rest, which a LATERAL item might read: those are never grouped. */
    private static boolean lateral(List<Leaf> leaves) {
        return leaves.stream().anyMatch(Leaf::lateral);
    }
}

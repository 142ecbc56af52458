package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.sql.eval.Ordering;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.types.SqlType;

/**
 * INTERSECT and EXCEPT [ALL] (nodeSetOp.c, hashed): counts each distinct row on both sides (NULLs
 * equal to NULLs, as for DISTINCT), then returns each left row as many times as the operation says.
 */
public final class SetOp extends PlanNode {
    private final PlanNode left;
    private final PlanNode right;
    private final boolean intersect;
    private final boolean all;
    private final List<SqlType> types;
    private Iterator<Counted> output;
    private Counted current;
    private long remaining;

    private static final class Counted {
        final Object[] values;
        long left;
        long right;

        Counted(Object[] values) {
            this.values = values;
        }
    }

    public SetOp(PlanNode left, PlanNode right, boolean intersect, boolean all, List<SqlType> types, RowSlot slot) {
        super(List.of(slot));
        this.left = left;
        this.right = right;
        this.intersect = intersect;
        this.all = all;
        this.types = List.copyOf(types);
        rows = Math.max(1, left.rows / 2);
        totalCost = left.totalCost + right.totalCost + 0.01 * (left.rows + right.rows);
    }

    private List<Object> key(Object[] values) {
        List<Object> k = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            k.add(Ordering.hashKey(values[i], types.get(i)));
        }
        return k;
    }

    @Override
    protected void start() {
        Map<List<Object>, Counted> counts = new LinkedHashMap<>();
        left.open(ctx);
        for (Object[] r = left.next(); r != null; r = left.next()) {
            Object[] v = Arrays.copyOf((Object[]) r[0], types.size());
            counts.computeIfAbsent(key(v), k -> new Counted(v)).left++;
        }
        right.open(ctx);
        for (Object[] r = right.next(); r != null; r = right.next()) {
            Counted c = counts.get(key((Object[]) r[0]));
            if (c != null) {
                c.right++;
            }
        }
        output = counts.values().iterator();
        current = null;
        remaining = 0;
    }

    @Override
    protected Object[] fetch() {
        while (remaining == 0) {
            if (output == null || !output.hasNext()) {
                return null;
            }
            current = output.next();
            if (intersect) {
                remaining = all ? Math.min(current.left, current.right) : (current.right > 0 ? 1 : 0);
            } else {
                remaining = all ? Math.max(0, current.left - current.right) : (current.right == 0 ? 1 : 0);
            }
        }
        remaining--;
        return new Object[] {current.values};
    }

    @Override
    public String label() {
        return "HashSetOp " + (intersect ? "Intersect" : "Except") + (all ? " All" : "");
    }

    @Override
    public List<PlanNode> children() {
        return List.of(left, right);
    }
}

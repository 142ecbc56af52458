package org.tusk.sql.exec;

import org.tusk.sql.eval.Expression;

/**
 * A window's frame after analysis: its mode, both ends (an offset expression for the OFFSET kinds,
 * already of the type the mode needs) and the exclusion. A window without a frame clause has
 * {@link #DEFAULT}: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW, which without ORDER BY is the
 * whole partition (every row is a peer of every other).
 */
public record WindowFrame(Mode mode, Bound start, Bound end, Exclusion exclusion) {

    public enum Mode {
        RANGE, ROWS, GROUPS
    }

    public enum BoundKind {
        UNBOUNDED_PRECEDING, OFFSET_PRECEDING, CURRENT_ROW, OFFSET_FOLLOWING, UNBOUNDED_FOLLOWING
    }

    public enum Exclusion {
        NO_OTHERS, CURRENT_ROW, GROUP, TIES
    }

    /** One end of the frame; {@code offset} is null unless the kind is an OFFSET one. */
    public record Bound(BoundKind kind, Expression offset) {
    }

    public static final WindowFrame DEFAULT = new WindowFrame(Mode.RANGE, new Bound(BoundKind.UNBOUNDED_PRECEDING, null),
            new Bound(BoundKind.CURRENT_ROW, null), Exclusion.NO_OTHERS);
}

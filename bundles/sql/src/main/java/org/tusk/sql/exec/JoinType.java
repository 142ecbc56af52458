package org.tusk.sql.exec;

/** How a join treats rows without a partner: INNER drops them, the outer joins NULL-extend them. */
public enum JoinType {
    INNER, LEFT, RIGHT, FULL;

    boolean keepsOuter() {
        return this == LEFT || this == FULL;
    }

    boolean keepsInner() {
        return this == RIGHT || this == FULL;
    }

    /** EXPLAIN's word for it ("Hash Left Join"), empty for inner joins. */
    String word() {
        return switch (this) {
            case INNER -> "";
            case LEFT -> " Left";
            case RIGHT -> " Right";
            case FULL -> " Full";
        };
    }
}

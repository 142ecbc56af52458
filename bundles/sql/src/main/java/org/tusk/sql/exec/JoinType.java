package org.tusk.sql.exec;

/**
 * How a join treats rows without a partner: INNER drops them, the outer joins NULL-extend them. SEMI and
 * ANTI are the joins a pulled-up EXISTS, IN or NOT EXISTS becomes (PostgreSQL's JOIN_SEMI, JOIN_ANTI):
 * each outer row is returned once if some inner row matches it (SEMI) or, NULL-extended, if none does
 * (ANTI); the executor stops looking at the first match.
 */
public enum JoinType {
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI;

    boolean keepsOuter() {
        return this == LEFT || this == FULL;
    }

    boolean keepsInner() {
        return this == RIGHT || this == FULL;
    }

    /** Whether an outer row without a match leaves the join NULL-extended (LEFT, FULL, ANTI). */
    boolean nullExtendsOuter() {
        return this == LEFT || this == FULL || this == ANTI;
    }

    /** Whether the join is done with an outer row at its first match (SEMI, ANTI). */
    public boolean firstMatchOnly() {
        return this == SEMI || this == ANTI;
    }

    /** EXPLAIN's word for it ("Hash Left Join"), empty for inner joins. */
    String word() {
        return switch (this) {
            case INNER -> "";
            case LEFT -> " Left";
            case RIGHT -> " Right";
            case FULL -> " Full";
            case SEMI -> " Semi";
            case ANTI -> " Anti";
        };
    }
}

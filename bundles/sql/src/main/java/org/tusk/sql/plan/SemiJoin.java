package org.tusk.sql.plan;

import java.util.List;
import java.util.Set;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.exec.JoinType;

/**
 * A sublink of WHERE pulled up into a join (PostgreSQL's SpecialJoinInfo for JOIN_SEMI and JOIN_ANTI):
 * the subquery's FROM items with their own conditions form the inner side, which joins the query's
 * other relations only as a whole and only once every relation {@code joinConds} reads is on the outer
 * side.
 *
 * @param type       SEMI (EXISTS, IN, = ANY) or ANTI (NOT EXISTS)
 * @param leaves     the subquery's FROM items
 * @param localConds the subquery's conditions that read only its own relations
 * @param slots      the slots of {@code leaves}
 * @param joinConds  the conditions that read the outer query: the join's conditions
 * @param uniqueKeys the inner sides of the equalities among {@code joinConds} when every one of them is such
 *                   an equality (the inner side can then be made unique on them and joined as an inner join,
 *                   PostgreSQL's JOIN_UNIQUE_INNER/OUTER); null otherwise and for ANTI
 */
record SemiJoin(JoinType type, List<Leaf> leaves, List<Expression> localConds, Set<RowSlot> slots,
        List<Expression> joinConds, List<Expression> uniqueKeys) {
}

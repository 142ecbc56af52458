package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;

/**
 * The expression keys and predicates of a table's indexes, analyzed for one planning (the planner's
 * IndexOptInfo.indexprs and indpred): the stored SQL text is analyzed once per index and planning, in
 * the planning session, so nothing is kept between backends or statements.
 */
final class IndexExpressions {

    /**
     * One index, analyzed: per index column its expression in {@link PredicateProof#comparable} form (null
     * for a plain column), and the predicate's conjuncts (empty for a whole-table index), comparable too.
     */
    record Analyzed(List<Expression> keys, List<Expression> predicate) {
    }

    private final EvalContext session;
    private final Map<Integer, Analyzed> byIndex = new HashMap<>();

    IndexExpressions(EvalContext session) {
        this.session = session;
    }

    /** {@code index} of {@code relation} analyzed, or null if it cannot be here (no session, or an error). */
    Analyzed of(Relation relation, IndexDef index) {
        if (session == null) {
            return null;
        }
        return byIndex.computeIfAbsent(index.oid(), k -> analyze(relation, index));
    }

    private Analyzed analyze(Relation relation, IndexDef index) {
        Analyzer analyzer = Analyzer.overRow(session, relation, new RowSlot(relation.name()));
        try {
            List<Expression> keys = new ArrayList<>();
            int e = 0;
            for (int attnum : index.columns()) {
                keys.add(attnum != 0 ? null : PredicateProof.comparable(
                        analyzer.transform(Parser.parseExpression(index.expressions().get(e++)))));
            }
            List<Expression> predicate = new ArrayList<>();
            if (index.predicate() != null) {
                Expressions.conjuncts(PredicateProof.comparable(analyzer.transformCondition(
                        Parser.parseExpression(index.predicate()), "WHERE")), predicate);
            }
            return new Analyzed(keys, predicate);
        } catch (RuntimeException e) {
            return null; // a definition that no longer analyzes: the index is not used
        }
    }
}

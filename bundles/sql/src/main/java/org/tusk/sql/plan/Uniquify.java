package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.exec.Distinct;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.exec.Sort;
import org.tusk.sql.exec.SortKey;

/**
 * The inner side of a semi join made unique on its join keys (create_unique_path), so that the semi
 * join can be done as an inner join in either direction: hashed (a HashAggregate over the keys) when
 * the distinct keys fit in work_mem, or sorted and then deduplicated (Unique over Sort), whichever
 * costs less.
 */
final class Uniquify {

    private Uniquify() {
    }

    static PlanNode of(PlanNode input, List<Expression> keys, Costs costs) {
        double groups = Selectivity.groups(keys, input);
        List<SortKey> sortKeys = new ArrayList<>();
        for (Expression k : keys) {
            sortKeys.add(new SortKey(k, false, false));
        }
        Sort sort = new Sort(input, sortKeys);
        costs.sort(sort, input);
        Distinct sorted = new Distinct(sort, keys, true);
        sorted.rows = groups;
        sorted.width = input.width;
        sorted.startupCost = sort.startupCost;
        sorted.totalCost = sort.totalCost + costs.cpuOperatorCost * input.rows * keys.size();

        // cost_agg for AGG_HASHED: each input row's keys hashed, each group returned
        double entryBytes = input.width + 24 + 16;
        if (entryBytes * groups > costs.workMem) {
            return sorted;
        }
        Distinct hashed = new Distinct(input, keys, false);
        hashed.rows = groups;
        hashed.width = input.width;
        hashed.startupCost = input.totalCost + costs.cpuOperatorCost * keys.size() * input.rows;
        hashed.totalCost = hashed.startupCost + costs.cpuTupleCost * groups;
        return hashed.totalCost < sorted.totalCost ? hashed : sorted;
    }
}

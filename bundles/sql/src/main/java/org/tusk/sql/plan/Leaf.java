package org.tusk.sql.plan;

import org.tusk.sql.exec.PlanNode;

/**
 * One input of a join search: a scan, a subquery, a function, or an outer join built already.
 * {@code lateral} ones read rows of other leaves and must be the inner side of a nested loop, run
 * again for each outer row.
 */
record Leaf(PlanNode node, boolean lateral) {
}

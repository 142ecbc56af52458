/**
 * The executor: plan nodes as Volcano iterators (PostgreSQL's executor/node*.c). A node returns rows
 * one at a time; a row is one value array per {@link org.tusk.sql.eval.RowSlot} the node covers, and
 * {@link org.tusk.sql.exec.PlanNode#next} stores those arrays in the slots before the node's filter and
 * its parent's expressions read them through {@link org.tusk.sql.eval.Expression.Var}s. Nodes are
 * built by the planner ({@code org.tusk.sql.plan}) and reused across executions of a prepared
 * statement: everything that belongs to one execution is set up again by {@code open}.
 */
package org.tusk.sql.exec;

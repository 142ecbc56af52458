/**
 * The planner: how a query's relations are read and combined. {@link org.tusk.sql.plan.IndexPaths}
 * matches the conditions of a WHERE clause against a table's B-tree indexes (PostgreSQL's indxpath.c
 * reduced to single-table restriction clauses), for SELECT's base relations and for the rows an UPDATE
 * or DELETE changes.
 */
package org.tusk.sql.plan;

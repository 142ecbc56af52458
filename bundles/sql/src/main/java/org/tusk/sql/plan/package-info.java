/**
 * The planner: parse analysis of queries (range tables, scopes, aggregates, subqueries, set
 * operations) fused with planning (push-down of conditions to scans, PostgreSQL's cost model choosing
 * scans, join methods and the join order), producing executor nodes of {@code org.tusk.sql.exec}.
 * PostgreSQL keeps the two apart (parser/analyze.c, optimizer/); here one pass suffices because the
 * only rewriting between them would be view expansion, done by planning the view's query in place.
 */
package org.tusk.sql.plan;

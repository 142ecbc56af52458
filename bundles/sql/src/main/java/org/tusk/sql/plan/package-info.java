/**
 * The planner: parse analysis of queries (range tables, scopes, aggregates, subqueries, set
 * operations) fused with planning (push-down of conditions to scans, PostgreSQL's cost model choosing
 * scans, join methods and the join order), producing executor nodes of {@code org.tusk.sql.exec}.
 * PostgreSQL keeps the two apart (parser/analyze.c, optimizer/); here one pass suffices because the
 * only rewriting between them would be view expansion, done by planning the view's query in place.
 * Before a level's join search, its WHERE sublinks are pulled up into semi and anti joins
 * ({@code SublinkPullUp}), its equalities merged into equivalence classes
 * ({@code EquivalenceClasses}) and its explicit JOINs grouped by the collapse limits
 * ({@code CollapseLimits}), as PostgreSQL's prep and initsplan steps do.
 */
package org.tusk.sql.plan;

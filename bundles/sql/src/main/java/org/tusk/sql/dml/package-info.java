/**
 * INSERT, UPDATE and DELETE over stored tables (PostgreSQL's nodeModifyTable.c, execMain.c's
 * ExecConstraints, execIndexing.c and the referential-integrity triggers of ri_triggers.c, reduced to
 * what a single-table statement needs): analysis of the target relation and its column assignments,
 * the rows to change found through an index ({@link org.tusk.sql.plan.IndexPaths}) or a sequential
 * scan, NOT NULL / CHECK / UNIQUE / FOREIGN KEY enforcement with PostgreSQL's messages, index
 * maintenance after each new row version, and RETURNING. A statement naming an automatically updatable view
 * is rewritten onto the table underneath at analysis ({@link org.tusk.sql.dml.UpdatableView}).
 *
 * <p>The storage session and catalog come from the caller ({@link org.tusk.sql.dml.DmlEnv}); the
 * executors never begin or end transactions.
 */
package org.tusk.sql.dml;

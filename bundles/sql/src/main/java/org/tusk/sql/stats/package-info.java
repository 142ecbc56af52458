/**
 * ANALYZE's statistics, as PostgreSQL's commands/analyze.c computes them: a random sample of a
 * table's rows (300 x default_statistics_target, all rows of a smaller table), then per column the
 * null fraction, the average stored width, the number of distinct values (exact when every value
 * repeats, else Haas and Stokes' Duj1 estimator), the most common values with their frequencies,
 * an equi-depth histogram of the other values, and the correlation between physical and sorted
 * order. They are written to pg_statistic and read back for the planner
 * ({@link org.tusk.sql.schema.ColumnStats}). Kept apart from the DDL code because the computation is
 * pure (a sample in, numbers out) and so testable without storage, and because the planner's side
 * (reading pg_statistic back) shares the row format with the writing side.
 */
package org.tusk.sql.stats;

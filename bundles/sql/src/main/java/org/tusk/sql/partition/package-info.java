/**
 * Declarative partitioning (PostgreSQL's partitioning/partbounds.c, execPartition.c, partprune.c): a
 * partitioned table's key and its partitions' bounds read from the catalogs as comparable values
 * ({@link org.tusk.sql.partition.PartitionScheme}), which DDL uses to refuse overlapping partitions, DML to
 * route a new row to its partition and to check a row stored into a partition directly, and the planner
 * to leave out partitions that a query's constant conditions cannot match.
 */
package org.tusk.sql.partition;

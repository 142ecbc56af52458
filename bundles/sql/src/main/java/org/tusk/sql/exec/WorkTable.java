package org.tusk.sql.exec;

/**
 * The rows a recursive query's previous step produced (PostgreSQL's working table): {@link RecursiveUnion}
 * fills it before each run of the recursive term, whose {@link WorkTableScan} reads it. One per recursive
 * WITH query in a plan; it lives only while that plan runs. The rows are in a {@link TupleStore}, so a
 * step of any size costs at most work_mem of heap.
 */
public final class WorkTable {
    /** The previous step's rows (each the query's value array); null before the plan first runs. */
    TupleStore rows;

    /** The number of rows of the previous step. */
    long size() {
        return rows == null ? 0 : rows.size();
    }

    /** Row {@code i} of the previous step. */
    Object[] get(long i) {
        return (Object[]) rows.get(i);
    }
}

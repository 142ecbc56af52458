package org.tusk.sql.exec;

import java.util.List;

/**
 * The rows a recursive query's previous step produced (PostgreSQL's working table): {@link RecursiveUnion}
 * fills it before each run of the recursive term, whose {@link WorkTableScan} reads it. One per recursive
 * WITH query in a plan; it lives only while that plan runs.
 */
public final class WorkTable {
    List<Object[]> rows = List.of();
}

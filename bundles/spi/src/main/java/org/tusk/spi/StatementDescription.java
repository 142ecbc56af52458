package org.tusk.spi;

import java.util.List;

import org.tusk.protocol.ColumnDescription;

/**
 * What a prepared statement takes and returns: the type OIDs of its parameters (as declared by Parse
 * or inferred from context) and its result columns, {@code null} when it returns no rows (the
 * protocol's NoData). Columns are described in text format; the backend sets the format codes.
 */
public record StatementDescription(int[] parameterTypes, List<ColumnDescription> columns) {
}

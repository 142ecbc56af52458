/**
 * The storage access API: what the SQL engine uses to store and find rows, with pages, buffers, WAL,
 * locks and visibility kept inside the storage bundle (PostgreSQL's table and index access method
 * interfaces plus xact.c's entry points, reduced to what an executor calls).
 *
 * <p>The entry point is the {@link org.tusk.storage.access.StorageAccess} service; a backend opens one
 * {@link org.tusk.storage.access.StorageSession} for its lifetime and reaches tables and indexes through
 * it. Values cross this seam as plain Java objects, one class per type (see
 * {@link org.tusk.storage.access.ColumnType}); rows as {@code Object[]} in column order, SQL NULL as
 * {@code null}.
 */
@Export
@Version("0.1.0")
package org.tusk.storage.access;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

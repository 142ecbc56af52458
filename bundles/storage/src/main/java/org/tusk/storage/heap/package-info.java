/**
 * Heap tuples and heap pages: tuple descriptors and PostgreSQL's tuple format (header with 64-bit
 * xmin/xmax, null bitmap, aligned attribute data, varlena headers), encoding rows of Java values and
 * decoding them back, the page-level part of insert/delete/update/lock and pruning, and the MVCC
 * visibility rules with hint bits.
 *
 * <p>Pure code over page bytes, like {@code org.tusk.storage.page}: the heap access method (buffer
 * pins and locks, WAL, free space map, TOAST) is built on it; the TOAST formats (compressed inline
 * values, external pointers) are here, the toaster in the engine. See README.md next to this file.
 */
package org.tusk.storage.heap;

/**
 * The write-ahead log: record format, insertion into shared WAL buffers by many processes at once,
 * writing and flushing with group commit, the WAL writer, checkpoints, segment files, and reading
 * the log back. Every structure processes share is in the shared-memory segment. See README.md.
 */
package org.tusk.storage.wal;

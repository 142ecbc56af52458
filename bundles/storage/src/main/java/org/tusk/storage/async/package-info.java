/**
 * LISTEN/NOTIFY's queue in shared memory (PostgreSQL's async.c): a ring of notifications that every
 * backend, thread or process, reaches through the segment, with per-backend read positions and futex
 * wake words so that an idle backend learns of a notification at once. Private to the bundle; the
 * backend uses it through {@code org.tusk.spi.NotificationQueue}. See README.md beside this file.
 */
package org.tusk.storage.async;

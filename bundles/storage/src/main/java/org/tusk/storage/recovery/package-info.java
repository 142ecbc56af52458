/**
 * Crash recovery: read the control file, replay the WAL from the latest checkpoint's redo point
 * through the registered resource managers, stop at the first invalid record, continue the log
 * there. Page redo is idempotent by page LSN, and full-page images repair torn pages. See README.md.
 */
package org.tusk.storage.recovery;

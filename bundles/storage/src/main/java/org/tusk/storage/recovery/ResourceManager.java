package org.tusk.storage.recovery;

import org.tusk.storage.wal.WalRecord;

/**
 * Replays the records of one resource manager (PostgreSQL's RmgrData: rm_name, rm_redo). Each
 * access method registers one under its id ({@link org.tusk.storage.wal.RmgrIds}). Redo must be
 * idempotent: a record may be replayed onto a page that already has it (the page was written out
 * after the change but before the crash), which {@link RedoContext#redoBlock} detects by page LSN.
 */
public interface ResourceManager {

    int id();

    String name();

    void redo(WalRecord record, RedoContext context);
}

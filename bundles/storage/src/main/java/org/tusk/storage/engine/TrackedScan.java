package org.tusk.storage.engine;

import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;

/**
 * A scan its session counts as open until it is closed or has returned its last row: while any scan
 * of the transaction is open, a new READ COMMITTED statement snapshot does not move the backend's
 * xmin forward, so pruning (which only removes what is older than every backend's xmin) keeps the
 * versions the older scan's snapshot can still see. A scan still open at the end of its transaction
 * counts no more.
 */
final class TrackedScan implements RowScan {

    private final AccessSession session;
    private final RowScan scan;
    private final long transaction;
    private boolean done;

    TrackedScan(AccessSession session, RowScan scan) {
        this.session = session;
        this.scan = scan;
        this.transaction = session.scanOpened();
    }

    @Override
    public Row next() {
        if (done) {
            return null;
        }
        Row row = session.call(scan::next); // errors translated, the transaction marked failed
        if (row == null) {
            finish();
        }
        return row;
    }

    @Override
    public void close() {
        try {
            scan.close();
        } finally {
            finish();
        }
    }

    private void finish() {
        if (!done) {
            done = true;
            session.scanClosed(transaction);
        }
    }
}

package org.tusk.sql.dml;

import java.util.ArrayList;
import java.util.List;

import org.tusk.storage.access.StorageSession;

/**
 * The one command that a statement with data-modifying WITH queries is (PostgreSQL 7.8.4): the
 * INSERT, UPDATE and DELETE in its WITH clause and its main query all run with the statement's
 * snapshot and write with its command id, so none sees what another changed in the tables (only
 * RETURNING passes rows on), and a row that two of them change is changed by the first only: for the
 * second it is "updated by this command" and skipped, as heap_update's TM_SelfModified is in
 * ExecUpdate and ExecDelete.
 *
 * <p>In PostgreSQL that falls out of the command counter: nothing calls CommandCounterIncrement
 * between the parts of one statement. A dml statement run here alone ends with one (so the
 * transaction's next command sees its rows); run as a part of such a statement (its {@link DmlEnv}
 * carries this object) it does not, and its foreign key checks, which need the rows of every part
 * (a WITH query may insert the referenced row the main query references), wait for the statement's
 * end as PostgreSQL's AFTER trigger queue does: {@link #finish} makes every part's rows visible, then
 * runs them.
 */
public final class SharedCommand {
    /**
     * The AFTER events of the parts that ran (foreign key checks, DEFERRABLE unique rechecks, AFTER ROW and
     * AFTER STATEMENT triggers), waiting for the end of the statement in the order they were queued.
     */
    private final List<Runnable> atEnd = new ArrayList<>();

    /** Keeps a check or a part's AFTER triggers for the end of the statement. */
    void defer(Runnable check) {
        atEnd.add(check);
    }

    /**
     * The statement has run every part: what they wrote becomes visible (CommandCounterIncrement), then
     * the deferred checks run, in the order their parts ran.
     */
    public void finish(StorageSession storage) {
        storage.commandCounterIncrement();
        try {
            // In the order queued: each part's checks, then its AFTER triggers, part after part.
            for (int i = 0; i < atEnd.size(); i++) {
                atEnd.get(i).run();
            }
        } finally {
            atEnd.clear();
        }
    }

    /** Forgets the checks of an execution that failed before its end (the next one starts clean). */
    public void reset() {
        atEnd.clear();
    }
}

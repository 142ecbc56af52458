package org.tusk.storage.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.tusk.storage.common.RelFileLocator;

/**
 * The relation files a transaction created or dropped, to be removed when it ends (PostgreSQL's
 * pendingDeletes list in storage.c): a created relation is removed if the transaction (or the
 * subtransaction that created it) aborts, a dropped one when the transaction commits. Each entry
 * remembers the nesting level that made it, so that ROLLBACK TO SAVEPOINT undoes exactly the entries
 * made inside the savepoint and RELEASE hands them to the parent.
 *
 * <p>One per backend, used by its thread only.
 */
final class PendingRelations {

    private record Entry(RelFileLocator locator, boolean atCommit, int level) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** A relation created at nesting level {@code level}: removed if that level aborts. */
    void created(RelFileLocator locator, int level) {
        entries.add(new Entry(locator, false, level));
    }

    /** A relation dropped at nesting level {@code level}: removed when the transaction commits. */
    void dropped(RelFileLocator locator, int level) {
        entries.add(new Entry(locator, true, level));
    }

    /** Whether the current transaction already dropped the relation. */
    boolean isDropped(RelFileLocator locator) {
        return entries.stream().anyMatch(e -> e.atCommit && e.locator.equals(locator));
    }

    /**
     * The files to remove because the transaction committed (its drops; a relation both created and
     * dropped in it is among them); the list is emptied.
     */
    List<RelFileLocator> commit() {
        return take(true, 1);
    }

    /** The files to remove because the transaction aborted (its creations); the list is emptied. */
    List<RelFileLocator> abort() {
        return take(false, 1);
    }

    /**
     * ROLLBACK TO a savepoint whose level is {@code level}: the creations made at that level or deeper
     * are returned for removal, the drops made there forgotten.
     */
    List<RelFileLocator> abortFrom(int level) {
        return take(false, level);
    }

    /** RELEASE of a savepoint: its entries (levels deeper than {@code parentLevel}) now belong to the parent. */
    void releaseTo(int parentLevel) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.level > parentLevel) {
                entries.set(i, new Entry(e.locator, e.atCommit, parentLevel));
            }
        }
    }

    /** Removes the entries of {@code level} and deeper; returns the locators of those whose kind is {@code atCommit}. */
    private List<RelFileLocator> take(boolean atCommit, int level) {
        List<RelFileLocator> remove = new ArrayList<>();
        for (Iterator<Entry> it = entries.iterator(); it.hasNext();) {
            Entry e = it.next();
            if (e.level >= level) {
                if (e.atCommit == atCommit && !remove.contains(e.locator)) {
                    remove.add(e.locator);
                }
                it.remove();
            }
        }
        return remove;
    }
}

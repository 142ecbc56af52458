package org.tusk.storage.engine;

import java.util.ArrayList;
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

    /**
     * Whether the relation file was created at nesting level {@code level} (by CREATE TABLE or by a
     * TRUNCATE's new file) and not dropped since: PostgreSQL's rd_createSubid/rd_newRelfilenodeSubid
     * test, which lets COPY FREEZE insert rows that need no commit-log lookup, since the file goes
     * with them if that level aborts. A RELEASEd savepoint's creations count for its parent.
     */
    boolean createdAt(RelFileLocator locator, int level) {
        boolean created = false;
        for (Entry e : entries) {
            if (e.locator.equals(locator)) {
                if (e.atCommit) {
                    return false;
                }
                created |= e.level == level;
            }
        }
        return created;
    }

    /** Whether the current transaction already dropped the relation. */
    boolean isDropped(RelFileLocator locator) {
        return entries.stream().anyMatch(e -> e.atCommit && e.locator.equals(locator));
    }

    /**
     * The files to remove if the transaction commits (its drops; a relation both created and dropped
     * in it is among them).
     */
    List<RelFileLocator> atCommit() {
        return select(true, 1);
    }

    /** The files to remove if the transaction aborts (its creations). */
    List<RelFileLocator> atAbort() {
        return select(false, 1);
    }

    /** The files to remove on ROLLBACK TO a savepoint of level {@code level}: creations at that level or deeper. */
    List<RelFileLocator> atAbortFrom(int level) {
        return select(false, level);
    }

    /** The transaction ended: nothing is pending any more. */
    void clear() {
        entries.clear();
    }

    /** ROLLBACK TO a savepoint of level {@code level}: what was done at that level or deeper is forgotten. */
    void forgetFrom(int level) {
        entries.removeIf(e -> e.level >= level);
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

    private List<RelFileLocator> select(boolean atCommit, int level) {
        List<RelFileLocator> selected = new ArrayList<>();
        for (Entry e : entries) {
            if (e.level >= level && e.atCommit == atCommit && !selected.contains(e.locator)) {
                selected.add(e.locator);
            }
        }
        return selected;
    }
}

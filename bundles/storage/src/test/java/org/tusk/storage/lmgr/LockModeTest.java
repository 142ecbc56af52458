package org.tusk.storage.lmgr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The modes' conflict table against the one printed in PostgreSQL's documentation (table 13.2). */
class LockModeTest {

    /**
     * Rows: requested mode; columns: existing mode, both in the order ACCESS SHARE .. ACCESS EXCLUSIVE.
     * 'X' = conflict. Copied from the documentation's table, not derived from the code.
     */
    static final String[] DOCUMENTED = {
        ".......X", // ACCESS SHARE
        "......XX", // ROW SHARE
        "....XXXX", // ROW EXCLUSIVE
        "...XXXXX", // SHARE UPDATE EXCLUSIVE
        "..XX.XXX", // SHARE
        "..XXXXXX", // SHARE ROW EXCLUSIVE
        ".XXXXXXX", // EXCLUSIVE
        "XXXXXXXX", // ACCESS EXCLUSIVE
    };

    static boolean documentedConflict(LockMode requested, LockMode existing) {
        return DOCUMENTED[requested.ordinal()].charAt(existing.ordinal()) == 'X';
    }

    @Test
    void conflictTableIsPostgresqls() {
        for (LockMode requested : LockMode.values()) {
            for (LockMode existing : LockMode.values()) {
                assertEquals(documentedConflict(requested, existing), requested.conflictsWith(existing),
                        requested + " vs " + existing);
                assertEquals(requested.conflictsWith(existing), existing.conflictsWith(requested), "symmetric");
            }
        }
    }

    @Test
    void namesAreThoseOfPostgresql() {
        assertEquals(List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock",
                "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"),
                List.of(LockMode.values()).stream().map(LockMode::pgName).toList());
        assertEquals("SHARE UPDATE EXCLUSIVE", LockMode.SHARE_UPDATE_EXCLUSIVE.sqlName());
        assertEquals("RowShareLock,ExclusiveLock", LockMode.namesOf(LockMode.ROW_SHARE.bit() | LockMode.EXCLUSIVE.bit()));
    }
}

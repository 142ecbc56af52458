package org.tusk.storage.access;

/**
 * PostgreSQL's eight table lock modes, weakest first, with its conflict table: what LOCK TABLE takes and
 * what each statement takes implicitly (SELECT ACCESS SHARE, INSERT/UPDATE/DELETE ROW EXCLUSIVE, CREATE
 * INDEX SHARE, VACUUM SHARE UPDATE EXCLUSIVE, DROP/TRUNCATE/most ALTER TABLE ACCESS EXCLUSIVE).
 */
public enum RelationLockMode {
    ACCESS_SHARE,
    ROW_SHARE,
    ROW_EXCLUSIVE,
    SHARE_UPDATE_EXCLUSIVE,
    SHARE,
    SHARE_ROW_EXCLUSIVE,
    EXCLUSIVE,
    ACCESS_EXCLUSIVE
}

package org.tusk.storage.access;

/** Row-level lock strengths, as SELECT ... FOR KEY SHARE / SHARE / NO KEY UPDATE / UPDATE take them. */
public enum RowLockMode {
    KEY_SHARE,
    SHARE,
    NO_KEY_UPDATE,
    UPDATE
}

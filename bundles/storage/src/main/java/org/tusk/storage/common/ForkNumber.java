package org.tusk.storage.common;

/** The forks of a relation, each its own series of files; the suffix is PostgreSQL's. */
public enum ForkNumber {
    MAIN(""),
    FREE_SPACE("_fsm"),
    VISIBILITY("_vm"),
    INIT("_init");

    private final String suffix;

    ForkNumber(String suffix) {
        this.suffix = suffix;
    }

    /** What is appended to the relation file's number: {@code 16384_fsm}. */
    public String suffix() {
        return suffix;
    }
}

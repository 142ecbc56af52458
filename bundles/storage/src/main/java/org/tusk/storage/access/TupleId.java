package org.tusk.storage.access;

/** A row version's address in its table: block number and line pointer (PostgreSQL's ctid, 1-based offset). */
public record TupleId(int block, int offset) {

    /** The ctid text form, {@code (block,offset)}. */
    @Override
    public String toString() {
        return "(" + Integer.toUnsignedString(block) + "," + offset + ")";
    }
}

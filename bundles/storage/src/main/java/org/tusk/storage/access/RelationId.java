package org.tusk.storage.access;

/**
 * Where a relation's files are: {@code base/<database>/<fileNumber>}, or {@code global/<fileNumber>}
 * for a shared relation ({@code database} 0). This is pg_class.relfilenode, not the relation's OID:
 * TRUNCATE gives a relation a new file number and keeps its OID.
 */
public record RelationId(int database, int fileNumber) {

    /** The database of shared catalogs (pg_database, pg_authid, ...), stored under {@code global/}. */
    public static final int SHARED = 0;

    public RelationId {
        if (fileNumber == 0) {
            throw new IllegalArgumentException("file number 0 is invalid");
        }
    }
}

/**
 * The control file, {@code global/pg_control}: system identifier, cluster state, latest checkpoint
 * location and its redo point, next xid and OID. Recovery starts from it; every checkpoint and every
 * state change rewrites it in place, atomically because the data fits in one disk sector. See
 * README.md.
 */
package org.tusk.storage.control;

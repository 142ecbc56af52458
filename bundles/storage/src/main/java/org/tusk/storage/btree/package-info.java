/**
 * B-tree pages after PostgreSQL's nbtree (Lehman and Yao): the special space with sibling links,
 * level and flags, high keys, index tuples with heap TIDs as a tiebreaker key, pivots with downlinks,
 * per-type comparators, binary search within a page and page splits.
 *
 * <p>Pure code over page bytes, and the metapage's format: the tree itself (descent, locking and
 * right-link chases, WAL, unique checks, scans) is {@code org.tusk.storage.engine.BTreeIndex}. See
 * README.md next to this file.
 */
package org.tusk.storage.btree;

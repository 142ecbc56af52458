/**
 * B-tree pages after PostgreSQL's nbtree (Lehman and Yao): the special space with sibling links,
 * level and flags, high keys, index tuples with heap TIDs as a tiebreaker key, pivots with downlinks,
 * per-type comparators, binary search within a page and page splits.
 *
 * <p>Pure code over page bytes: the tree itself (metapage, descent, locking and right-link chases,
 * WAL, vacuum) is to be built on it. See README.md next to this file.
 */
package org.tusk.storage.btree;

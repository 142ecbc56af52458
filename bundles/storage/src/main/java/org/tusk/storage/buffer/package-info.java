/**
 * The shared buffer manager: a pool of 8 kB page frames in the shared-memory segment, with descriptors
 * (pin count, usage count, flags, tag, content and I/O locks in shared words), a partitioned mapping
 * table from block to buffer, clock-sweep replacement, WAL-before-data on every write, and the
 * background writer. Backends may be threads or separate processes: nothing shared lives in the Java
 * heap. See README.md in this directory for the design, the locking rules and their order.
 */
package org.tusk.storage.buffer;

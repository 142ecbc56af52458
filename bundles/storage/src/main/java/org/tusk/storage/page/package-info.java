/**
 * The generic slotted page (PostgreSQL's bufpage.c): header, line pointers growing up, items growing
 * down, special space at the end; adding, reading, killing and removing items; defragmentation that
 * keeps line pointer numbers; validation and checksums of pages read from disk.
 *
 * <p>Every relation fork (heap, B-tree, later FSM and VM) is an array of these pages, and every page
 * is a {@link java.lang.foreign.MemorySegment} of {@code BLOCK_SIZE} bytes: a buffer in shared memory
 * or a private copy. The code here is pure (no I/O, buffer manager, locks or WAL), so access methods
 * and WAL redo share it and tests run on plain arrays. See README.md next to this file.
 */
package org.tusk.storage.page;

/**
 * The storage engine: the subsystems of this bundle (shared memory, buffers, WAL, recovery, commit
 * log, lock manager, heap pages) put together into one working whole. {@link
 * org.tusk.storage.engine.StorageEngine} sizes and initializes the segment (or attaches to it from
 * another process), bootstraps a new data directory, runs crash recovery with the Heap, Transaction
 * and Storage resource managers, and runs the checkpointer, WAL writer and background writer;
 * {@link org.tusk.storage.engine.Session} is one backend's transactions and locks, and
 * {@link org.tusk.storage.engine.HeapAccess} its heap access method; {@link
 * org.tusk.storage.engine.AccessSession} serves the exported access API ({@code org.tusk.storage.access})
 * over them, which is what the SQL engine uses.
 * The startup sequence, the process model and the crash-recovery story are in README.md.
 */
package org.tusk.storage.engine;

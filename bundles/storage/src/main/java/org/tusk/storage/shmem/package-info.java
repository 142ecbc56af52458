/**
 * Shared memory for a process-per-connection server: the segment every backend maps, its directory
 * of named structures, and the two lock kinds that protect what is inside it.
 *
 * <h2>Role</h2>
 * Backends may be OS processes of their own, so anything they must see together (buffer pool, lock
 * tables, backend slots, WAL insertion state) has to live in memory they all map, not in the Java
 * heap. {@link org.tusk.storage.shmem.SharedMemory} is that segment; this package holds no state of its
 * own outside it. Every object here is a per-process <em>view</em> of bytes in the mapping.
 *
 * <h2>Locks</h2>
 * <ul>
 * <li>{@link org.tusk.storage.shmem.SpinLock}: a 4-byte word, CAS 0 to 1; bounded spinning, then
 *     randomized short parks. For a few instructions, never across I/O or another lock.</li>
 * <li>{@link org.tusk.storage.shmem.LWLock}: a 4-byte word holding an exclusive bit (1 &lt;&lt; 24),
 *     a shared-holder count (low 24 bits) and a has-waiters flag (1 &lt;&lt; 30). Waiters sleep on a
 *     futex on that very word.</li>
 * </ul>
 *
 * <h2>Why futexes</h2>
 * Java's monitors and {@code LockSupport} only work between threads of one JVM. Between processes the
 * choices are polling (sleep and look again: 80-200 us of latency and twice the CPU, measured) or a
 * kernel wait queue keyed by the shared word: a futex, about 16 us to wake and no CPU while asleep.
 * It is used without {@code FUTEX_PRIVATE_FLAG}, since private futexes are keyed per address space.
 *
 * <h2>Rules</h2>
 * Lock words are 4-byte aligned ints (atomic access and futexes need natural alignment); structures
 * start on 64-byte boundaries so unrelated hot words do not share a cache line. Lock waits must run on
 * platform threads (a futex wait pins a virtual thread's carrier). The JVM needs
 * {@code --enable-native-access} for this module (or ALL-UNNAMED) or it warns on the first futex call.
 *
 * <p>The package is private to the bundle until another bundle needs it; the buffer manager, lock
 * manager and WAL will live next to it in this bundle. See the bundle's README for what is missing.
 */
package org.tusk.storage.shmem;

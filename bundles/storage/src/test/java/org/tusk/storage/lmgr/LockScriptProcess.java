package org.tusk.storage.lmgr;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.tusk.storage.shmem.SharedMemory;

/**
 * The child side of {@link CrossProcessLockManagerTest}: a separate JVM that attaches the segment and
 * the lock tables, becomes backend PROC, and runs a small script of steps given as arguments.
 *
 * <p>Usage: {@code LockScriptProcess SEGMENT MAX_PROCS MAX_LOCKS PROC PID DEADLOCK_TIMEOUT_MS STEP...}
 * where a step is one of
 * <ul>
 * <li>{@code lock:REL:MODE:FLAG}: acquire relation REL of database 5 in MODE (a {@link LockMode} name)
 *     and set test flag FLAG to 1 on success, 2 if chosen as a deadlock victim (40P01), 3 if the wait
 *     was cancelled (57014);</li>
 * <li>{@code set:FLAG:VALUE}, {@code await:FLAG:VALUE}: write a flag, or wait until it has a value;</li>
 * <li>{@code releaseAll}.</li>
 * </ul>
 * Flags are ints in the segment's "lmgr test flags" structure. Exit status 0 when the script ran,
 * 3 when an await gave up, 1 on any other error.
 */
public final class LockScriptProcess {

    static final String FLAGS = "lmgr test flags";
    static final int FLAG_COUNT = 16;
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private LockScriptProcess() {
    }

    public static void main(String[] args) {
        try (SharedMemory shm = SharedMemory.attach(Path.of(args[0]))) {
            LockManager manager = LockManager.attach(shm,
                    new LockSettings(Integer.parseInt(args[1]), Integer.parseInt(args[2])));
            MemorySegment flags = shm.lookup(FLAGS);
            BackendLocks me = manager.backend(Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Duration.ofMillis(Long.parseLong(args[5])));
            for (int i = 6; i < args.length; i++) {
                String[] step = args[i].split(":");
                switch (step[0]) {
                    case "lock" -> {
                        int flag = Integer.parseInt(step[3]);
                        try {
                            me.acquire(LockFixture.rel(Integer.parseInt(step[1])), LockMode.valueOf(step[2]));
                            set(flags, flag, 1);
                        } catch (LockException e) {
                            System.out.println(e.sqlState() + " " + e.getMessage() + "\n" + e.detail());
                            switch (e.sqlState()) {
                                case LockException.DEADLOCK_DETECTED -> set(flags, flag, 2);
                                case LockException.QUERY_CANCELED -> set(flags, flag, 3);
                                default -> throw e;
                            }
                        }
                    }
                    case "set" -> set(flags, Integer.parseInt(step[1]), Integer.parseInt(step[2]));
                    case "await" -> {
                        if (!await(flags, Integer.parseInt(step[1]), Integer.parseInt(step[2]))) {
                            System.exit(3);
                        }
                    }
                    case "releaseAll" -> me.releaseAll();
                    default -> throw new IllegalArgumentException("unknown step " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }

    static void set(MemorySegment flags, int flag, int value) {
        INT.setVolatile(flags, 4L * flag, value);
    }

    static int get(MemorySegment flags, int flag) {
        return (int) INT.getVolatile(flags, 4L * flag);
    }

    /** Polls (tests only) until the flag has the value; false after 30 s. */
    static boolean await(MemorySegment flags, int flag, int value) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (get(flags, flag) != value) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(200_000);
        }
        return true;
    }
}

package org.tusk.storage.lmgr;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * A futex wait with a timeout, and the matching wake, on a proc's wait word in shared memory.
 *
 * <p>The shared-memory package's futex helper waits without a timeout, which is right for LWLocks but
 * not for a heavyweight lock wait: the waiter must wake after deadlock_timeout to run the deadlock
 * detector (PostgreSQL arms a timer that sets a latch; here the sleep itself is bounded). This is the
 * same {@code syscall(SYS_futex, ...)} binding (not private, so other processes' wakes reach it)
 * plus a relative {@code struct timespec}. It is kept here rather than changing the shared helper;
 * the two could merge later.
 */
final class WaitFutex {

    private static final long FUTEX_WAIT = 0;
    private static final long FUTEX_WAKE = 1;

    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int ETIMEDOUT = 110;

    private WaitFutex() {
    }

    /**
     * Sleeps while the int at {@code segment[offset]} equals {@code expected}, at most {@code nanos}
     * (which must be positive). Returns on a wake, a timeout, a signal or a changed word: callers
     * always look at the word again and at the clock.
     */
    static void await(MemorySegment segment, long offset, int expected, long nanos) {
        long address = address(segment, offset);
        MemorySegment timeout = Native.TIMESPEC.get();
        timeout.set(ValueLayout.JAVA_LONG, 0, nanos / 1_000_000_000L);
        timeout.set(ValueLayout.JAVA_LONG, 8, nanos % 1_000_000_000L);
        long result = Native.call(address, FUTEX_WAIT, expected, timeout.address());
        if (result < 0) {
            int errno = Native.errno();
            if (errno != EAGAIN && errno != EINTR && errno != ETIMEDOUT) {
                throw new IllegalStateException("futex wait failed, errno " + errno);
            }
        }
    }

    /** Wakes every waiter on the word (there is at most one: the proc that owns it). */
    static void wake(MemorySegment segment, long offset) {
        long result = Native.call(address(segment, offset), FUTEX_WAKE, Integer.MAX_VALUE, 0L);
        if (result < 0) {
            throw new IllegalStateException("futex wake failed, errno " + Native.errno());
        }
    }

    private static long address(MemorySegment segment, long offset) {
        if (!segment.isNative()) {
            throw new IllegalArgumentException("a futex needs native (mapped) memory");
        }
        long address = segment.address() + offset;
        if ((address & 3) != 0 || offset < 0 || offset + 4 > segment.byteSize()) {
            throw new IllegalArgumentException("futex word must be an aligned int inside the segment");
        }
        return address;
    }

    /** The downcall handle, bound on first use, and per-thread errno and timespec buffers. */
    private static final class Native {
        private static final long SYS_FUTEX = syscallNumber();
        private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
        private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        private static final MethodHandle SYSCALL = bind();
        private static final ThreadLocal<MemorySegment> STATE =
                ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE));
        /** struct timespec { long tv_sec; long tv_nsec; } on 64-bit Linux. */
        static final ThreadLocal<MemorySegment> TIMESPEC =
                ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(16, 8));

        private static long syscallNumber() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (!os.contains("linux")) {
                throw new UnsupportedOperationException("futexes need Linux, not " + os);
            }
            return switch (System.getProperty("os.arch", "")) {
                case "amd64", "x86_64" -> 202;
                case "aarch64", "riscv64" -> 98;
                default -> throw new UnsupportedOperationException(
                        "SYS_futex unknown on " + System.getProperty("os.arch"));
            };
        }

        @SuppressWarnings("restricted") // downcallHandle: syscall(2) only touches the futex word and timespec we pass
        private static MethodHandle bind() {
            Linker linker = Linker.nativeLinker();
            MemorySegment syscall = linker.defaultLookup().find("syscall")
                    .orElseThrow(() -> new UnsupportedOperationException("no syscall(2) in libc"));
            ValueLayout.OfLong l = ValueLayout.JAVA_LONG;
            // long syscall(long number, ...): uaddr, op, val, timeout, uaddr2, val3, all as longs.
            return linker.downcallHandle(syscall, FunctionDescriptor.of(l, l, l, l, l, l, l, l),
                    Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
        }

        static long call(long address, long op, long value, long timeout) {
            try {
                return (long) SYSCALL.invokeExact(STATE.get(), SYS_FUTEX, address, op, value, timeout, 0L, 0L);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        static int errno() {
            return (int) ERRNO.get(STATE.get(), 0L);
        }
    }
}

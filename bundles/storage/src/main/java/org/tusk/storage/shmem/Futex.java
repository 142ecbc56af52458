package org.tusk.storage.shmem;

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
 * Linux futexes on a 32-bit word of a shared mapping, through {@code syscall(SYS_futex, ...)}.
 *
 * <p>The operations are used WITHOUT {@code FUTEX_PRIVATE_FLAG}: a private futex is keyed by the
 * waiter's address space, so a wake from another process would never find it. A shared futex is keyed
 * by the mapped file's inode and offset, which is what two backends mapping the same segment have in
 * common.
 *
 * <p>{@code syscall} is variadic: the handle is linked with {@code firstVariadicArg(1)} and every
 * argument after the number is passed as a {@code long} (the kernel reads the low 32 bits where it
 * expects an int). The handle is bound lazily, once, on first use (a holder class): linking costs
 * tens of milliseconds in a fresh JVM, and processes that never contend never pay it.
 *
 * <p>A wait blocks the calling OS thread in the kernel. A virtual thread must not do that: it would
 * pin its carrier, and with as many waiters as carriers the thread that would wake them never runs
 * (backends launched as virtual threads hung that way under row-lock contention). A virtual thread
 * therefore polls the word instead, parking between looks for a time that grows from 20 microseconds
 * to a millisecond; it unmounts while parked, and a wake from any process is seen at the next look
 * because the word itself changes before every wake.
 *
 * <p>Public for the other storage subsystems of this bundle (the package is not exported): the lock
 * manager's proc wait words and the buffer manager's I/O waits sleep here too.
 */
public final class Futex {

    private static final long FUTEX_WAIT = 0;
    private static final long FUTEX_WAKE = 1;

    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int ETIMEDOUT = 110;

    private Futex() {
    }

    /**
     * Sleeps while the int at {@code segment[offset]} equals {@code expected}. The kernel compares and
     * enqueues atomically, so a wake issued after the word changed cannot be lost. Returns on a wake,
     * when the word already differs, or on a signal; callers always re-examine the word.
     */
    public static void await(MemorySegment segment, long offset, int expected) {
        long address = address(segment, offset);
        if (Thread.currentThread().isVirtual()) {
            poll(segment, offset, expected, Long.MAX_VALUE);
            return;
        }
        check(Native.call(address, FUTEX_WAIT, expected, 0L));
    }

    /**
     * A virtual thread's wait: look at the word, park, look again, until it differs or time is up. An
     * interrupt does not end it (it does not end a futex wait either) but is kept for the caller.
     */
    private static void poll(MemorySegment segment, long offset, int expected, long nanos) {
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
        long pause = 20_000;
        boolean interrupted = false;
        try {
            while ((int) INT.getVolatile(segment, offset) == expected) {
                long left = deadline == Long.MAX_VALUE ? pause : deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Math.min(pause, left));
                interrupted |= Thread.interrupted();
                pause = Math.min(pause * 2, 1_000_000);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    /**
     * As {@link #await(MemorySegment, long, int)}, but sleeps at most {@code nanos} (positive): for
     * waits that must look at the clock now and then (a lock waiter runs the deadlock detector after
     * deadlock_timeout). Callers look at the word and the clock again after every return.
     */
    public static void await(MemorySegment segment, long offset, int expected, long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("futex timeout must be positive: " + nanos);
        }
        long address = address(segment, offset);
        if (Thread.currentThread().isVirtual()) {
            poll(segment, offset, expected, nanos);
            return;
        }
        MemorySegment timeout = Native.TIMESPEC.get();
        timeout.set(ValueLayout.JAVA_LONG, 0, nanos / 1_000_000_000L);
        timeout.set(ValueLayout.JAVA_LONG, 8, nanos % 1_000_000_000L);
        check(Native.call(address, FUTEX_WAIT, expected, timeout.address()));
    }

    private static void check(long result) {
        if (result < 0) {
            int errno = Native.errno();
            if (errno != EAGAIN && errno != EINTR && errno != ETIMEDOUT) {
                throw new IllegalStateException("futex wait failed, errno " + errno);
            }
        }
    }

    /** Wakes up to {@code count} waiters on the word; returns how many were woken. */
    public static int wake(MemorySegment segment, long offset, int count) {
        long result = Native.call(address(segment, offset), FUTEX_WAKE, count, 0L);
        if (result < 0) {
            throw new IllegalStateException("futex wake failed, errno " + Native.errno());
        }
        return (int) result;
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

    /** The downcall handle and per-thread errno capture, initialized on first use. */
    private static final class Native {
        private static final long SYS_FUTEX = syscallNumber();
        private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
        private static final VarHandle ERRNO =
                CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        private static final MethodHandle SYSCALL = bind();
        /** Each thread writes errno into its own small segment (freed with the thread by GC). */
        private static final ThreadLocal<MemorySegment> STATE =
                ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE));
        /** struct timespec { long tv_sec; long tv_nsec; } on 64-bit Linux, one per thread. */
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
            // long syscall(long number, ...): uaddr, op, val, timeout, uaddr2, val3 all as longs.
            return linker.downcallHandle(syscall,
                    FunctionDescriptor.of(l, l, l, l, l, l, l, l),
                    Linker.Option.firstVariadicArg(1),
                    Linker.Option.captureCallState("errno"));
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

package org.tusk.sql.types;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * float8 functions for which PostgreSQL's answer is the C library's, and Java's differs in the last
 * bit. float.c's dcbrt simply calls cbrt(3): glibc's cbrt(27) is 3.0000000000000004, Java's
 * {@link Math#cbrt} 3 (both are within an ulp, so neither is wrong, but the printed digits differ).
 *
 * <p>Why a downcall rather than a reimplementation: the exact bits are glibc's algorithm's, and
 * reproducing them means reproducing that algorithm; calling the same library that PostgreSQL calls on
 * this platform gives the same answer by construction. The call goes through java.lang.foreign, bound
 * once on first use. When native access is not allowed (the JVM was started with
 * {@code --illegal-native-access=deny} and without {@code --enable-native-access}), or the C library has
 * no cbrt, the Java method is used instead: the answer may then differ from PostgreSQL's in the last
 * digit, never by more.
 */
public final class NativeMath {

    private NativeMath() {
    }

    /** cbrt(3) of the C library, or {@link Math#cbrt} where it cannot be called. */
    public static double cbrt(double x) {
        MethodHandle h = Cbrt.HANDLE;
        if (h == null) {
            return Math.cbrt(x);
        }
        try {
            return (double) h.invokeExact(x);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Whether {@link #cbrt} calls the C library (false: it falls back to Java). */
    public static boolean usesCLibrary() {
        return Cbrt.HANDLE != null;
    }

    /** Bound lazily, at the first cbrt, so that sessions that never call it never link anything. */
    private static final class Cbrt {
        static final MethodHandle HANDLE = bind();

        @SuppressWarnings("restricted") // downcallHandle: cbrt(double) reads and writes no memory
        private static MethodHandle bind() {
            try {
                Linker linker = Linker.nativeLinker();
                // The default lookup covers libc and libm on Linux.
                Optional<MemorySegment> cbrt = linker.defaultLookup().find("cbrt");
                if (cbrt.isEmpty()) {
                    return null;
                }
                // critical: a short leaf function that touches no Java memory needs no thread-state change.
                return linker.downcallHandle(cbrt.get(),
                        FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE),
                        Linker.Option.critical(false));
            } catch (RuntimeException | LinkageError e) {
                // IllegalCallerException when native access is denied; UnsupportedOperationException
                // where the platform has no native linker.
                return null;
            }
        }
    }
}

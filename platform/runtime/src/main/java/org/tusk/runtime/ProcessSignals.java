package org.tusk.runtime;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * Process signals, both ways. Sending: {@code kill(2)} through the Foreign Function API, because the
 * JDK's ProcessHandle can only send SIGTERM and SIGKILL, and the control commands need SIGINT and
 * SIGHUP too. Receiving: the JDK's {@code sun.misc.Signal} (module jdk.unsupported), reached
 * reflectively because javac flags every direct use of it with a warning that cannot be suppressed.
 * SIGQUIT cannot be received (the JVM keeps it for thread dumps); immediate shutdown is SIGKILL.
 *
 * <p>A signal the process inherited as ignored (a shell starts background jobs with SIGINT ignored, nohup
 * ignores SIGHUP) would stay ignored: the JVM does not install its handler over SIG_IGN. PostgreSQL's
 * postmaster installs its handlers regardless, so the disposition is first reset to SIG_DFL with
 * {@code signal(2)}.
 */
final class ProcessSignals {
    static final int SIGHUP = 1;
    static final int SIGINT = 2;
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;

    private ProcessSignals() {
    }

    /** Sends {@code signal} to {@code pid}; false if the process does not exist or may not be signaled. */
    static boolean send(long pid, int signal) {
        try {
            return (int) Kill.HANDLE.invokeExact((int) pid, signal) == 0;
        } catch (Throwable t) {
            throw new IllegalStateException("kill(" + pid + ", " + signal + ") failed", t);
        }
    }

    /** Linked on first use: the first downcall link costs tens of milliseconds. */
    @SuppressWarnings("restricted") // kill(2) with two ints: no memory is touched
    private static final class Kill {
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("kill").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    /** Linked on first use, as {@link Kill}. */
    @SuppressWarnings("restricted") // signal(2) with SIG_DFL (a null handler): no memory is touched
    private static final class Disposition {
        static final MethodHandle SIGNAL = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("signal").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    }

    /** Sets {@code signal}'s disposition back to SIG_DFL (see the class comment). */
    static void resetToDefault(int signal) {
        try {
            MemorySegment previous = (MemorySegment) Disposition.SIGNAL.invokeExact(signal, MemorySegment.NULL);
            if (previous.address() == -1L) { // SIG_ERR
                throw new IllegalStateException("signal(" + signal + ", SIG_DFL) failed");
            }
        } catch (Throwable t) {
            throw new IllegalStateException("signal(" + signal + ", SIG_DFL) failed", t);
        }
    }

    /**
     * Calls {@code handler} with the signal's name ("TERM", "INT", "HUP") on each delivery, on a thread
     * the JDK starts for it; a signal inherited as ignored is handled too.
     */
    static void handle(String name, Consumer<String> handler) {
        switch (name) {
            case "INT" -> resetToDefault(SIGINT);
            case "TERM" -> resetToDefault(SIGTERM);
            case "HUP" -> resetToDefault(SIGHUP);
            default -> {
            }
        }
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            Object proxy = Proxy.newProxyInstance(ProcessSignals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (self, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            handler.accept(name);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        case "toString" -> "handler of SIG" + name;
                        default -> null;
                    });
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, proxy);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot handle SIG" + name, e);
        }
    }
}

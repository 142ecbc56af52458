package org.tusk.psql;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * psql's {@code \cd}: changes the process's working directory with the C library's chdir(2), through
 * the foreign function API, because Java has no call for it. Relative file names opened afterwards
 * ({@code \i}, {@code \o}, {@code \copy}, {@code \w}) and the commands started by {@code \!} and
 * {@code \o |cmd} then see the new directory, as they do in psql. (The JVM's {@code user.dir} keeps the
 * start directory; tusk psql never makes a path absolute through it.)
 */
final class WorkingDirectory {

    private WorkingDirectory() {
    }

    /**
     * Changes directory.
     *
     * @return null on success, else strerror's text for the failure (e.g. "No such file or directory")
     */
    @SuppressWarnings("restricted") // chdir and strerror are C calls; the launcher enables native access
    static String change(String dir) {
        Linker linker = Linker.nativeLinker();
        StructLayout state = Linker.Option.captureStateLayout();
        VarHandle errno = state.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
        MethodHandle chdir = linker.downcallHandle(linker.defaultLookup().findOrThrow("chdir"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS), Linker.Option.captureCallState("errno"));
        MethodHandle strerror = linker.downcallHandle(linker.defaultLookup().findOrThrow("strerror"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment callState = arena.allocate(state);
            int rc = (int) chdir.invokeExact(callState, arena.allocateFrom(dir));
            if (rc == 0) {
                return null;
            }
            int err = (int) errno.get(callState, 0L);
            MemorySegment text = (MemorySegment) strerror.invokeExact(err);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return t.getMessage();
        }
    }
}

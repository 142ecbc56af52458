package org.tusk.launcher.thread;

import org.osgi.service.component.annotations.Component;
import org.tusk.spi.BackendContext;
import org.tusk.spi.BackendEntry;
import org.tusk.spi.BackendLauncher;
import org.tusk.spi.BackendProcess;
import org.tusk.spi.ClientConnection;
import org.tusk.spi.InProcessBackend;
import org.tusk.spi.Settings;

/**
 * Launches each backend on a platform thread of its own, with a stack of {@link #STACK_SIZE} bytes.
 *
 * <p>The SQL engine recurses in Java frames where PostgreSQL recurses in C frames (the parser, the
 * analyzer, expression evaluation, PL/pgSQL and SQL functions calling themselves), and a Java frame is
 * several times larger. A thread's default stack (1MB) overflows at a few hundred levels of a recursive
 * PL/pgSQL function, where PostgreSQL at its default max_stack_depth (2MB) reaches about 900; 64MB takes
 * the depths PostgreSQL's regression suite uses (1000 nested parentheses, recursive functions a few
 * thousand deep) with room to spare. The memory is reserved, not used: pages are touched only as deep
 * as a statement goes. A statement deeper still ends with ERROR 54001, not with the backend.
 */
@Component(property = Settings.LAUNCHER_NAME + "=thread")
public final class ThreadLauncher implements BackendLauncher {
    /** The stack of each backend thread, in bytes. */
    public static final long STACK_SIZE = 64L << 20;

    @Override
    public String name() {
        return "thread";
    }

    @Override
    public BackendProcess launch(ClientConnection connection, BackendContext context, BackendEntry entry)
            throws LaunchException {
        return InProcessBackend.start(Thread.ofPlatform().stackSize(STACK_SIZE), name(), connection, context, entry);
    }
}

package org.tusk.launcher.thread;

import org.osgi.service.component.annotations.Component;
import org.tusk.spi.BackendContext;
import org.tusk.spi.BackendEntry;
import org.tusk.spi.BackendLauncher;
import org.tusk.spi.BackendProcess;
import org.tusk.spi.ClientConnection;
import org.tusk.spi.InProcessBackend;
import org.tusk.spi.Settings;

/** Launches each backend on a platform thread of its own. */
@Component(property = Settings.LAUNCHER_NAME + "=thread")
public final class ThreadLauncher implements BackendLauncher {

    @Override
    public String name() {
        return "thread";
    }

    @Override
    public BackendProcess launch(ClientConnection connection, BackendContext context, BackendEntry entry)
            throws LaunchException {
        return InProcessBackend.start(Thread.ofPlatform(), name(), connection, context, entry);
    }
}

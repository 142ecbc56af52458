package org.tusk.launcher.virtualthread;

import org.osgi.service.component.annotations.Component;
import org.tusk.spi.BackendContext;
import org.tusk.spi.BackendEntry;
import org.tusk.spi.BackendLauncher;
import org.tusk.spi.BackendProcess;
import org.tusk.spi.ClientConnection;
import org.tusk.spi.InProcessBackend;
import org.tusk.spi.Settings;

/** Launches each backend on a virtual thread of its own. */
@Component(property = Settings.LAUNCHER_NAME + "=virtual-thread")
public final class VirtualThreadLauncher implements BackendLauncher {

    @Override
    public String name() {
        return "virtual-thread";
    }

    @Override
    public BackendProcess launch(ClientConnection connection, BackendContext context, BackendEntry entry)
            throws LaunchException {
        return InProcessBackend.start(Thread.ofVirtual(), name(), connection, context, entry);
    }
}

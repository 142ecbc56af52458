package org.tusk.transport.tcp;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.spi.ConnectionHandler;
import org.tusk.spi.Settings;
import org.tusk.spi.Transport;

/**
 * Listens on TCP. Each listening socket has its own accept thread, which does nothing but accept,
 * set socket options and hand over: the postmaster's rule that nothing on the accept path waits for a
 * client.
 */
@Component(configurationPid = Settings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Settings.TRANSPORT_NAME + "=" + TcpTransport.NAME)
public final class TcpTransport implements Transport {
    static final String NAME = "tcp";
    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    /** PostgreSQL's backlog is 2 * MaxConnections, capped by the kernel's somaxconn anyway. */
    private static final int BACKLOG = 1024;

    private final List<ServerSocket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> acceptors = new CopyOnWriteArrayList<>();
    private String listenAddresses = "localhost";
    private int port = 5432;
    private volatile boolean stopping;

    public TcpTransport() {
    }

    /** For use outside OSGi. */
    public TcpTransport(String listenAddresses, int port) {
        this.listenAddresses = listenAddresses;
        this.port = port;
    }

    @Activate
    void activate(Map<String, Object> config) {
        Object addresses = config.get("listen_addresses");
        if (addresses != null) {
            listenAddresses = addresses.toString();
        }
        Object p = config.get("port");
        if (p != null) {
            port = Integer.parseInt(p.toString().trim());
        }
    }

    /**
     * listen_addresses and port take effect only at server start, as in PostgreSQL; a reload must not
     * close the listening sockets (which a component restart would do), so changes are ignored here
     * and reported by the postmaster.
     */
    @Modified
    void modified(Map<String, Object> config) {
        // Nothing to do until the next start.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized List<String> start(ConnectionHandler handler) throws IOException {
        stopping = false;
        List<String> endpoints = new ArrayList<>();
        try {
            for (InetAddress address : ListenAddresses.resolve(listenAddresses)) {
                ServerSocket server = bind(address);
                sockets.add(server);
                String family = address instanceof Inet6Address ? "IPv6" : "IPv4";
                endpoints.add(family + " address \"" + address.getHostAddress() + "\", port " + port);
                acceptors.add(Thread.ofPlatform().daemon().name("tcp accept " + address.getHostAddress() + ":" + port)
                        .start(() -> acceptLoop(server, handler)));
            }
        } catch (IOException e) {
            stop();
            throw e;
        }
        return endpoints;
    }

    private ServerSocket bind(InetAddress address) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(address, port), BACKLOG);
            return server;
        } catch (IOException e) {
            server.close();
            String family = address instanceof Inet6Address ? "IPv6" : "IPv4";
            throw new IOException("could not bind " + family + " address \"" + address.getHostAddress()
                    + "\": " + e.getMessage(), e);
        }
    }

    private void acceptLoop(ServerSocket server, ConnectionHandler handler) {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!stopping && !server.isClosed()) {
                    LOG.warn("could not accept new connection: {}", e.getMessage());
                    pause();
                }
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
            } catch (SocketException e) {
                LOG.debug("could not set socket options", e);
            }
            try {
                handler.accept(new TcpConnection(socket));
            } catch (RuntimeException e) {
                LOG.error("postmaster refused connection", e);
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Nothing more to do for this client.
                }
            }
        }
    }

    /** After an accept failure such as running out of file descriptors, do not spin. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    @Deactivate
    public synchronized void stop() {
        stopping = true;
        for (ServerSocket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("error closing listening socket", e);
            }
        }
        sockets.clear();
        // Closing a socket another thread is blocked in accept() on only signals that thread; the file
        // descriptor, and so the port, is released when it has left accept(). Wait for it, so that the
        // port is free when stop returns (a restart binds it again at once).
        for (Thread t : acceptors) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        acceptors.clear();
    }
}

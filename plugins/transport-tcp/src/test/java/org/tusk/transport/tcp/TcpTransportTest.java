package org.tusk.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tusk.spi.ClientConnection;

class TcpTransportTest {

    @Test
    void acceptsAndHandsOverConnections() throws Exception {
        int port = freePort();
        TcpTransport t = new TcpTransport("127.0.0.1", port);
        BlockingQueue<ClientConnection> accepted = new ArrayBlockingQueue<>(1);
        List<String> endpoints = t.start(accepted::add);
        try {
            assertEquals(List.of("IPv4 address \"127.0.0.1\", port " + port), endpoints);
            try (Socket client = new Socket("127.0.0.1", port)) {
                ClientConnection c = accepted.poll(5, TimeUnit.SECONDS);
                assertEquals("127.0.0.1", c.remoteHost());
                assertEquals(client.getLocalPort(), c.remotePort());
                c.output().write('x');
                assertEquals('x', client.getInputStream().read());
                c.close();
            }
        } finally {
            t.stop();
        }
        // Stop releases the port: another listener can bind it. (Not "a connect is refused": a connect to a
        // free port in the ephemeral range can, rarely, connect to itself on Linux, a TCP simultaneous
        // open.) SO_REUSEADDR, as every server sets it, because the closed connection may linger in
        // TIME_WAIT on the port; bind still fails while a listening socket holds it.
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1);
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void bindFailureFailsTheWholeStartAndLeavesNothingListening() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            TcpTransport t = new TcpTransport("127.0.0.1", port);
            IOException e = assertThrows(IOException.class, () -> t.start(c -> { }));
            assertTrue(e.getMessage().startsWith("could not bind IPv4 address \"127.0.0.1\""), e.getMessage());
        }
    }

    @Test
    void unknownHostIsReportedLikePostgres() {
        TcpTransport t = new TcpTransport("no-such-host.invalid", 5432);
        IOException e = assertThrows(IOException.class, () -> t.start(c -> { }));
        assertEquals("could not translate host name \"no-such-host.invalid\" to address: Name or service not known",
                e.getMessage());
    }

    @Test
    void emptyListenAddressesMeansNoTcp() throws IOException {
        TcpTransport t = new TcpTransport("", 5432);
        assertEquals(List.of(), t.start(c -> { }));
    }

    @Test
    void readTimeoutFailsTheReadWithSocketTimeoutException() throws Exception {
        int port = freePort();
        TcpTransport t = new TcpTransport("127.0.0.1", port);
        BlockingQueue<ClientConnection> accepted = new ArrayBlockingQueue<>(1);
        t.start(accepted::add);
        try (Socket client = new Socket("127.0.0.1", port);
                ClientConnection c = accepted.poll(5, TimeUnit.SECONDS)) {
            c.setReadTimeout(Duration.ofMillis(200));
            long started = System.nanoTime();
            InputStream in = c.input();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                assertThrows(SocketTimeoutException.class, in::read);
            });
            assertTrue(System.nanoTime() - started >= Duration.ofMillis(150).toNanos(), "fired too early");
            assertThrows(SocketTimeoutException.class, in::read, "stays timed out");
            assertEquals(-1, client.getInputStream().read(), "the server closed the connection");
        } finally {
            t.stop();
        }
    }

    @Test
    void readsWithinTheTimeoutAndAfterItIsClearedSucceed() throws Exception {
        int port = freePort();
        TcpTransport t = new TcpTransport("127.0.0.1", port);
        BlockingQueue<ClientConnection> accepted = new ArrayBlockingQueue<>(1);
        t.start(accepted::add);
        try (Socket client = new Socket("127.0.0.1", port);
                ClientConnection c = accepted.poll(5, TimeUnit.SECONDS)) {
            OutputStream out = client.getOutputStream();
            c.setReadTimeout(Duration.ofMillis(300));
            for (int i = 0; i < 5; i++) {
                out.write(i);
                assertEquals(i, c.input().read());
                Thread.sleep(100); // each read gets the whole timeout again
            }
            c.setReadTimeout(Duration.ZERO);
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(500);
                    out.write(42);
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(42, c.input().read(), "no timeout once cleared");
        } finally {
            t.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

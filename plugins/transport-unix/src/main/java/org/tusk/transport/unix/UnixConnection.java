package org.tusk.transport.unix;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.tusk.spi.ClientConnection;

/**
 * An accepted Unix-domain socket, with blocking streams over the channel. The input is buffered like
 * the TCP transport's; the output is not (the protocol layer buffers).
 * <p>
 * Read timeouts: a channel's streams ignore timeouts and the channel has no SO_TIMEOUT, so each read
 * made while a timeout is set arms a watchdog (a virtual thread sleeping for the timeout). If the read
 * is still blocked when it wakes, it closes the channel, which ends the read; the read then fails with
 * {@link SocketTimeoutException}, exactly as a TCP socket's would. The connection is unusable after
 * that, which costs nothing: the only user, authentication_timeout, closes it anyway.
 * <p>
 * There is no {@link #nativeDescriptor()}: the JDK keeps a channel's file descriptor behind internal
 * API (sun.nio.ch), reachable only with --add-exports, so such connections are served in-process.
 */
final class UnixConnection implements ClientConnection {
    private final SocketChannel channel;
    private final InputStream input;
    private final OutputStream output;
    private volatile long timeoutNanos;
    private volatile boolean timedOut;

    UnixConnection(SocketChannel channel) {
        this.channel = channel;
        this.input = new BufferedInputStream(new TimedInput(Channels.newInputStream(channel)), 8192);
        this.output = Channels.newOutputStream(channel);
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public String transportName() {
        return UnixTransport.NAME;
    }

    @Override
    public String remoteHost() {
        return "[local]";
    }

    @Override
    public int remotePort() {
        return -1;
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        timeoutNanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
    }

    @Override
    public void shutdownInput() throws IOException {
        if (channel.isOpen()) {
            channel.shutdownInput();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The channel's input stream with each blocking read bounded by the current timeout. */
    private final class TimedInput extends InputStream {
        private final InputStream in;

        TimedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (timedOut) {
                throw timeout();
            }
            long nanos = timeoutNanos;
            if (nanos <= 0 || len == 0) {
                return in.read(b, off, len);
            }
            Watchdog watchdog = new Watchdog(nanos);
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                if (timedOut) {
                    SocketTimeoutException t = timeout();
                    t.initCause(e);
                    throw t;
                }
                throw e;
            } finally {
                watchdog.cancel();
            }
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static SocketTimeoutException timeout() {
        return new SocketTimeoutException("Read timed out");
    }

    /** Closes the channel unless cancelled within its time. */
    private final class Watchdog {
        private static final int ARMED = 0;
        private static final int CANCELLED = 1;
        private static final int FIRED = 2;

        private final AtomicInteger state = new AtomicInteger(ARMED);
        private final Thread thread;

        Watchdog(long nanos) {
            thread = Thread.ofVirtual().name("unix read timeout").start(() -> {
                try {
                    Thread.sleep(Duration.ofNanos(nanos));
                } catch (InterruptedException e) {
                    return; // cancelled
                }
                if (state.compareAndSet(ARMED, FIRED)) {
                    timedOut = true;
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // Closing is all we wanted; the reader fails either way.
                    }
                }
            });
        }

        void cancel() {
            if (state.compareAndSet(ARMED, CANCELLED)) {
                thread.interrupt();
            }
        }
    }
}

package org.tusk.itests.harness;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A raw frontend/backend protocol socket, for tests that send what no well-behaved client would.
 * Every read is bounded: a server that neither answers nor closes fails the test instead of hanging it.
 */
public final class PgWire implements Closeable {

    public static final int SSL_REQUEST_CODE = 80877103;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final DataInputStream in;

    private PgWire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects to 127.0.0.1:{@code port}. */
    public static PgWire connect(int port) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            s.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
            s.setTcpNoDelay(true);
            return new PgWire(s);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // connect failed anyway
            }
            throw new UncheckedIOException("connect to 127.0.0.1:" + port, e);
        }
    }

    /** A startup packet: length, version major.minor, name/value pairs, terminator. */
    public static byte[] startupPacket(int major, int minor, Map<String, String> params) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ByteBuffer.allocate(4).putShort((short) major).putShort((short) minor).array());
        params.forEach((k, v) -> {
            body.writeBytes(k.getBytes(StandardCharsets.UTF_8));
            body.write(0);
            body.writeBytes(v.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        });
        body.write(0);
        return withLength(body.toByteArray());
    }

    /** A protocol 3.0 startup packet for {@code user} and {@code database}. */
    public static byte[] startupPacket(String user, String database) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("user", user);
        p.put("database", database);
        return startupPacket(3, 0, p);
    }

    public static byte[] sslRequest() {
        return withLength(ByteBuffer.allocate(4).putInt(SSL_REQUEST_CODE).array());
    }

    private static byte[] withLength(byte[] body) {
        return ByteBuffer.allocate(body.length + 4).putInt(body.length + 4).put(body).array();
    }

    public PgWire send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("send", e);
        }
    }

    /** Half-close: the server sees end of stream. */
    public PgWire shutdownOutput() {
        try {
            socket.shutdownOutput();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the server sent until it closed the connection. */
    public record Received(byte[] bytes, boolean reset) {
        public String hex() {
            return HexFormat.ofDelimiter(" ").formatHex(bytes);
        }

        /** Bytes as text, non-printables escaped: for failure messages. */
        public String printable() {
            StringBuilder sb = new StringBuilder();
            for (byte b : bytes) {
                int c = b & 0xff;
                if (c >= 0x20 && c < 0x7f && c != '\\') {
                    sb.append((char) c);
                } else {
                    sb.append(String.format("\\x%02x", c));
                }
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return "\"" + printable() + "\" (" + bytes.length + " bytes" + (reset ? ", then reset" : ", then EOF") + ")";
        }
    }

    /**
     * Reads until the server closes (EOF or reset).
     *
     * @throws AssertionError if it has not closed within {@code timeout}
     */
    public Received readUntilClosed(Duration timeout) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[8192];
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                socket.setSoTimeout((int) Math.max(1, left));
                int n = in.read(buf);
                if (n < 0) {
                    return new Received(got.toByteArray(), false);
                }
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + timeout
                    + "; received so far: " + new Received(got.toByteArray(), false));
        } catch (SocketException e) {
            return new Received(got.toByteArray(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Received readUntilClosed() {
        return readUntilClosed(DEFAULT_TIMEOUT);
    }

    /** One byte (e.g. the answer to SSLRequest). */
    public int readByte() {
        try {
            socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the server closed the connection instead of answering");
            }
            return b;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + DEFAULT_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A backend message: type byte and body (without the length word). */
    public record Message(char type, byte[] body) {
        /** Fields of an ErrorResponse/NoticeResponse. */
        public Map<Character, String> fields() {
            return PgWire.fields(body);
        }

        @Override
        public String toString() {
            return type == 'E' || type == 'N' ? type + fields().toString() : type + "(" + body.length + " bytes)";
        }
    }

    /** Reads one v3 message. */
    public Message readMessage() {
        try {
            socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
            int type = in.read();
            if (type < 0) {
                throw new AssertionError("the server closed the connection");
            }
            int length = in.readInt();
            if (length < 4 || length > 1 << 24) {
                throw new AssertionError("implausible message length " + length + " for type '" + (char) type + "'");
            }
            byte[] body = new byte[length - 4];
            in.readFully(body);
            return new Message((char) type, body);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no message within " + DEFAULT_TIMEOUT);
        } catch (EOFException e) {
            throw new AssertionError("the server closed the connection inside a message");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the answer to a startup packet up to and including ReadyForQuery ('Z'); fails on an ErrorResponse
     * or if authentication is not AuthenticationOk (trust).
     */
    public List<Message> readUntilReady() {
        List<Message> got = new ArrayList<>();
        while (true) {
            Message m = readMessage();
            got.add(m);
            if (m.type() == 'E') {
                throw new AssertionError("ErrorResponse instead of ReadyForQuery: " + got);
            }
            if (m.type() == 'R' && ByteBuffer.wrap(m.body()).getInt() != 0) {
                throw new AssertionError("authentication requested, expected trust (AuthenticationOk): " + got);
            }
            if (m.type() == 'Z') {
                return got;
            }
            if (got.size() > 1000) {
                throw new AssertionError("no ReadyForQuery after 1000 messages");
            }
        }
    }

    /** Sends Terminate ('X'). */
    public void terminate() {
        send(new byte[] {'X', 0, 0, 0, 4});
    }

    /** Decodes the fields of an ErrorResponse/NoticeResponse body. */
    public static Map<Character, String> fields(byte[] body) {
        Map<Character, String> f = new LinkedHashMap<>();
        int i = 0;
        while (i < body.length && body[i] != 0) {
            char code = (char) body[i++];
            int end = i;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            f.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
            i = end + 1;
        }
        return f;
    }

    /** Splits bytes received as v3 messages; a trailing partial message is reported as type '?'. */
    public static List<Message> parse(byte[] bytes) {
        List<Message> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.remaining() >= 5) {
            char type = (char) (b.get() & 0xff);
            int length = b.getInt();
            if (length < 4 || length - 4 > b.remaining()) {
                out.add(new Message('?', bytes));
                return out;
            }
            byte[] body = new byte[length - 4];
            b.get(body);
            out.add(new Message(type, body));
        }
        if (b.hasRemaining()) {
            out.add(new Message('?', bytes));
        }
        return out;
    }

    /** Closes abruptly (RST), as a client that vanishes. */
    public void abort() {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // close anyway
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}

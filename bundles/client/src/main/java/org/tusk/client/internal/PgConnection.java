package org.tusk.client.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.tusk.client.Column;
import org.tusk.client.Connection;
import org.tusk.client.Notice;
import org.tusk.client.NoticeListener;
import org.tusk.client.PgException;
import org.tusk.client.Result;
import org.tusk.client.Row;
import org.tusk.client.ServerException;
import org.tusk.client.TransactionStatus;
import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.Md5Password;
import org.tusk.protocol.Message;
import org.tusk.protocol.MessageBody;
import org.tusk.protocol.MessageReader;
import org.tusk.protocol.MessageWriter;
import org.tusk.protocol.ScramSha256;

/**
 * One connection: libpq's PQconnectStart state machine for one host (SSLRequest, StartupMessage,
 * authentication, parameter statuses, BackendKeyData, ReadyForQuery), then simple queries. Requests are
 * serialized by a lock.
 */
final class PgConnection implements Connection {

    /** A failure before the server answered the startup packet: libpq moves on to the next host. */
    static final class ConnectFailure extends PgException {
        private static final long serialVersionUID = 1L;

        ConnectFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final String host;
    private final int port;
    private final SocketAddress address;
    private final Closeable transport;
    private Socket tcpSocket;
    private MessageReader in;
    private MessageWriter out;
    private boolean ssl;
    private volatile boolean open = true;
    private volatile NoticeListener noticeListener = n -> { };
    private volatile TransactionStatus status = TransactionStatus.IDLE;
    private int pid;
    private int secretKey;

    private PgConnection(String host, int port, SocketAddress address, Closeable transport) {
        this.host = host;
        this.port = port;
        this.address = address;
        this.transport = transport;
    }

    /** Connects to one host; {@code trySsl} says whether to send an SSLRequest. */
    static PgConnection open(ResolvedParameters.HostTarget target, SocketAddress address, ResolvedParameters p,
            boolean trySsl, NoticeListener listener) throws PgException {
        int timeoutMs = p.connectTimeoutSeconds() * 1000;
        PgConnection c;
        try {
            if (address instanceof UnixDomainSocketAddress) {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.connect(address);
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
                c = new PgConnection(target.host(), target.port(), address, ch);
                c.in = new MessageReader(new BufferedInputStream(Channels.newInputStream(ch), 16384));
                c.out = new MessageWriter(Channels.newOutputStream(ch));
            } else {
                Socket s = new Socket();
                try {
                    s.setTcpNoDelay(true);
                    s.setKeepAlive(true);
                    s.connect(address, timeoutMs);
                    s.setSoTimeout(timeoutMs);
                } catch (IOException e) {
                    s.close();
                    throw e;
                }
                c = new PgConnection(target.host(), target.port(), address, s);
                c.tcpSocket = s;
                c.streams(s.getInputStream(), s.getOutputStream());
            }
        } catch (IOException e) {
            throw new ConnectFailure(connectError(target, address, e), e);
        }
        c.noticeListener = listener;
        try {
            if (trySsl && c.tcpSocket != null) {
                c.startTls(target, p);
            }
            c.startup(target, p);
            if (c.tcpSocket != null) {
                c.tcpSocket.setSoTimeout(0);
            }
            return c;
        } catch (SocketTimeoutException e) {
            c.closeQuietly();
            throw new ConnectFailure("timeout expired", e);
        } catch (IOException e) {
            c.closeQuietly();
            throw new ConnectFailure(connectError(target, address, e), e);
        } catch (PgException | RuntimeException e) {
            c.closeQuietly();
            throw e;
        }
    }

    static String connectError(ResolvedParameters.HostTarget t, SocketAddress address, IOException e) {
        if (address instanceof UnixDomainSocketAddress u) {
            return "connection to server on socket \"" + u.getPath() + "\" failed: " + e.getMessage()
                    + (e instanceof java.net.SocketException && !(e instanceof SocketTimeoutException)
                            ? "\n\tIs the server running locally and accepting connections on that socket?" : "");
        }
        InetSocketAddress a = (InetSocketAddress) address;
        String ip = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        String shown = t.host().equals(ip) ? "\"" + ip + "\"" : "\"" + t.host() + "\" (" + ip + ")";
        return "connection to server at " + shown + ", port " + a.getPort() + " failed: " + e.getMessage()
                + (e instanceof java.net.ConnectException
                        ? "\n\tIs the server running on that host and accepting TCP/IP connections?" : "");
    }

    private void streams(InputStream i, OutputStream o) {
        in = new MessageReader(new BufferedInputStream(i, 16384));
        out = new MessageWriter(new BufferedOutputStream(o, 16384));
    }

    private void startTls(ResolvedParameters.HostTarget target, ResolvedParameters p) throws IOException, PgException {
        out.sslRequest().flush();
        int answer = tcpSocket.getInputStream().read();
        if (answer == 'S') {
            tcpSocket = Tls.wrap(tcpSocket, target.host(), p.sslmode(), p.sslrootcert());
            streams(tcpSocket.getInputStream(), tcpSocket.getOutputStream());
            ssl = true;
        } else if (answer == 'N') {
            if (p.sslmode().equals("require") || p.sslmode().startsWith("verify")) {
                throw new ConnectFailure("server does not support SSL, but SSL was required", null);
            }
        } else if (answer == 'E') {
            throw new ConnectFailure("server does not support SSL, but SSL was required", null); // pre-7.0 server
        } else {
            throw new ConnectFailure("received invalid response to SSL negotiation: " + (char) answer, null);
        }
    }

    private void startup(ResolvedParameters.HostTarget target, ResolvedParameters p) throws IOException, PgException {
        Map<String, String> sp = new LinkedHashMap<>();
        sp.put("user", p.user());
        sp.put("database", p.dbname());
        if (p.applicationName() != null) {
            sp.put("application_name", p.applicationName());
        }
        if (p.options() != null) {
            sp.put("options", p.options());
        }
        sp.put("client_encoding", p.clientEncoding());
        out.startupMessage(sp).flush();
        Scram scram = null;
        while (true) {
            Message m = in.read();
            MessageBody b = m.reader();
            switch (m.typeChar()) {
                case 'R' -> {
                    int code = b.readInt32();
                    switch (code) {
                        case 0 -> { }
                        case 3 -> passwordMessage(password(target));
                        case 5 -> {
                            byte[] salt = b.readBytes(4);
                            String pw = password(target);
                            passwordMessage(Md5Password.response(Md5Password.verifier(pw, p.user()), salt));
                        }
                        case 10 -> {
                            List<String> mechs = new ArrayList<>();
                            for (String s = b.readCString(); !s.isEmpty(); s = b.readCString()) {
                                mechs.add(s);
                            }
                            if (!mechs.contains(ScramSha256.MECHANISM)) {
                                throw new PgException("none of the server's SASL authentication mechanisms are supported");
                            }
                            scram = new Scram(password(target));
                            byte[] first = scram.clientFirst().getBytes(StandardCharsets.UTF_8);
                            out.begin('p').cstring(ScramSha256.MECHANISM).int32(first.length).bytes(first).end().flush();
                        }
                        case 11 -> {
                            if (scram == null) {
                                throw new PgException("invalid SASL continuation before initial response");
                            }
                            String reply = scram.clientFinal(new String(b.readBytes(b.remaining()), StandardCharsets.UTF_8));
                            out.begin('p').bytes(reply.getBytes(StandardCharsets.UTF_8)).end().flush();
                        }
                        case 12 -> {
                            if (scram == null) {
                                throw new PgException("invalid SASL final message before initial response");
                            }
                            scram.verifyServerFinal(new String(b.readBytes(b.remaining()), StandardCharsets.UTF_8));
                        }
                        default -> throw new PgException("authentication method " + code + " not supported");
                    }
                }
                case 'E' -> throw new ServerException(ErrorFields.decode(b));
                case 'N' -> notice(b);
                case 'S' -> parameters.put(b.readCString(), b.readCString());
                case 'K' -> {
                    pid = b.readInt32();
                    secretKey = b.readInt32();
                }
                case 'v' -> { } // NegotiateProtocolVersion: we ask for 3.0 and no _pq_ options
                case 'Z' -> {
                    status = TransactionStatus.of((char) b.readByte());
                    return;
                }
                default -> throw new PgException("expected authentication request from server, but received "
                        + m.typeChar());
            }
        }
    }

    private static String password(ResolvedParameters.HostTarget target) throws PgException {
        if (target.password() == null || target.password().isEmpty()) {
            throw new PgException("fe_sendauth: no password supplied");
        }
        return target.password();
    }

    private void passwordMessage(String pw) throws IOException {
        out.begin('p').cstring(pw).end().flush();
    }

    private void notice(MessageBody b) throws IOException {
        Notice n = new Notice(ErrorFields.decode(b));
        try {
            noticeListener.notice(n);
        } catch (RuntimeException e) {
            // a listener's failure must not break the protocol exchange
        }
    }

    // ---- queries --------------------------------------------------------------------------------

    @Override
    public List<Result> query(String sql) throws PgException {
        lock.lock();
        try {
            if (!open) {
                throw new PgException("connection is closed");
            }
            out.query(sql).flush();
            List<Result> results = new ArrayList<>();
            List<Column> columns = List.of();
            List<Row> rows = new ArrayList<>();
            ErrorFields error = null;
            while (true) {
                Message m = in.read();
                MessageBody b = m.reader();
                switch (m.typeChar()) {
                    case 'T' -> {
                        int n = b.readInt16();
                        List<Column> cols = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            String name = b.readCString();
                            int table = b.readInt32();
                            int colNo = b.readInt16();
                            int type = b.readInt32();
                            int size = b.readInt16();
                            int mod = b.readInt32();
                            int format = b.readInt16();
                            cols.add(new Column(name, type, size, mod, table, colNo, format));
                        }
                        columns = Collections.unmodifiableList(cols);
                        rows = new ArrayList<>();
                    }
                    case 'D' -> {
                        int n = b.readInt16();
                        byte[][] values = new byte[n][];
                        for (int i = 0; i < n; i++) {
                            int len = b.readInt32();
                            values[i] = len < 0 ? null : b.readBytes(len);
                        }
                        rows.add(Row.of(columns, values));
                    }
                    case 'C' -> {
                        results.add(new Result(columns, rows, b.readCString()));
                        columns = List.of();
                        rows = new ArrayList<>();
                    }
                    case 'I' -> results.add(new Result(List.of(), List.of(), ""));
                    case 'E' -> error = ErrorFields.decode(b);
                    case 'N' -> notice(b);
                    case 'S' -> parameters.put(b.readCString(), b.readCString());
                    case 'A' -> { } // NotificationResponse: LISTEN/NOTIFY is not supported yet
                    case 'G' -> out.begin('f').cstring("COPY is not supported by this client").end().flush();
                    case 'H', 'd', 'c' -> { } // COPY OUT data is discarded until CommandComplete
                    case 'Z' -> {
                        status = TransactionStatus.of((char) b.readByte());
                        if (error != null) {
                            throw new ServerException(error);
                        }
                        return results;
                    }
                    default -> throw new PgException("unexpected message type \"" + m.typeChar() + "\" from server");
                }
            }
        } catch (IOException e) {
            closeQuietly();
            throw new PgException("server closed the connection unexpectedly: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void cancel() throws PgException {
        try {
            if (address instanceof UnixDomainSocketAddress) {
                try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    ch.connect(address);
                    sendCancel(Channels.newInputStream(ch), Channels.newOutputStream(ch));
                }
            } else {
                try (Socket s = new Socket()) {
                    s.connect(address, 10_000);
                    s.setSoTimeout(10_000);
                    sendCancel(s.getInputStream(), s.getOutputStream());
                }
            }
        } catch (IOException e) {
            throw new PgException("could not send cancel request: " + e.getMessage(), e);
        }
    }

    private void sendCancel(InputStream i, OutputStream o) throws IOException {
        new MessageWriter(o).cancelRequest(pid, secretKey).flush();
        // Like libpq, wait for the server to close the connection: the request has then been handled.
        try {
            while (i.read() >= 0) {
                // nothing is expected
            }
        } catch (IOException ignored) {
            // closed
        }
    }

    @Override
    public String parameterStatus(String name) {
        return parameters.get(name);
    }

    @Override
    public Map<String, String> parameterStatuses() {
        return Map.copyOf(parameters);
    }

    @Override
    public int backendPid() {
        return pid;
    }

    @Override
    public TransactionStatus transactionStatus() {
        return status;
    }

    @Override
    public boolean isSsl() {
        return ssl;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void setNoticeListener(NoticeListener listener) {
        noticeListener = listener == null ? n -> { } : listener;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        lock.lock();
        try {
            if (open) {
                try {
                    out.terminate().flush();
                } catch (IOException | RuntimeException ignored) {
                    // closing anyway
                }
                closeQuietly();
            }
        } finally {
            lock.unlock();
        }
    }

    private void closeQuietly() {
        open = false;
        try {
            if (tcpSocket != null) {
                tcpSocket.close();
            }
            transport.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Where a host's socket lives: {@code dir/.s.PGSQL.port} for a directory. */
    static SocketAddress unixSocket(String dir, int port) {
        return UnixDomainSocketAddress.of(Path.of(dir, ".s.PGSQL." + port));
    }

    /** The client side of SCRAM-SHA-256 without channel binding, as libpq does it. */
    private static final class Scram {
        private final String password;
        private final String nonce = ScramSha256.nonce();
        private String clientFirstBare;
        private String authMessage;
        private byte[] salted;

        Scram(String password) {
            this.password = password;
        }

        String clientFirst() {
            clientFirstBare = "n=,r=" + nonce;
            return "n,," + clientFirstBare;
        }

        String clientFinal(String serverFirst) throws PgException {
            String r = null;
            String s = null;
            int i = -1;
            for (String part : serverFirst.split(",")) {
                if (part.startsWith("r=")) {
                    r = part.substring(2);
                } else if (part.startsWith("s=")) {
                    s = part.substring(2);
                } else if (part.startsWith("i=")) {
                    try {
                        i = Integer.parseInt(part.substring(2));
                    } catch (NumberFormatException e) {
                        throw new PgException("malformed SCRAM message (invalid iteration count)");
                    }
                }
            }
            if (r == null || s == null || i < 1) {
                throw new PgException("malformed SCRAM message (attribute missing)");
            }
            if (!r.startsWith(nonce)) {
                throw new PgException("invalid SCRAM response (nonce mismatch)");
            }
            byte[] salt;
            try {
                salt = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw new PgException("malformed SCRAM message (invalid salt)");
            }
            String withoutProof = "c=biws,r=" + r;
            authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            salted = ScramSha256.saltedPassword(password, salt, i);
            byte[] proof = ScramSha256.clientProof(salted, authMessage);
            return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        }

        void verifyServerFinal(String serverFinal) throws PgException {
            if (serverFinal.startsWith("e=")) {
                throw new PgException("error received from server in SCRAM exchange: " + serverFinal.substring(2));
            }
            if (!serverFinal.startsWith("v=")) {
                throw new PgException("malformed SCRAM message (attribute \"v\" expected)");
            }
            byte[] got;
            try {
                got = Base64.getDecoder().decode(serverFinal.substring(2).split(",")[0]);
            } catch (IllegalArgumentException e) {
                throw new PgException("malformed SCRAM message (invalid server signature encoding)");
            }
            if (!java.security.MessageDigest.isEqual(got, ScramSha256.serverSignature(salted, authMessage))) {
                throw new PgException("incorrect server signature");
            }
        }
    }
}

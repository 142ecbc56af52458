package org.tusk.client.internal;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import javax.net.ssl.SSLSocket;

import org.tusk.client.Column;
import org.tusk.client.Connection;
import org.tusk.client.CopyIn;
import org.tusk.client.Notice;
import org.tusk.client.NoticeListener;
import org.tusk.client.Notification;
import org.tusk.client.NotificationListener;
import org.tusk.client.PgException;
import org.tusk.client.Pipeline;
import org.tusk.client.PreparedStatement;
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
 * authentication, parameter statuses, BackendKeyData, ReadyForQuery), then requests: simple and
 * extended queries, prepared statements, pipelines, COPY, notifications. See the comment at "requests
 * and responses" for how requests are written and their responses read.
 */
final class PgConnection implements Connection {

    /** A failure before the server answered the startup packet: libpq moves on to the next host. */
    static final class ConnectFailure extends PgException {
        private static final long serialVersionUID = 1L;

        ConnectFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final String host;
    private final int port;
    private String user;
    private String database;
    private final SocketAddress address;
    private final Closeable transport;
    private Socket tcpSocket;
    private MessageReader in;
    private MessageWriter out;
    private boolean ssl;
    private SSLSocket sslSocket;
    private volatile boolean open = true;
    private volatile NoticeListener noticeListener = n -> { };
    private volatile TransactionStatus status = TransactionStatus.IDLE;
    private int pid;
    private int secretKey;
    /** System.nanoTime() by which the connection attempt must be done (connect_timeout), or 0. */
    private long deadline;

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
                c.in = new MessageReader(new SocketInput(Channels.newInputStream(ch), 16384));
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
        c.user = p.user();
        c.database = p.dbname();
        c.deadline = timeoutMs > 0 ? System.nanoTime() + timeoutMs * 1_000_000L : 0;
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
        } catch (ServerException e) {
            // a refusal (authentication, no such database, too many clients): libpq's prefix says where
            c.closeQuietly();
            throw new ServerException(connectError(target, address, e.getMessage()), e.fields());
        } catch (ConnectFailure | RuntimeException e) {
            c.closeQuietly();
            throw e;
        } catch (PgException e) {
            // the client's own refusals (fe_sendauth, channel binding), prefixed as libpq does
            c.closeQuietly();
            throw new PgException(connectError(target, address, e.getMessage()), e);
        }
    }

    /** libpq's "connection to server at ... failed: reason" for a server that did not qualify. */
    static String connectError(ResolvedParameters.HostTarget t, SocketAddress address, String reason) {
        if (address instanceof UnixDomainSocketAddress u) {
            return "connection to server on socket \"" + u.getPath() + "\" failed: " + reason;
        }
        InetSocketAddress a = (InetSocketAddress) address;
        String ip = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        String shown = t.host().equals(ip) ? "\"" + ip + "\"" : "\"" + t.host() + "\" (" + ip + ")";
        return "connection to server at " + shown + ", port " + a.getPort() + " failed: " + reason;
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
        in = new MessageReader(new SocketInput(i, 16384));
        out = new MessageWriter(new BufferedOutputStream(o, 16384));
    }

    private void startTls(ResolvedParameters.HostTarget target, ResolvedParameters p) throws IOException, PgException {
        out.sslRequest().flush();
        int answer = tcpSocket.getInputStream().read();
        if (answer == 'S') {
            sslSocket = Tls.wrap(tcpSocket, target.host(), p);
            tcpSocket = sslSocket;
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
        if (p.replication() != null) {
            // Passed as given, as libpq does: the server decides what it accepts (true, database, off, ...).
            sp.put("replication", p.replication());
        }
        if (p.applicationName() != null) {
            sp.put("application_name", p.applicationName());
        }
        if (p.options() != null) {
            sp.put("options", p.options());
        }
        sp.put("client_encoding", p.clientEncoding());
        out.startupMessage(sp).flush();
        Scram scram = null;
        String cb = p.channelBinding();
        while (true) {
            armTimeout();
            Message m = in.read();
            MessageBody b = m.reader();
            switch (m.typeChar()) {
                case 'R' -> {
                    int code = b.readInt32();
                    switch (code) {
                        case 0 -> {
                            if (cb.equals("require") && (scram == null || !scram.plus)) {
                                throw new PgException(
                                        "channel binding required, but server authenticated client without channel binding");
                            }
                        }
                        case 3 -> {
                            requireNoChannelBinding(cb);
                            passwordMessage(password(target));
                        }
                        case 5 -> {
                            requireNoChannelBinding(cb);
                            byte[] salt = b.readBytes(4);
                            String pw = password(target);
                            passwordMessage(Md5Password.response(Md5Password.verifier(pw, p.user()), salt));
                        }
                        case 10 -> {
                            List<String> mechs = new ArrayList<>();
                            for (String s = b.readCString(); !s.isEmpty(); s = b.readCString()) {
                                mechs.add(s);
                            }
                            boolean plus = ssl && !cb.equals("disable") && mechs.contains(ScramSha256.MECHANISM_PLUS);
                            if (cb.equals("require") && !plus) {
                                throw new PgException("channel binding is required, but server did not offer an "
                                        + "authentication method that supports channel binding");
                            }
                            if (!plus && !mechs.contains(ScramSha256.MECHANISM)) {
                                throw new PgException("none of the server's SASL authentication mechanisms are supported");
                            }
                            String gs2 = plus ? "p=tls-server-end-point,," : ssl && !cb.equals("disable") ? "y,," : "n,,";
                            scram = new Scram(password(target), gs2, plus ? Tls.serverEndPoint(sslSocket) : new byte[0]);
                            byte[] first = scram.clientFirst().getBytes(StandardCharsets.UTF_8);
                            out.begin('p').cstring(plus ? ScramSha256.MECHANISM_PLUS : ScramSha256.MECHANISM)
                                    .int32(first.length).bytes(first).end().flush();
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

    private static void requireNoChannelBinding(String channelBinding) throws PgException {
        if (channelBinding.equals("require")) {
            throw new PgException("channel binding required but not supported by server's authentication request");
        }
    }

    /** connect_timeout bounds the whole attempt: each read may wait only for what is left of it. */
    private void armTimeout() throws IOException {
        if (deadline == 0 || tcpSocket == null) {
            return;
        }
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("timeout expired");
        }
        tcpSocket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
    }

    /**
     * libpq's target_session_attrs check for this server, or {@code null} if it qualifies. Uses the
     * in_hot_standby and default_transaction_read_only ParameterStatus values when the server reports
     * them (PostgreSQL 14 and later), else asks with SHOW transaction_read_only or pg_is_in_recovery().
     */
    String sessionAttrsMismatch(String attrs) throws PgException {
        switch (attrs) {
            case "read-write", "read-only" -> {
                boolean readOnly;
                String hot = parameters.get("in_hot_standby");
                String dtro = parameters.get("default_transaction_read_only");
                if (hot != null && dtro != null) {
                    readOnly = hot.equals("on") || dtro.equals("on");
                } else {
                    readOnly = query("SHOW transaction_read_only").getFirst().rows().getFirst().getString(0).equals("on");
                }
                if (attrs.equals("read-write") && readOnly) {
                    return "session is read-only";
                }
                if (attrs.equals("read-only") && !readOnly) {
                    return "session is not read-only";
                }
                return null;
            }
            case "primary", "standby", "prefer-standby" -> {
                boolean standby;
                String hot = parameters.get("in_hot_standby");
                if (hot != null) {
                    standby = hot.equals("on");
                } else {
                    standby = query("SELECT pg_catalog.pg_is_in_recovery()").getFirst().rows().getFirst().getString(0)
                            .equals("t");
                }
                if (attrs.equals("primary") && standby) {
                    return "server is in hot standby mode";
                }
                if (!attrs.equals("primary") && !standby) {
                    return "server is not in hot standby mode";
                }
                return null;
            }
            default -> {
                return null;
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

    // ---- requests and responses ------------------------------------------------------------------
    //
    // Writing: a request's messages are written, and the request queued, under requestLock, so the
    // queue order is the wire order. Exclusive operations (a pipeline, COPY FROM STDIN, a streamed
    // result) hold requestLock for their whole duration. outLock guards the MessageWriter alone, because
    // the reader also writes (CopyFail).
    //
    // Reading: whoever needs a response reads, under readLock, and hands each message to the oldest
    // queued request. A synchronous call reads on its own thread (no hand-off, as libpq and pgjdbc do).
    // Asynchronous calls, a notification listener or a pollNotification start the "pump", a daemon
    // platform thread (a plain blocking read; a virtual thread would go through the poller on every
    // empty socket buffer) that reads while requests are queued (or while notifications are awaited);
    // while it runs, synchronous callers wait for their future instead of reading.

    private final ReentrantLock requestLock = new ReentrantLock();
    private final ReentrantLock outLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final Object pumpState = new Object();
    private final ConcurrentLinkedQueue<Pending<?>> pending = new ConcurrentLinkedQueue<>();
    private final LinkedBlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
    private final AtomicInteger statementCounter = new AtomicInteger();
    private volatile NotificationListener notificationListener;
    private volatile PgException broken;
    /** The last FATAL or PANIC ErrorResponse read: why the server is about to close the connection. */
    private volatile ServerException fatal;
    /** Guarded by pumpState. */
    private boolean pumpRunning;
    /** Guarded by pumpState: System.nanoTime() until which the pump waits for notifications. */
    private long listenUntil = Long.MIN_VALUE;
    private boolean listening;

    /** Writes a request's messages and queues it. {@code async}: its future is completed by the pump. */
    private <P extends Pending<?>> P submit(P p, Consumer<MessageWriter> messages, boolean async, boolean flush) {
        requestLock.lock();
        try {
            if (!open) {
                p.fail(broken != null ? broken : new PgException("connection is closed"));
                return p;
            }
            boolean startPump;
            synchronized (pumpState) {
                pending.add(p);
                p.selfRead = !async && !pumpRunning;
                startPump = async && !pumpRunning;
                if (startPump) {
                    pumpRunning = true;
                }
            }
            outLock.lock();
            try {
                messages.accept(out);
                if (flush || out.pending() > 65536) {
                    out.flush();
                }
            } catch (IOException e) {
                outLock.unlock();
                readWhatIsLeft();
                outLock.lock();
                broken(e);
            } finally {
                outLock.unlock();
            }
            if (startPump) {
                startPump();
            }
            if (!open) {
                // The reader found the connection broken after the check above and may have drained
                // the queue before this request joined it: fail what is left, so no future is orphaned.
                PgException failure = broken != null ? broken : new PgException("connection is closed");
                for (Pending<?> q; (q = pending.poll()) != null;) {
                    q.fail(failure);
                }
            }
            return p;
        } finally {
            requestLock.unlock();
        }
    }

    /**
     * After a failed write: the server may have closed the connection with a FATAL ErrorResponse that is
     * still unread (a terminated backend, an idle session timeout), so read up to end of file, as libpq
     * does, for {@link #broken} to report it. Nothing is read if another thread is reading: it will meet
     * the same end of file.
     */
    private void readWhatIsLeft() {
        if (!open || !readLock.tryLock()) {
            return;
        }
        try {
            while (open) {
                readOne();
            }
        } catch (IOException | PgException | RuntimeException e) {
            // end of file, or the connection reset: what could be read has been
        } finally {
            readLock.unlock();
        }
    }

    void flushOut() throws PgException {
        outLock.lock();
        try {
            out.flush();
        } catch (IOException e) {
            broken(e);
            throw broken;
        } finally {
            outLock.unlock();
        }
    }

    /**
     * Ends a COPY FROM STDIN from the reading thread: CopyDone, or CopyFail with {@code failure}, then a
     * Sync if {@code sync} (a COPY reached through execute(), whose own Sync the server ignored while in
     * copy-in mode). A failed write breaks the connection through the reader's error path.
     */
    void endCopyFromReader(String failure, boolean sync) throws IOException {
        outLock.lock();
        try {
            if (failure == null) {
                out.begin('c').end();
            } else {
                out.begin('f').cstring(failure).end();
            }
            if (sync) {
                out.sync();
            }
            out.flush();
        } finally {
            outLock.unlock();
        }
    }

    /** Waits for a request's future, reading responses on this thread unless the pump does. */
    private <T> T await(Pending<?> p, java.util.concurrent.CompletableFuture<T> future) throws PgException {
        while (!future.isDone()) {
            if (p.selfRead && readLock.tryLock()) {
                try {
                    while (!future.isDone()) {
                        readOne();
                    }
                } catch (IOException | PgException e) {
                    broken(e);
                } finally {
                    readLock.unlock();
                }
                handOff();
            } else {
                try {
                    future.get(p.selfRead ? 10 : Long.MAX_VALUE / 2, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
                    // loop: done, or the reader has let go of the lock
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PgException("interrupted while waiting for the server", e);
                }
            }
        }
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof PgException pe) {
                throw pe;
            }
            throw e;
        }
    }

    /** After a thread has read for itself: if requests of others remain, the pump takes over. */
    private void handOff() {
        boolean start;
        synchronized (pumpState) {
            start = !pumpRunning && (!pending.isEmpty() || listening()) && open;
            if (start) {
                pumpRunning = true;
            }
        }
        if (start) {
            startPump();
        }
    }

    private boolean listening() {
        return notificationListener != null || listening && System.nanoTime() - listenUntil < 0;
    }

    private void startPump() {
        Thread.ofPlatform().daemon().name("tusk-client-reader-" + pid).start(this::pump);
    }

    private void pump() {
        readLock.lock();
        try {
            while (true) {
                // Only a queue that looks empty needs the check made atomic with submit().
                if (pending.isEmpty() || !open) {
                    synchronized (pumpState) {
                        if (!open || pending.isEmpty() && !listening()) {
                            pumpRunning = false;
                            return;
                        }
                    }
                }
                readOne();
            }
        } catch (IOException | PgException e) {
            broken(e);
            synchronized (pumpState) {
                pumpRunning = false;
            }
        } finally {
            readLock.unlock();
        }
    }

    /** Reads one message and dispatches it. Called with readLock held. */
    private void readOne() throws IOException, PgException {
        Message m = in.read();
        MessageBody b = m.reader();
        char type = m.typeChar();
        switch (type) {
            case 'N' -> {
                notice(b);
                return;
            }
            case 'A' -> {
                Notification n = new Notification(b.readInt32(), b.readCString(), b.readCString());
                NotificationListener l = notificationListener;
                if (l != null) {
                    try {
                        l.notification(n);
                    } catch (RuntimeException e) {
                        // a listener's failure must not break the protocol exchange
                    }
                } else {
                    notifications.add(n);
                }
                return;
            }
            case 'S' -> {
                parameters.put(b.readCString(), b.readCString());
                return;
            }
            case 'Z' -> {
                status = TransactionStatus.of((char) b.readByte());
                b = m.reader();
            }
            case 'E' -> {
                // A FATAL or PANIC error is the server's last word before it closes the connection: keep
                // it, so that the requests failing at end of file report it (libpq keeps its text too).
                ErrorFields f = ErrorFields.decode(b);
                String severity = f.get(ErrorFields.SEVERITY_NONLOCALIZED) != null
                        ? f.get(ErrorFields.SEVERITY_NONLOCALIZED) : f.severity();
                if ("FATAL".equals(severity) || "PANIC".equals(severity)) {
                    fatal = new ServerException(f);
                }
                b = m.reader();
            }
            default -> { }
        }
        while (true) {
            Pending<?> head = pending.peek();
            if (head == null) {
                if (type == 'E') {
                    // e.g. FATAL on an idle session (administrator command, idle timeout): the server closes
                    ServerException e = new ServerException(ErrorFields.decode(b));
                    broken = e;
                    closeQuietly();
                    throw new IOException(e.getMessage(), e);
                }
                throw new PgException("unexpected message type \"" + type + "\" from server");
            }
            int r = head.handle(type, b);
            if (r == Pending.CONTINUE) {
                return;
            }
            pending.poll();
            if (r == Pending.DONE) {
                return;
            }
            b = m.reader();
        }
    }

    /** The connection is unusable: fail every queued request. */
    private void broken(Exception e) {
        PgException failure = e instanceof PgException pe ? pe
                : e.getCause() instanceof PgException pe ? pe
                : fatal != null ? fatal
                : new PgException("server closed the connection unexpectedly: " + e.getMessage(), e);
        if (broken == null) {
            broken = failure;
        }
        closeQuietly();
        for (Pending<?> p; (p = pending.poll()) != null;) {
            p.fail(broken);
        }
        notificationListener = null;
    }

    private static Consumer<MessageWriter> sync(Consumer<MessageWriter> messages) {
        return w -> {
            messages.accept(w);
            w.sync();
        };
    }

    // ---- the API -------------------------------------------------------------------------------

    @Override
    public List<Result> query(String sql) throws PgException {
        Pending.SimpleQuery q = submit(new Pending.SimpleQuery(this), w -> w.query(sql), false, true);
        return await(q, q.future);
    }

    @Override
    public List<Result> query(String sql, org.tusk.client.CopyHandler copy) throws PgException {
        requestLock.lock(); // nothing may be written between the Query and its COPY data
        try {
            Pending.SimpleQuery q = submit(new Pending.SimpleQuery(this, copy), w -> w.query(sql), false, true);
            return await(q, q.future);
        } finally {
            requestLock.unlock();
        }
    }

    /** Parameter types from the Java values; the formats and bytes for types the server settled on. */
    private static Consumer<MessageWriter> bind(String portal, String statement, Object[] params, int[] types,
            short[] resultFormats) {
        short[] formats = new short[params.length];
        byte[][] values = new byte[params.length][];
        for (int i = 0; i < params.length; i++) {
            Codec.Encoded e = Codec.encode(params[i], i < types.length ? types[i] : 0);
            formats[i] = e.format();
            values[i] = e.bytes();
        }
        return w -> w.bind(portal, statement, formats, values, resultFormats);
    }

    private static int[] javaTypes(Object[] params) {
        int[] types = new int[params.length];
        for (int i = 0; i < params.length; i++) {
            types[i] = Codec.oidOf(params[i]);
        }
        return types;
    }

    private static final short[] TEXT = new short[0];

    Pending.Execute submitExecute(String sql, Object[] params, boolean ownSync, boolean async, boolean flush) {
        int[] types = javaTypes(params);
        Consumer<MessageWriter> bind = bind("", "", params, types, TEXT);
        Consumer<MessageWriter> messages = w -> {
            w.parse("", sql, types);
            bind.accept(w);
            w.describe('P', "").execute("", 0);
        };
        return submit(new Pending.Execute(this, ownSync, null, null), ownSync ? sync(messages) : messages, async, flush);
    }

    Pending.Execute submitPrepared(PgPreparedStatement s, Object[] params, boolean ownSync, boolean async,
            boolean flush) {
        Consumer<MessageWriter> messages = w -> {
            bind("", s.name(), params, s.types, s.resultFormats).accept(w);
            w.execute("", 0);
        };
        return submit(new Pending.Execute(this, ownSync, s.columns(), null), ownSync ? sync(messages) : messages, async,
                flush);
    }

    @Override
    public Result execute(String sql, Object... parameters) throws PgException {
        Pending.Execute e = submitExecute(sql, parameters, true, false, true);
        return await(e, e.future);
    }

    @Override
    public CompletableFuture<Result> executeAsync(String sql, Object... parameters) {
        return submitExecute(sql, parameters, true, true, true).future;
    }

    Result executePrepared(PgPreparedStatement s, Object[] parameters) throws PgException {
        Pending.Execute e = submitPrepared(s, parameters, true, false, true);
        return await(e, e.future);
    }

    CompletableFuture<Result> executePreparedAsync(PgPreparedStatement s, Object[] parameters) {
        return submitPrepared(s, parameters, true, true, true).future;
    }

    @Override
    public PreparedStatement prepare(String sql) throws PgException {
        String name = "tusk_" + statementCounter.incrementAndGet();
        Pending.Describe d = submit(new Pending.Describe(true),
                w -> w.parse(name, sql, new int[0]).describe('S', name).sync(), false, true);
        await(d, d.future);
        return new PgPreparedStatement(this, name, sql, d.parameterTypes, d.columns);
    }

    void closeStatement(String name) throws PgException {
        Pending.Close c = submit(new Pending.Close(), w -> w.close('S', name).sync(), false, true);
        await(c, c.future);
    }

    @Override
    public Pipeline pipeline() throws PgException {
        requestLock.lock();
        if (!open) {
            requestLock.unlock();
            throw broken != null ? broken : new PgException("connection is closed");
        }
        return new PgPipeline(this);
    }

    /** For the pipeline: queue without Sync, without flushing, read by the pump. */
    CompletableFuture<Result> pipelineExecute(String sql, Object[] parameters) {
        return submitExecute(sql, parameters, false, true, false).future;
    }

    CompletableFuture<Result> pipelineExecute(PgPreparedStatement s, Object[] parameters) {
        return submitPrepared(s, parameters, false, true, false).future;
    }

    CompletableFuture<TransactionStatus> pipelineSync() {
        return submit(new Pending.SyncPoint(), MessageWriter::sync, true, true).future;
    }

    void pipelineFlush() throws PgException {
        outLock.lock();
        try {
            out.flushMessage().flush();
        } catch (IOException e) {
            broken(e);
            throw broken;
        } finally {
            outLock.unlock();
        }
    }

    void pipelineEnd() {
        requestLock.unlock();
    }

    @Override
    public Result stream(String sql, int fetchSize, Consumer<Row> rows, Object... parameters) throws PgException {
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetchSize must be positive");
        }
        requestLock.lock(); // the portal lives until our Sync: no other request may come in between
        try {
            int[] javaTypes = javaTypes(parameters);
            Pending.Describe d = submit(new Pending.Describe(false),
                    w -> w.parse("", sql, javaTypes).describe('S', "").flushMessage(), false, true);
            try {
                await(d, d.future);
            } catch (PgException e) {
                syncAndWait();
                throw e;
            }
            short[] formats = new short[d.columns.size()];
            List<Column> columns = new ArrayList<>(formats.length);
            for (int i = 0; i < formats.length; i++) {
                Column c = d.columns.get(i);
                formats[i] = (short) (Codec.binaryResult(c.typeOid()) ? 1 : 0);
                columns.add(new Column(c.name(), c.typeOid(), c.typeSize(), c.typeModifier(), c.tableOid(),
                        c.columnNumber(), formats[i]));
            }
            List<Column> cols = List.copyOf(columns);
            Consumer<MessageWriter> bind = bind("", "", parameters, d.parameterTypes, formats);
            long[] count = {0};
            Consumer<Row> counting = row -> {
                count[0]++;
                rows.accept(row);
            };
            Pending.Execute batch = submit(new Pending.Execute(this, false, cols, counting), w -> {
                bind.accept(w);
                w.execute("", fetchSize).flushMessage();
            }, false, true);
            Result last;
            while (true) {
                try {
                    last = await(batch, batch.future);
                } catch (PgException e) {
                    syncAndWait();
                    throw e;
                }
                if (batch.sinkFailure() != null) {
                    syncAndWait();
                    throw batch.sinkFailure();
                }
                if (!batch.suspended()) {
                    break;
                }
                batch = submit(new Pending.Execute(this, false, cols, counting), w -> w.execute("", fetchSize).flushMessage(),
                        false, true);
            }
            syncAndWait();
            // The server's tag counts the rows of the last Execute only; report the whole result's.
            String tag = last.commandTag().startsWith("SELECT ") ? "SELECT " + count[0] : last.commandTag();
            return new Result(cols, List.of(), tag);
        } finally {
            requestLock.unlock();
        }
    }

    private void syncAndWait() throws PgException {
        Pending.SyncPoint s = submit(new Pending.SyncPoint(), MessageWriter::sync, false, true);
        await(s, s.future);
    }

    @Override
    public CopyIn copyIn(String sql) throws PgException {
        requestLock.lock(); // held until the CopyIn is closed or failed
        boolean handedOver = false;
        try {
            Pending.CopyInRequest r = submit(new Pending.CopyInRequest(), w -> w.query(sql), false, true);
            await(r, r.started);
            handedOver = true;
            return new PgCopyIn(this, r);
        } finally {
            if (!handedOver) {
                requestLock.unlock();
            }
        }
    }

    @Override
    public org.tusk.client.CopyBoth copyBoth(String sql) throws PgException {
        requestLock.lock(); // held until the copy is closed: both sides' CopyData own the connection
        boolean handedOver = false;
        try {
            Pending.CopyBothRequest r = submit(new Pending.CopyBothRequest(), w -> w.query(sql), false, true);
            org.tusk.protocol.CopyResponse response = await(r, r.started);
            handedOver = true;
            return new PgCopyBoth(this, r, response.binary());
        } finally {
            if (!handedOver) {
                requestLock.unlock();
            }
        }
    }

    /**
     * The next CopyData of a copy in both directions, or null after the server's CopyDone: flushes what
     * was written, then reads on this thread (or waits for the reader thread, if one was running when the
     * copy began).
     */
    byte[] copyBothRead(Pending.CopyBothRequest r) throws PgException {
        flushOut();
        while (true) {
            byte[] d = r.data.poll();
            if (d != null) {
                return d;
            }
            if (r.future.isDone()) {
                await(r, r.future); // throws the server's error or the broken connection's
                return null;
            }
            if (r.serverDone) {
                return null;
            }
            if (r.selfRead && readLock.tryLock()) {
                try {
                    while (r.data.isEmpty() && !r.serverDone && !r.future.isDone()) {
                        readOne();
                    }
                } catch (IOException | PgException e) {
                    broken(e);
                } finally {
                    readLock.unlock();
                }
            } else {
                try {
                    d = r.data.poll(10, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PgException("interrupted while waiting for the server", e);
                }
                if (d != null) {
                    return d;
                }
            }
        }
    }

    /** CopyDone for the client's side of a copy in both directions. */
    void copyBothDone() throws PgException {
        outLock.lock();
        try {
            out.begin('c').end();
            out.flush();
        } catch (IOException e) {
            broken(e);
            throw broken;
        } finally {
            outLock.unlock();
        }
    }

    /** The end of a copy in both directions: the statement's tag or error; releases the connection. */
    String copyBothEnd(Pending.CopyBothRequest r) throws PgException {
        try {
            while (copyBothRead(r) != null) {
                // the server's data after our CopyDone is dropped
            }
            return await(r, r.future);
        } finally {
            requestLock.unlock();
        }
    }

    void copyData(byte[] data, int off, int len) throws PgException {
        outLock.lock();
        try {
            out.begin('d').bytes(data, off, len).end();
            if (out.pending() > 65536) {
                out.flush();
            }
        } catch (IOException e) {
            broken(e);
            throw broken;
        } finally {
            outLock.unlock();
        }
    }

    /** CopyDone or CopyFail, then the end of the COPY; releases the connection. */
    String copyEnd(Pending.CopyInRequest r, String failure) throws PgException {
        try {
            outLock.lock();
            try {
                if (failure == null) {
                    out.begin('c').end();
                } else {
                    out.begin('f').cstring(failure).end();
                }
                out.flush();
            } catch (IOException e) {
                broken(e);
            } finally {
                outLock.unlock();
            }
            return await(r, r.future);
        } finally {
            requestLock.unlock();
        }
    }

    @Override
    public long copyOut(String sql, OutputStream target) throws PgException {
        Pending.CopyOutRequest r = submit(new Pending.CopyOutRequest(target), w -> w.query(sql), false, true);
        String tag = await(r, r.future);
        if (r.targetFailure() != null) {
            throw new PgException("could not write COPY data: " + r.targetFailure().getMessage(), r.targetFailure());
        }
        return new Result(List.of(), List.of(), tag).rowsAffected();
    }

    @Override
    public Notification pollNotification(Duration timeout) throws PgException, InterruptedException {
        Notification n = notifications.poll();
        if (n != null || timeout.isZero() && !open) {
            return n;
        }
        if (!open) {
            throw broken != null ? broken : new PgException("connection is closed");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean start;
        synchronized (pumpState) {
            if (!listening || deadline - listenUntil > 0) {
                listenUntil = deadline;
                listening = true;
            }
            start = !pumpRunning;
            if (start) {
                pumpRunning = true;
            }
        }
        if (start) {
            startPump();
        }
        return notifications.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void setNotificationListener(NotificationListener listener) {
        notificationListener = listener;
        if (listener != null) {
            for (Notification n; (n = notifications.poll()) != null;) {
                listener.notification(n);
            }
            handOff();
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
    public String hostaddr() {
        if (address instanceof InetSocketAddress a && a.getAddress() != null) {
            // an address given as the host is shown as written (libpq prints IPv6 compressed, Java does not)
            boolean literal = host.matches("[0-9.]+") || host.contains(":");
            return literal ? host : a.getAddress().getHostAddress();
        }
        return "";
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public String user() {
        return user;
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
        requestLock.lock();
        try {
            if (open) {
                outLock.lock();
                try {
                    out.terminate().flush();
                } catch (IOException | RuntimeException ignored) {
                    // closing anyway
                } finally {
                    outLock.unlock();
                }
                closeQuietly();
                for (Pending<?> p; (p = pending.poll()) != null;) {
                    p.fail(new PgException("connection is closed"));
                }
            }
        } finally {
            requestLock.unlock();
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

    /**
     * The client side of SCRAM-SHA-256 as libpq does it, with channel binding (SCRAM-SHA-256-PLUS,
     * tls-server-end-point) when {@code gs2Header} is {@code p=tls-server-end-point,,}; {@code y,,} says
     * the client could bind but the server did not offer it (so a downgrade is detected), {@code n,,}
     * that the client does not bind.
     */
    private static final class Scram {
        private final String password;
        private final String gs2Header;
        private final byte[] bindingData;
        final boolean plus;
        private final String nonce = ScramSha256.nonce();
        private String clientFirstBare;
        private String authMessage;
        private byte[] salted;

        Scram(String password, String gs2Header, byte[] bindingData) {
            this.password = password;
            this.gs2Header = gs2Header;
            this.bindingData = bindingData;
            this.plus = gs2Header.startsWith("p=");
        }

        String clientFirst() {
            clientFirstBare = "n=,r=" + nonce;
            return gs2Header + clientFirstBare;
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
            byte[] header = gs2Header.getBytes(StandardCharsets.US_ASCII);
            byte[] cbind = new byte[header.length + bindingData.length];
            System.arraycopy(header, 0, cbind, 0, header.length);
            System.arraycopy(bindingData, 0, cbind, header.length, bindingData.length);
            String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbind) + ",r=" + r;
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

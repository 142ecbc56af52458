package org.tusk.backend.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.MessageReader;
import org.tusk.protocol.MessageWriter;
import org.tusk.protocol.ProtocolException;
import org.tusk.protocol.StartupPacketReader;
import org.tusk.spi.AuthenticationFailedException;
import org.tusk.spi.AuthenticationMethod;
import org.tusk.spi.BackendContext;
import org.tusk.spi.BackendRegistry.BackendState;
import org.tusk.spi.ClientConnection;
import org.tusk.spi.NotificationQueue;
import org.tusk.spi.Role;
import org.tusk.spi.RoleDirectory;
import org.tusk.spi.SessionInfo;
import org.tusk.spi.Settings;
import org.tusk.spi.SqlEngine;
import org.tusk.spi.SqlException;
import org.tusk.spi.SqlSession;

/**
 * One backend's life, in PostgreSQL's order: startup packet, authentication, session set-up
 * (AuthenticationOk, ParameterStatus, BackendKeyData, ReadyForQuery), then the query loop until the
 * client terminates or a FATAL error ends the session. Whatever happens, the connection is closed and
 * nothing escapes to the launcher but a bug.
 */
final class BackendConnection {
    private static final Logger LOG = LoggerFactory.getLogger(BackendConnection.class);
    private static final Marker FATAL = MarkerFactory.getMarker("FATAL");

    /** What PostgreSQL tells clients of the other backends when one crashed. */
    static final ErrorFields CRASH_EXIT = ErrorFields.of("WARNING", "57P02",
            "terminating connection because of crash of another server process")
            .detail("The postmaster has commanded this server process to roll back the current transaction and exit,"
                    + " because another server process exited abnormally and possibly corrupted shared memory.")
            .hint("In a moment you should be able to reconnect to the database and repeat your command.").build();

    /** PostgreSQL's default authentication_timeout. */
    private static final Duration DEFAULT_AUTHENTICATION_TIMEOUT = Duration.ofSeconds(60);

    private final ClientConnection connection;
    private final BackendContext context;
    private final SqlEngine engine;
    private final Function<String, AuthenticationMethod> authMethods;
    private final ServerTls tls;
    private final Optional<HbaFile> hba;
    private final RoleDirectory roles;
    private final NotificationQueue notificationQueue;

    /**
     * @param hba pg_hba.conf as loaded; empty when the cluster has none (every connection is trusted)
     * @param notificationQueue the cluster's LISTEN/NOTIFY queue; null when there is none
     */
    BackendConnection(ClientConnection connection, BackendContext context, SqlEngine engine,
            Function<String, AuthenticationMethod> authMethods, ServerTls tls, Optional<HbaFile> hba,
            RoleDirectory roles, NotificationQueue notificationQueue) {
        this.notificationQueue = notificationQueue;
        this.connection = connection;
        this.context = context;
        this.engine = engine;
        this.authMethods = authMethods;
        this.tls = tls;
        this.hba = hba;
        this.roles = roles;
    }

    void run() {
        long started = System.nanoTime();
        // What log_line_prefix shows about this session (%p %r %h %c %s now; %u %d %a once known).
        MDC.put("pid", Integer.toString(context.identity().processId()));
        MDC.put("remote_host", connection.remoteHost());
        if (connection.remotePort() >= 0) {
            MDC.put("remote_port", Integer.toString(connection.remotePort()));
        }
        MDC.put("session_start", Long.toString(System.currentTimeMillis()));
        try {
            serve(started);
        } finally {
            MDC.clear();
        }
    }

    private void serve(long started) {
        InputStream plainIn;
        MessageWriter plainOut;
        try {
            plainIn = connection.input();
            plainOut = new MessageWriter(connection.output());
        } catch (IOException e) {
            LOG.debug("could not open connection streams", e);
            return;
        }
        // The start-up phase owns the streams: after an SSLRequest they are the TLS channel's, and every
        // reply from then on, errors included, must go through it.
        StartupPhase startup = new StartupPhase(connection, plainIn, plainOut, context.registry(), tls);
        Map<String, String> settings = context.settings();
        if (Settings.isOn(settings.get("log_connections"))) {
            LOG.info("connection received: host={}{}", connection.remoteHost(),
                    connection.remotePort() >= 0 ? " port=" + connection.remotePort() : "");
        }
        // A termination request must reach a backend blocked reading from its client: end that read.
        context.signals().onTerminate(this::shutdownInput);
        StartupPhase.StartupRequest request = null;
        try {
            connection.setReadTimeout(authenticationTimeout(settings));
            request = startup.run();
            if (request == null) {
                return; // a CancelRequest: delivered, nothing to answer
            }
            InputStream in = startup.input();
            MessageWriter out = startup.output();
            Optional<Role> role = roles == null ? Optional.empty() : roles.find(request.user());
            switch (context.registry().admit(context.identity().processId(),
                    role.map(Role::superuser).orElse(false))) {
                case ADMITTED -> {
                }
                case TOO_MANY_CLIENTS -> throw new FatalException("53300", "sorry, too many clients already");
                case SHUTTING_DOWN -> throw new FatalException("57P03", "the database system is shutting down");
                case IN_RECOVERY -> throw new FatalException("57P03", "the database system is in recovery mode");
            }
            MessageReader reader = new MessageReader(in, MessageReader::frontendLimit);
            MDC.put("user", request.user());
            MDC.put("database", request.database());
            MDC.put("application_name", request.parameters().getOrDefault("application_name", ""));
            authenticate(request, reader, out, role, startup);
            NotificationQueue.Endpoint endpoint = attachToNotificationQueue();
            SqlSession session;
            try {
                session = openSession(request, endpoint);
            } catch (FatalException | RuntimeException e) {
                closeEndpoint(endpoint);
                throw e;
            }
            try (session) {
                sendSessionStart(session, out);
                connection.setReadTimeout(Duration.ZERO);
                if (Settings.isOn(settings.get("log_connections"))) {
                    LOG.info("connection authorized: user={} database={} application_name={}", request.user(),
                            request.database(), request.parameters().getOrDefault("application_name", ""));
                }
                new QueryLoop(reader, out, session, context, request, endpoint).run();
            } finally {
                closeEndpoint(endpoint);
            }
        } catch (FatalException e) {
            sendFatal(startup.output(), e.fields(), e.logDetail());
        } catch (SocketTimeoutException e) {
            // authentication_timeout expired; PostgreSQL closes silently.
            LOG.info("authentication timeout for client {}", connection.remoteHost());
        } catch (EOFException e) {
            if (context.signals().crashExitRequested()) {
                sendFatal(startup.output(), CRASH_EXIT);
            } else if (context.signals().terminateRequested()) {
                // Our own read was ended to deliver the termination: tell the client why.
                sendFatal(startup.output(), ErrorFields.of("FATAL", "57P01",
                        "terminating connection due to administrator command").build());
            } else if (e instanceof StartupPacketReader.IncompletePacketException) {
                LOG.info(request == null ? "incomplete startup packet" : "unexpected EOF on client connection");
            }
            // Otherwise the client left between messages; nothing to report.
        } catch (ProtocolException e) {
            // PostgreSQL reports invalid startup lengths only to its log, then closes.
            LOG.info("{}", e.getMessage());
            if (request != null) {
                sendFatal(startup.output(), ErrorFields.of("FATAL", e.sqlState(), e.getMessage()).build());
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.info("could not receive data from client: {}", e.getMessage());
        } finally {
            close();
            if (request != null && Settings.isOn(settings.get("log_disconnections"))) {
                Duration d = Duration.ofNanos(System.nanoTime() - started);
                LOG.info("disconnection: session time: {}:{}:{}.{} user={} database={} host={}", d.toHours(),
                        two(d.toMinutesPart()), two(d.toSecondsPart()), String.format("%03d", d.toMillisPart()),
                        request.user(), request.database(), connection.remoteHost());
            }
        }
    }

    /**
     * PostgreSQL's ClientAuthentication followed by the role checks of InitPostgres: the first matching
     * pg_hba.conf line names the method, the method runs its exchange, and the role must exist and be
     * allowed to log in. Ends with AuthenticationOk (buffered).
     */
    private void authenticate(StartupPhase.StartupRequest request, MessageReader reader, MessageWriter out,
            Optional<Role> role, StartupPhase startup) throws IOException, FatalException {
        String user = request.user();
        String database = request.database();
        String host = connection.remoteHost();
        String methodName = "trust";
        HbaFile.Line line = null;
        if (hba.isPresent()) {
            HbaFile.Client client = new HbaFile.Client(connection.isLocal(), startup.tlsInUse(),
                    connection.isLocal() ? null : HbaFile.clientAddress(host), user, database, role.isPresent());
            String encryption = startup.tlsInUse() ? "SSL encryption" : "no encryption";
            line = hba.get().match(client).orElseThrow(() -> new FatalException("28000", "no pg_hba.conf entry for host \""
                    + host + "\", user \"" + user + "\", database \"" + database + "\", " + encryption));
            methodName = line.method();
            if (methodName.equals("reject")) {
                throw new FatalException("28000", "pg_hba.conf rejects connection for host \"" + host + "\", user \""
                        + user + "\", database \"" + database + "\", " + encryption);
            }
        }
        String matched = line == null ? null
                : "Connection matched pg_hba.conf line " + line.number() + ": \"" + line.text() + "\"";
        AuthenticationMethod method = authMethods.apply(methodName);
        if (method == null) {
            LOG.warn("authentication method \"{}\" is named in pg_hba.conf but not installed", methodName);
            throw new FatalException(ErrorFields.of("FATAL", "28000",
                    "authentication method \"" + methodName + "\" is not available").build(), matched);
        }
        ServerTls usedTls = startup.tls();
        try {
            method.authenticate(new WireAuthenticationExchange(reader, out, user, database, host,
                    startup.tlsInUse(), usedTls == null ? Optional.empty() : usedTls.tlsServerEndPoint()));
        } catch (AuthenticationFailedException e) {
            ErrorFields.Builder fields = ErrorFields.of("FATAL", e.sqlState(), e.getMessage());
            if (e.detail() != null) {
                fields.detail(e.detail());
            }
            String logDetail = e.logDetail() != null ? e.logDetail() : e.detail();
            if (matched != null && e.sqlState().startsWith("28")) {
                logDetail = logDetail == null ? matched : logDetail + "\n\t" + matched;
            }
            throw new FatalException(fields.build(), logDetail);
        }
        if (role.isEmpty()) {
            throw new FatalException("28000", "role \"" + user + "\" does not exist");
        }
        if (!role.get().canLogin()) {
            throw new FatalException("28000", "role \"" + user + "\" is not permitted to log in");
        }
        out.authenticationOk();
    }

    /**
     * The backend's slot in the LISTEN/NOTIFY queue (PostgreSQL's backends all have one in shared
     * memory). Without the queue service, or with every slot taken, the session runs without LISTEN.
     */
    private NotificationQueue.Endpoint attachToNotificationQueue() {
        if (notificationQueue == null) {
            return null;
        }
        try {
            return notificationQueue.attach(context.identity().processId());
        } catch (IllegalStateException e) {
            LOG.warn("LISTEN/NOTIFY unavailable for this session: {}", e.getMessage());
            return null;
        }
    }

    private static void closeEndpoint(NotificationQueue.Endpoint endpoint) {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private SqlSession openSession(StartupPhase.StartupRequest request, NotificationQueue.Endpoint endpoint)
            throws FatalException {
        try {
            return engine.openSession(new SessionInfo(request.user(), request.database(), request.parameters(),
                    context.settings(), context.signals(), context.identity().processId(), endpoint));
        } catch (SqlException e) {
            throw new FatalException(e.fields().toBuilder().set(ErrorFields.SEVERITY, "FATAL")
                    .set(ErrorFields.SEVERITY_NONLOCALIZED, "FATAL").build());
        }
    }

    private void sendSessionStart(SqlSession session, MessageWriter out) throws IOException {
        for (Map.Entry<String, String> s : session.reportedSettings()) {
            out.parameterStatus(s.getKey(), s.getValue());
        }
        out.backendKeyData(context.identity().processId(), context.identity().secretKey());
        out.readyForQuery(session.transactionStatus());
        out.flush();
        context.registry().reportState(context.identity().processId(), BackendState.IDLE, null, null, null);
    }

    private void sendFatal(MessageWriter out, ErrorFields fields) {
        sendFatal(out, fields, null);
    }

    private void sendFatal(MessageWriter out, ErrorFields fields, String logDetail) {
        if (fields == null) {
            return;
        }
        if (logDetail != null) {
            LOG.info(FATAL, "{}\nDETAIL:  {}", fields.message(), logDetail);
        } else {
            LOG.info(FATAL, "{}", fields.message());
        }
        try {
            if ("WARNING".equals(fields.severity())) {
                out.noticeResponse(fields).flush(); // PostgreSQL's client-only warning before closing
            } else {
                out.errorResponse(fields).flush();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not send error to client", e);
        }
    }

    private void shutdownInput() {
        try {
            connection.shutdownInput();
        } catch (IOException e) {
            LOG.debug("could not shut down input", e);
        }
    }

    private void close() {
        try {
            connection.close();
        } catch (IOException e) {
            LOG.debug("error closing connection", e);
        }
    }

    private static Duration authenticationTimeout(Map<String, String> settings) {
        String v = settings.get("authentication_timeout");
        if (v == null) {
            return DEFAULT_AUTHENTICATION_TIMEOUT;
        }
        try {
            String digits = v.trim().toLowerCase();
            if (digits.endsWith("min")) {
                return Duration.ofMinutes(Long.parseLong(digits.substring(0, digits.length() - 3).trim()));
            }
            if (digits.endsWith("s")) {
                digits = digits.substring(0, digits.length() - 1).trim();
            }
            return Duration.ofSeconds(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return DEFAULT_AUTHENTICATION_TIMEOUT;
        }
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}

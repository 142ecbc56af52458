package org.tusk.benchmark.storm;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.tusk.protocol.Message;
import org.tusk.protocol.MessageReader;
import org.tusk.protocol.MessageWriter;

/**
 * The connection-storm driver. Two modes:
 *
 * <ul>
 *   <li>{@code storm}: opens and closes {@code --connections} connections as fast as possible from
 *       {@code --threads} client threads (after {@code --warmup} unmeasured ones) and prints the
 *       distribution of connection-setup latency (socket connect start to ReadyForQuery) and the
 *       rate.
 *   <li>{@code idle}: opens {@code --connections} connections, prints {@code READY}, holds them idle
 *       until a line (or end of file) arrives on standard input or {@code --hold-seconds} pass, then
 *       terminates them. The caller measures the server's memory while they are held.
 * </ul>
 *
 * <p>Each connection: TCP connect (TCP_NODELAY), StartupMessage (user, database), read until
 * ReadyForQuery, Terminate, close. The client is the same for every server, so differences are the
 * server's. Only trust authentication is supported (AuthenticationOk); anything else is an error.
 */
public final class ConnectionStorm {

    private final String host;
    private final int port;
    private final String user;
    private final String database;
    private final int connections;
    private final int threads;
    private final int warmup;
    private final int timeoutMillis;
    private final int holdSeconds;
    private final InetSocketAddress address;
    private final String latencyFile;

    private ConnectionStorm(Map<String, String> options) throws IOException {
        host = options.getOrDefault("host", "127.0.0.1");
        port = Integer.parseInt(options.getOrDefault("port", "5432"));
        user = options.getOrDefault("user", "postgres");
        database = options.getOrDefault("database", user);
        connections = positive(options, "connections", 2000);
        threads = positive(options, "threads", 8);
        warmup = Integer.parseInt(options.getOrDefault("warmup", "200"));
        timeoutMillis = positive(options, "timeout-ms", 10_000);
        holdSeconds = positive(options, "hold-seconds", 600);
        address = new InetSocketAddress(InetAddress.getByName(host), port); // resolved once, not per connection
        latencyFile = options.get("latencies");
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            usage(System.out);
            return;
        }
        String mode = args[0];
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw usageError("unexpected argument: " + a);
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                options.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length) {
                options.put(a.substring(2), args[++i]);
            } else {
                throw usageError("missing value for " + a);
            }
        }
        for (String k : options.keySet()) {
            if (!List.of("host", "port", "user", "database", "connections", "threads", "warmup", "timeout-ms",
                    "hold-seconds", "latencies").contains(k)) {
                throw usageError("unknown option --" + k);
            }
        }
        ConnectionStorm storm = new ConnectionStorm(options);
        int status = switch (mode) {
            case "storm" -> storm.storm();
            case "idle" -> storm.idle();
            default -> throw usageError("unknown mode " + mode);
        };
        System.exit(status);
    }

    private static IllegalArgumentException usageError(String message) {
        usage(System.err);
        return new IllegalArgumentException(message);
    }

    private static void usage(PrintStream out) {
        out.println("""
                usage: java -jar connection-storm.jar storm|idle [options]
                  --host H          server address (default 127.0.0.1)
                  --port P          server port (default 5432)
                  --user U          user name (default postgres)
                  --database D      database name (default: the user name)
                  --connections N   storm: connections measured (default 2000); idle: connections held
                  --threads T       client threads (default 8)
                  --warmup W        storm: unmeasured connections first (default 200)
                  --timeout-ms MS   connect/read timeout per connection (default 10000)
                  --hold-seconds S  idle: release the connections after S seconds at the latest (default 600)
                  --latencies FILE  storm: also write each measured connection as "start_us latency_us thread"
                """);
    }

    private static int positive(Map<String, String> options, String name, int fallback) {
        int v = Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
        if (v <= 0) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return v;
    }

    // ---- storm ---------------------------------------------------------------------------------

    private int storm() throws InterruptedException {
        if (warmup > 0) {
            Round w = round(warmup);
            if (w.failure.get() != null) {
                return fail("warm-up", w);
            }
        }
        Round r = round(connections);
        if (r.failure.get() != null) {
            return fail("storm", r);
        }
        if (latencyFile != null) {
            try (PrintStream out = new PrintStream(latencyFile, StandardCharsets.UTF_8)) {
                out.printf(Locale.ROOT, "# start_us latency_us thread; start 0 = %d us since the epoch%n",
                        r.startEpochMicros);
                for (int i = 0; i < connections; i++) {
                    out.printf(Locale.ROOT, "%d %d %d%n", us(r.starts[i] - r.startNanos), us(r.latencies[i]),
                            r.threads[i]);
                }
            } catch (IOException e) {
                System.err.println("connection-storm: cannot write " + latencyFile + ": " + e.getMessage());
                return 2;
            }
        }
        long[] sorted = r.latencies.clone();
        Arrays.sort(sorted);
        double seconds = r.elapsedNanos / 1e9;
        double rate = connections / seconds;
        System.out.printf(Locale.ROOT,
                "%s:%d  %d connections, %d threads (after %d warm-up): median %.3f ms, p90 %.3f ms, p99 %.3f ms,"
                        + " max %.3f ms, %.0f connections/s%n",
                host, port, connections, threads, warmup, ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.90)),
                ms(percentile(sorted, 0.99)), ms(sorted[sorted.length - 1]), rate);
        System.out.printf(Locale.ROOT,
                "RESULT count=%d median_us=%d p90_us=%d p99_us=%d max_us=%d conn_per_s=%.1f%n", connections,
                us(percentile(sorted, 0.50)), us(percentile(sorted, 0.90)), us(percentile(sorted, 0.99)),
                us(sorted[sorted.length - 1]), rate);
        return 0;
    }

    private static int fail(String phase, Round r) {
        System.err.println("connection-storm: " + phase + " failed after " + r.done.get() + " connections: "
                + r.failure.get());
        return 2;
    }

    /** Nearest-rank percentile of a sorted array. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long us(long nanos) {
        return Math.round(nanos / 1e3);
    }

    private static final class Round {
        final long[] latencies;
        final long[] starts;
        final int[] threads;
        long startNanos;
        long startEpochMicros;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<String> failure = new AtomicReference<>();
        long elapsedNanos;

        Round(int n) {
            latencies = new long[n];
            starts = new long[n];
            threads = new int[n];
        }
    }

    /** {@code n} connections opened and closed by {@link #threads} threads, each taking the next index. */
    private Round round(int n) throws InterruptedException {
        Round r = new Round(n);
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        r.startNanos = start;
        Instant now = Instant.now();
        r.startEpochMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(Thread.ofPlatform().name("storm-" + t).start(() -> {
                int i;
                while (r.failure.get() == null && (i = r.next.getAndIncrement()) < n) {
                    try (Socket s = new Socket()) {
                        Session session = open(s);
                        r.latencies[i] = session.setupNanos;
                        r.starts[i] = session.startNanos;
                        r.threads[i] = thread;
                        session.writer.terminate().flush();
                        r.done.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        r.failure.compareAndSet(null, describe(e));
                    }
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        r.elapsedNanos = System.nanoTime() - start;
        return r;
    }

    // ---- idle ----------------------------------------------------------------------------------

    private int idle() throws InterruptedException, IOException {
        ConcurrentLinkedQueue<Socket> held = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Session> sessions = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name("idle-" + t).start(() -> {
                while (failure.get() == null && next.getAndIncrement() < connections) {
                    Socket s = new Socket();
                    held.add(s);
                    try {
                        sessions.add(open(s));
                    } catch (IOException | RuntimeException e) {
                        failure.compareAndSet(null, describe(e));
                    }
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        int status = 0;
        if (failure.get() != null) {
            System.err.println("connection-storm: idle: " + sessions.size() + " of " + connections
                    + " connections opened, then: " + failure.get());
            status = 2;
        } else {
            System.out.printf(Locale.ROOT, "READY %d connections held (opened in %.0f ms)%n", sessions.size(),
                    (System.nanoTime() - start) / 1e6);
            System.out.flush();
            Thread waiter = Thread.ofPlatform().daemon().start(() -> {
                try {
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                } catch (IOException e) {
                    // released either way
                }
            });
            waiter.join(TimeUnit.SECONDS.toMillis(holdSeconds));
            // the connections must still be alive: a server that dropped them would make the figure meaningless
            int alive = 0;
            for (Session s : sessions) {
                if (alive(s)) {
                    alive++;
                }
            }
            System.out.println("RELEASING " + alive + " connections still open");
            if (alive != sessions.size()) {
                System.err.println("connection-storm: idle: the server closed or wrote to "
                        + (sessions.size() - alive) + " idle connections");
                status = 2;
            }
        }
        for (Session s : sessions) {
            try {
                s.writer.terminate().flush();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Socket s : held) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing more to do
            }
        }
        return status;
    }

    /** An idle connection is alive when the server has neither closed it nor sent anything on it. */
    private static boolean alive(Session s) {
        try {
            if (s.in.available() > 0) {
                return false;
            }
            s.socket.setSoTimeout(1);
            s.in.read(); // data or end of file: not idle any more
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- one connection ------------------------------------------------------------------------

    private record Session(Socket socket, MessageWriter writer, BufferedInputStream in, long startNanos,
            long setupNanos) {
    }

    /** Connects {@code s} and runs the start-up exchange up to ReadyForQuery. */
    private Session open(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        long t0 = System.nanoTime();
        s.connect(address, timeoutMillis);
        MessageWriter writer = new MessageWriter(s.getOutputStream());
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("user", user);
        parameters.put("database", database);
        writer.startupMessage(parameters).flush();
        BufferedInputStream in = new BufferedInputStream(s.getInputStream(), 8192);
        MessageReader reader = new MessageReader(in);
        while (true) {
            Message m = reader.read();
            switch (m.typeChar()) {
                case 'R' -> {
                    int code = m.reader().readInt32();
                    if (code != 0) {
                        throw new IOException("authentication method " + code + " requested; use trust");
                    }
                }
                case 'E' -> throw new IOException("server error: " + errorText(m.body()));
                case 'Z' -> {
                    return new Session(s, writer, in, t0, System.nanoTime() - t0);
                }
                default -> {
                    // ParameterStatus, BackendKeyData, NoticeResponse: read and ignored
                }
            }
        }
    }

    /** The readable fields of an ErrorResponse body (type byte, cstring)*. */
    private static String errorText(byte[] body) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < body.length && body[i] != 0) {
            char field = (char) body[i++];
            int end = i;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            if (field == 'S' || field == 'C' || field == 'M') {
                sb.append(sb.isEmpty() ? "" : " ").append(new String(body, i, end - i, StandardCharsets.UTF_8));
            }
            i = end + 1;
        }
        return sb.toString();
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}

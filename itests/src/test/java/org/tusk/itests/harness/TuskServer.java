package org.tusk.itests.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Tusk server run from the unpacked distribution as a child process: {@code bin/tusk initdb -D DIR -U postgres}
 * then {@code bin/tusk postgres -D DIR -p PORT [-c name=value ...]}. Its output (stderr and stdout) goes to a
 * {@link ServerLog} (also copied to target/itests-work/logs/). {@link #start} returns once the server logs
 * {@value #READY}, or fails within {@link #READY_TIMEOUT}.
 * <p>
 * As root, {@code bin/tusk} switches to an unprivileged account itself; the data directory is therefore a path
 * that does not exist yet under a 0755 temp directory, which {@code bin/tusk initdb} creates and hands over.
 *
 * <pre>{@code
 * try (TuskServer tusk = TuskServer.builder().setting("backend_launcher", "virtual-thread").start()) {
 *     Psql.to(tusk.port()).command("select 1");
 *     tusk.awaitLog("started by launcher", Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class TuskServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    public static final String READY = "database system is ready to accept connections";
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final TuskDistribution distribution;
    private final Path workDir;
    private final Path dataDir;
    private final int port;
    private final Process process;
    private final ServerLog log;
    private Integer exitCode;

    private TuskServer(TuskDistribution distribution, Path workDir, Path dataDir, int port, Process process, ServerLog log) {
        this.distribution = distribution;
        this.workDir = workDir;
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A server with default settings. */
    public static TuskServer start() {
        return builder().start();
    }

    /** Options for {@link TuskServer}. */
    public static final class Builder {
        private final Map<String, String> settings = new LinkedHashMap<>();
        private String superuser = SUPERUSER;
        private boolean awaitListening = true;
        private final List<Path> plugins = new ArrayList<>();
        private final List<String> initdbArgs = new ArrayList<>();
        private String javaOptions;

        private Builder() {
        }

        /** Adds {@code -c name=value} to the postgres command line. */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /**
         * Runs the server with {@code backend_launcher} = {@code name}. A launcher other than the built-in
         * "thread" comes from the distribution's samples/, dropped into a private copy of the installation
         * before start (so no other server sees it).
         */
        public Builder launcher(String name) {
            settings.put("backend_launcher", name);
            if (!name.equals("thread")) {
                plugin("launcher-" + name);
            }
            return this;
        }

        /** Installs the sample plugin whose file name contains {@code part}, in a private copy of the installation. */
        public Builder plugin(String part) {
            plugins.add(TuskDistribution.get().sample(part));
            return this;
        }

        /** JVM options for the server ({@code TUSK_JAVA_OPTS}, which bin/tusk passes to java). */
        public Builder javaOptions(String options) {
            javaOptions = options;
            return this;
        }

        /** Extra arguments for {@code tusk initdb} (e.g. {@code --auth=scram-sha-256 --pwfile=FILE}). */
        public Builder initdb(String... args) {
            initdbArgs.addAll(List.of(args));
            return this;
        }

        /** The {@code -U} of initdb (default {@value TuskServer#SUPERUSER}, the same as the reference). */
        public Builder superuser(String name) {
            superuser = name;
            return this;
        }

        /**
         * Whether {@link #start()} also waits (up to 10 s) until the TCP port accepts connections after the
         * ready line (default true). PostgreSQL logs the ready line only once it listens; ServerLifecycleIT
         * checks that Tusk does too, with this turned off, so that other tests are not flaky if it doesn't.
         */
        public Builder awaitListening(boolean await) {
            awaitListening = await;
            return this;
        }

        public TuskServer start() {
            Path work = Unix.createPublicTempDirectory("tusk-itests-server-");
            TuskDistribution dist = plugins.isEmpty() ? TuskDistribution.get()
                    : TuskDistribution.get().privateCopy(work.resolve("install"), plugins);
            Path data = work.resolve("data");
            List<String> initdb = new ArrayList<>(List.of(dist.bin().toString(), "initdb", "-D", data.toString(), "-U",
                    superuser));
            initdb.addAll(initdbArgs);
            CommandResult init = Commands.run(initdb, Map.of(), Duration.ofSeconds(60));
            if (init.exitCode() != 0) {
                Unix.deleteRecursively(work);
                throw new AssertionError("bin/tusk initdb failed\n" + init.describe());
            }
            int port = FreePort.find();
            List<String> cmd = new ArrayList<>(List.of(dist.bin().toString(), "postgres", "-D", data.toString(),
                    "-p", Integer.toString(port)));
            settings.forEach((k, v) -> {
                cmd.add("-c");
                cmd.add(k + "=" + v);
            });
            Process process;
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                if (javaOptions != null) {
                    pb.environment().put("TUSK_JAVA_OPTS", javaOptions);
                }
                process = pb.start();
            } catch (IOException e) {
                Unix.deleteRecursively(work);
                throw new UncheckedIOException(e);
            }
            ServerLog log = ServerLog.pump("tusk", process.getInputStream(), ServerLog.logFile("tusk"));
            TuskServer server = new TuskServer(dist, work, data, port, process, log);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            try {
                log.await(READY, READY_TIMEOUT);
                if (awaitListening) {
                    server.awaitListening(Duration.ofSeconds(10));
                }
            } catch (AssertionError e) {
                server.close();
                throw new AssertionError("Tusk did not become ready (" + String.join(" ", cmd) + ")", e);
            }
            return server;
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** {@code bin/tusk} of the installation this server runs from (for control commands). */
    public Path bin() {
        return distribution.bin();
    }

    /** Runs {@code bin/tusk COMMAND -D DATADIR ARGS...}, e.g. {@code control("stop", "-m", "fast")}. */
    public CommandResult control(String command, String... args) {
        List<String> cmd = new ArrayList<>(List.of(bin().toString(), command, "-D", dataDir.toString()));
        cmd.addAll(List.of(args));
        return Commands.run(cmd, Map.of(), Duration.ofSeconds(60));
    }

    /** Waits for the server process to exit and returns its exit status. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Tusk did not exit within " + timeout + "\n" + log.tail(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    public Path dataDir() {
        return dataDir;
    }

    public TuskDistribution distribution() {
        return distribution;
    }

    /** The FileInstall-watched plugins/ directory of the distribution this server runs from. */
    public Path pluginsDir() {
        return distribution.pluginsDir();
    }

    public ServerLog log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True if a TCP connection to 127.0.0.1:port succeeds right now. */
    public boolean acceptsConnections() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until the TCP port accepts connections; fails after {@code timeout}. */
    public void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!acceptsConnections()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("Tusk does not accept connections on 127.0.0.1:" + port + " within " + timeout
                        + (process.isAlive() ? "" : " (it exited)") + "\n" + log.tail(40));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Waits for a log line (since the start) containing {@code text}. */
    public String awaitLog(String text, Duration timeout) {
        return log.await(0, text, timeout);
    }

    /** Waits for a log line after {@code mark} (see {@link ServerLog#mark()}) containing {@code text}. */
    public String awaitLog(int mark, String text, Duration timeout) {
        return log.await(mark, text, timeout);
    }

    public String awaitLog(int mark, Pattern regex, Duration timeout) {
        return log.awaitPattern(mark, regex, timeout);
    }

    /** SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}; returns the exit code (-1 if it had to be killed). */
    public synchronized int stop() {
        if (exitCode == null) {
            exitCode = process.isAlive() ? Unix.terminateTree(process, STOP_TIMEOUT) : process.exitValue();
            log.awaitEnd(Duration.ofSeconds(5));
        }
        return exitCode;
    }

    /** Stops the server and deletes its data directory (the log file under target/ stays). */
    @Override
    public synchronized void close() {
        stop();
        Unix.deleteRecursively(workDir);
    }
}

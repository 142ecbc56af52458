package org.tusk.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.tusk.sql.engine.TuskSqlEngine;
import org.tusk.storage.cluster.SharedStorageService;

/**
 * A cluster on real storage in a fresh temporary directory, stopped and deleted afterwards, in one of two
 * lifetimes chosen by how a test class registers it:
 * <ul>
 * <li>{@code @RegisterExtension static final TestCluster cluster = new TestCluster();}: one cluster for all
 * the tests of the class (starting one takes a while, so each test uses names of its own), started before
 * the class's {@code @BeforeAll} methods;</li>
 * <li>{@code @RegisterExtension final TestCluster cluster = new TestCluster();} (an instance field): a
 * cluster of its own for each test, for tests that need an empty cluster or crash it, started before the
 * class's {@code @BeforeEach} methods.</li>
 * </ul>
 * JUnit calls the class-level callbacks only for a static field, so a cluster that was not started for the
 * class is started for the test.
 */
final class TestCluster implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final Map<String, String> settings;
    private Path dir;
    private SharedStorageService storage;
    private TuskSqlEngine engine;
    /** Whether the cluster was started for the current test only (an instance field), not for the class. */
    private boolean perTest;

    /** A cluster with 16MB of shared buffers and 10 connections. */
    TestCluster() {
        this(Map.of());
    }

    /** A cluster with these storage settings over the defaults (e.g. {@code max_connections}). */
    TestCluster(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("shared_buffers", "16MB", "max_connections", "10"));
        all.putAll(settings);
        this.settings = Map.copyOf(all);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (storage == null) {
            start();
            perTest = true;
        }
    }

    private void start() throws IOException {
        dir = Files.createTempDirectory("tusk-sql-test");
        storage = new SharedStorageService();
        storage.start(dir, settings);
        engine = new TuskSqlEngine(storage);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
    }

    private void stop() throws IOException {
        try {
            storage.stop();
        } finally {
            storage = null;
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(TestCluster::delete);
            }
        }
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The storage, for tests that crash it ({@code reinitialize()}, as after a kill -9). */
    SharedStorageService storage() {
        return storage;
    }

    TuskSqlEngine engine() {
        return engine;
    }

    /**
     * Simulates a kill -9 of the server: the sessions of the current test are closed, then the storage is
     * abandoned as it is and recovered from the WAL (what the postmaster does after a backend crash).
     */
    void crash() {
        testSessions.forEach(t -> t.session.close());
        testSessions.clear();
        storage.reinitialize();
    }

    /** The sessions {@link #session()} handed out to the current test. */
    private final java.util.List<Transcript> testSessions = new java.util.ArrayList<>();

    /**
     * A new session of postgres in database postgres that ends with the current test (a test class can hold
     * it in a field: {@code private final Transcript t = cluster.session();}); the cluster allows 10 connections.
     */
    Transcript session() {
        Transcript t = transcript();
        testSessions.add(t);
        return t;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        testSessions.forEach(t -> t.session.close());
        testSessions.clear();
        if (perTest) {
            perTest = false;
            stop();
        }
    }

    /** A new session of the superuser postgres in database postgres. */
    Transcript transcript() {
        return new Transcript(engine, "postgres");
    }

    /** Runs {@code sql} in a new session, closed afterwards: the lines it produced, ending with Z. */
    java.util.List<String> run(String sql) {
        Transcript t = transcript();
        try {
            return t.run(sql);
        } finally {
            t.session.close();
        }
    }

    /** {@link Transcript#rowsOf} in a new session, closed afterwards. */
    String rows(String sql) {
        Transcript t = transcript();
        try {
            return t.rowsOf(sql);
        } finally {
            t.session.close();
        }
    }

    /** Runs {@code sql} in a new session and fails the test if it answered an error. */
    void ok(String sql) {
        java.util.List<String> out = run(sql);
        org.junit.jupiter.api.Assertions.assertFalse(out.stream().anyMatch(l -> l.startsWith("E ")),
                sql + " -> " + out);
    }
}

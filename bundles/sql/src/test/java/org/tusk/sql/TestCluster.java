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
import org.junit.jupiter.api.extension.ExtensionContext;
import org.tusk.sql.engine.TuskSqlEngine;
import org.tusk.storage.cluster.SharedStorageService;

/**
 * One cluster on real storage for all the tests of a class (starting one takes a while, so each test uses
 * names of its own instead of a cluster of its own): registered as
 * {@code @RegisterExtension static final TestCluster cluster = new TestCluster();}, it starts the storage in
 * a fresh temporary directory before the first test and stops it and deletes the directory after the last.
 */
final class TestCluster implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    private Path dir;
    private SharedStorageService storage;
    private TuskSqlEngine engine;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("tusk-sql-test");
        storage = new SharedStorageService();
        storage.start(dir, Map.of("shared_buffers", "16MB", "max_connections", "10"));
        engine = new TuskSqlEngine(storage);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            storage.stop();
        } finally {
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
        afterEach(null);
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
    public void afterEach(ExtensionContext context) {
        testSessions.forEach(t -> t.session.close());
        testSessions.clear();
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
}

package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A storage engine per test, in a directory of its own, for the tests that drive the access API over a real
 * engine: {@code @RegisterExtension final EngineFixture db = new EngineFixture(32);}. It starts the engine
 * without background threads (the tests checkpoint when they mean to), hands out sessions, and simulates a
 * kill -9 or a clean shutdown followed by a new start on the same directory, which is what most of these
 * tests are about.
 */
final class EngineFixture implements BeforeEachCallback, AfterEachCallback {

    private final int sharedBuffers;
    private final List<AccessSession> sessions = new ArrayList<>();
    private Path dir;
    private StorageEngine engine;

    /** @param sharedBuffers buffer pool size in pages (small, so that tests reach eviction). */
    EngineFixture(int sharedBuffers) {
        this.sharedBuffers = sharedBuffers;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("tusk-engine-test");
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            closeSessions();
            engine.shutdown();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The settings the engine runs with; a test that needs others restarts with {@link #restartWith}. */
    EngineSettings settings() {
        return EngineSettings.small().withBackgroundThreads(false).withSharedBuffers(sharedBuffers)
                .withDeadlockTimeout(Duration.ofMillis(50));
    }

    private void start() {
        engine = StorageEngine.create(dataDirectory(), segmentFile(), settings());
    }

    StorageEngine engine() {
        return engine;
    }

    /** The test's own directory (the cluster is in data/ below it). */
    Path dir() {
        return dir;
    }

    Path dataDirectory() {
        return dir.resolve("data");
    }

    Path segmentFile() {
        return dir.resolve("segment.shm");
    }

    /** A new backend session; closed when the engine stops. */
    AccessSession open() {
        AccessSession s = AccessSession.open(engine, engine.openSession(4711 + sessions.size()));
        sessions.add(s);
        return s;
    }

    /** Simulates a kill -9 of the cluster and starts it again; recovery must have run. */
    void crashAndRestart() {
        engine.crash();
        closeSessions();
        start();
        assertTrue(engine.recoveryOutcome().performed(), "recovery ran after the crash");
    }

    /** Shuts the cluster down cleanly (a shutdown checkpoint) and starts it again. */
    void shutdownAndRestart() {
        closeSessions();
        engine.shutdown();
        start();
    }

    /** Shuts the cluster down cleanly and starts it with other settings; later restarts use the defaults. */
    StorageEngine restartWith(EngineSettings other) {
        closeSessions();
        engine.shutdown();
        engine = StorageEngine.create(dataDirectory(), segmentFile(), other);
        return engine;
    }

    private void closeSessions() {
        sessions.forEach(AccessSession::close);
        sessions.clear();
    }
}

package org.tusk.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.spi.Role;
import org.tusk.sql.roles.CatalogRoleDirectory;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.StorageSession;
import org.tusk.storage.cluster.SharedStorageService;

/**
 * A session that starts while another is bootstrapping the catalogs must wait for the bootstrap to
 * commit: the catalogs' files exist before their rows are visible. The bootstrap is held open between
 * creating the catalogs and committing, and the second session is let run until it has either finished
 * or is waiting; only then does the bootstrap commit.
 */
class BootstrapRaceTest {
    @TempDir
    Path dir;
    private SharedStorageService storage;
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() {
        storage = new SharedStorageService();
        storage.start(dir, Map.of("shared_buffers", "16MB", "max_connections", "10"));
    }

    @AfterEach
    void stop() {
        other.shutdownNow();
        storage.stop();
    }

    /** Opens a bootstrap transaction that has created every catalog but not committed. */
    private StorageSession bootstrapHeldOpen() {
        StorageSession s = storage.openSession(0);
        s.begin(Isolation.READ_COMMITTED);
        s.lockRelation(0, CatalogOids.PG_DATABASE, RelationLockMode.ACCESS_EXCLUSIVE, false);
        s.startStatement();
        Bootstrap.createCatalogs(s, new BootstrapData("boss").withSuperuserPassword(null));
        return s;
    }

    /**
     * Runs {@code task} on the other thread and gives it up to two seconds to finish before returning.
     * The storage's lock waits sleep on futexes, where the thread looks runnable, so a waiting task
     * cannot be told from a running one: the fixed code passes whatever the delay (it waits for the
     * commit that follows), the old code failed because the task finished within it, reading too early.
     */
    private <T> CompletableFuture<T> runForAWhile(java.util.concurrent.Callable<T> task) throws InterruptedException {
        CompletableFuture<T> result = new CompletableFuture<>();
        other.submit(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            result.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Waiting (the expected case) or failed: the caller looks at the result.
        }
        return result;
    }

    @Test
    void roleLookupDuringBootstrapWaitsForItsCommit() throws InterruptedException, ExecutionException {
        StorageSession boot = bootstrapHeldOpen();
        CatalogRoleDirectory roles = new CatalogRoleDirectory(storage, dir);
        CompletableFuture<Optional<Role>> found = runForAWhile(() -> roles.find("boss"));
        boot.commit();
        boot.close();
        Optional<Role> role = found.get();
        assertTrue(role.isPresent(), "the bootstrap superuser is found once the bootstrap has committed");
        assertTrue(role.get().superuser());
    }

    @Test
    void backendStartDuringBootstrapSeesTheCommittedCatalogs() throws InterruptedException, ExecutionException {
        StorageSession boot = bootstrapHeldOpen();
        CompletableFuture<String> started = runForAWhile(() -> {
            try (StorageSession s = storage.openSession(0)) {
                boolean done = Bootstrap.done(s);
                s.begin(Isolation.READ_COMMITTED);
                s.startStatement();
                CatalogRow row = new CatalogTables(s, 0).first(CatalogDefinitions.PG_AUTHID,
                        r -> r.text("rolname").equals("boss"));
                s.commit();
                return done + " " + (row == null ? null : row.text("rolname"));
            }
        });
        boot.commit();
        boot.close();
        assertEquals("true boss", started.get());
    }

    @Test
    void anAbortedBootstrapIsNotDone() {
        StorageSession boot = bootstrapHeldOpen();
        boot.abort();
        boot.close();
        try (StorageSession s = storage.openSession(0)) {
            assertFalse(Bootstrap.done(s));
            assertFalse(s.catalogsBootstrapped(), "an aborted bootstrap sets no flag");
            Bootstrap.ensure(s, "boss");
            assertTrue(s.catalogsBootstrapped(), "the bootstrapping backend sets the flag after its commit");
            assertTrue(Bootstrap.done(s));
        }
    }

    @Test
    void theFlagIsSetOnlyOnceTheBootstrapHasCommitted() throws InterruptedException, ExecutionException {
        StorageSession boot = bootstrapHeldOpen();
        try (StorageSession s = storage.openSession(0)) {
            assertFalse(s.catalogsBootstrapped(), "the catalogs' files exist, but nothing has committed");
        }
        CompletableFuture<Boolean> done = runForAWhile(() -> {
            try (StorageSession s = storage.openSession(0)) {
                return Bootstrap.done(s);
            }
        });
        boot.commit();
        boot.close();
        assertTrue(done.get());
        try (StorageSession s = storage.openSession(0)) {
            assertTrue(s.catalogsBootstrapped(), "the backend that waited for the commit set the flag");
        }
    }

    @Test
    void onceTheFlagIsSetALoginOpensNoTransaction() {
        try (StorageSession s = storage.openSession(0)) {
            Bootstrap.ensure(s, "boss");
        }
        try (StorageSession real = storage.openSession(0)) {
            int[] begins = {0};
            StorageSession counting = (StorageSession) Proxy.newProxyInstance(StorageSession.class.getClassLoader(),
                    new Class<?>[] {StorageSession.class}, (proxy, method, args) -> {
                        if (method.getName().equals("begin")) {
                            begins[0]++;
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            assertTrue(Bootstrap.done(counting));
            Bootstrap.ensure(counting, "boss");
            assertEquals(0, begins[0], "neither a transaction nor pg_database's lock");
            Optional<Role> role = new CatalogRoleDirectory(storage, dir).find("boss");
            assertTrue(role.isPresent());
        }
    }
}

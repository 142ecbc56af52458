package org.tusk.sql.roles;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntConsumer;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.tusk.spi.ClusterStorage;
import org.tusk.spi.Settings;
import org.tusk.sql.catalog.Bootstrap;
import org.tusk.storage.access.StorageAccess;
import org.tusk.storage.access.StorageSession;

/**
 * {@code tusk initdb}'s bootstrap, PostgreSQL's {@code postgres --boot} and {@code --single} in one:
 * when the runtime is started with the framework property {@code tusk.mode=bootstrap} (and without a
 * postmaster, so nothing listens), this starts the storage engine on the new data directory (which
 * creates the WAL and the control file), creates every catalog with the bootstrap superuser and the
 * password verifier initdb wrote to {@code global/tusk_authid}, stops the engine (a shutdown
 * checkpoint, so the new cluster needs no recovery) and ends the runtime through its exit service
 * with status 0, or 1 after reporting why it failed. In any other mode it does nothing.
 */
@Component(immediate = true, service = {}, configurationPid = Settings.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class BootstrapMode {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapMode.class);
    /** initdb shows the bootstrap's FATAL messages only (log_min_messages=fatal), so failures are marked so. */
    private static final Marker FATAL = MarkerFactory.getMarker("FATAL");

    /** The framework property the runtime sets, and the value that means "bootstrap". */
    public static final String MODE_PROPERTY = "tusk.mode";
    public static final String BOOTSTRAP = "bootstrap";

    @Reference
    ClusterStorage cluster;

    @Reference
    StorageAccess storage;

    /** The runtime's exit service; optional, so the component is satisfied in a framework without it. */
    @Reference(target = "(tusk.exit=true)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile IntConsumer exit;

    public BootstrapMode() {
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> config) {
        if (!BOOTSTRAP.equals(context.getProperty(MODE_PROPERTY))) {
            return;
        }
        Map<String, String> settings = Settings.fromConfiguration(config);
        Path dataDirectory = Path.of(settings.getOrDefault(Settings.DATA_DIRECTORY, "."));
        // Off the activating thread: stopping the framework from inside an activation would wait for it.
        Thread.ofPlatform().name("bootstrap").start(() -> {
            int status = run(dataDirectory, settings);
            IntConsumer end = exit;
            if (end == null) {
                LOG.error(FATAL, "bootstrap finished with status {} but the runtime offers no exit service", status);
            } else {
                end.accept(status);
            }
        });
    }

    /** Creates the cluster's catalogs in {@code dataDirectory}; 0 when done, 1 after logging why not. */
    int run(Path dataDirectory, Map<String, String> settings) {
        CatalogRoleDirectory.InitdbRole role = CatalogRoleDirectory.initdbRole(dataDirectory);
        if (role == null) {
            LOG.error(FATAL, "initdb's bootstrap superuser is missing from \"{}\"",
                    dataDirectory.resolve(CatalogRoleDirectory.INITDB_FILE));
            return 1;
        }
        try {
            cluster.start(dataDirectory, settings);
            try (StorageSession s = storage.openSession(0)) {
                Bootstrap.ensure(s, role.name(), role.verifier());
            } finally {
                cluster.stop();
            }
            return 0;
        } catch (RuntimeException e) {
            LOG.error(FATAL, "bootstrap failed: {}", e.getMessage(), e);
            return 1;
        }
    }
}

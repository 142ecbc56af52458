package org.tusk.settings.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.tusk.spi.Settings;

/**
 * Publishes the cluster's settings under {@link Settings#PID}. The data directory and the
 * command-line overrides come from framework properties set by the {@code tusk} command
 * ({@value #DATA_DIRECTORY_PROPERTY}, {@value #OVERRIDES_PROPERTY}); precedence is PostgreSQL's:
 * postgresql.conf, then postgresql.auto.conf, then the command line.
 *
 * <p>A file with a syntax error stops the server at start, as it stops PostgreSQL, rather than
 * leaving it to run on defaults nobody chose.
 */
@Component(immediate = true, service = {})
public final class SettingsPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsPublisher.class);
    private static final Marker FATAL = MarkerFactory.getMarker("FATAL");

    /** Framework property: absolute path of the data directory. */
    public static final String DATA_DIRECTORY_PROPERTY = "tusk.data_directory";
    /** Framework property: newline-separated name=value overrides (tusk postgres -c, -p). */
    public static final String OVERRIDES_PROPERTY = "tusk.settings.overrides";

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Reference(target = "(tusk.exit=true)", cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY)
    private IntConsumer exit;

    private BundleContext context;
    private Path dataDirectory;
    private String overrides;
    private ServiceRegistration<?> signalService;

    @Activate
    void activate(BundleContext context) {
        String dir = context.getProperty(DATA_DIRECTORY_PROPERTY);
        if (dir == null) {
            LOG.error(FATAL, "no data directory given (framework property {})", DATA_DIRECTORY_PROPERTY);
            stop();
            return;
        }
        this.context = context;
        dataDirectory = Path.of(dir);
        overrides = context.getProperty(OVERRIDES_PROPERTY);
        try {
            publish(load(dataDirectory, overrides));
        } catch (ConfigFileException e) {
            LOG.error(FATAL, "{}", e.getMessage());
            stop();
            return;
        } catch (IOException e) {
            LOG.error(FATAL, "could not publish settings: {}", e.getMessage());
            stop();
            return;
        }
        // SIGHUP, passed on by the runtime: re-read the files (PostgreSQL's reload).
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("tusk.signal", "true");
        Consumer<String> onSignal = signal -> {
            if (signal.equals("HUP")) {
                reload();
            }
        };
        signalService = context.registerService(Consumer.class, onSignal, props);
    }

    @Deactivate
    void deactivate() {
        if (signalService != null) {
            signalService.unregister();
        }
    }

    /**
     * Re-reads the configuration. A file with errors changes nothing, as in PostgreSQL: the server
     * keeps running on the settings it has.
     */
    synchronized void reload() {
        LOG.info("received SIGHUP, reloading configuration files");
        try {
            publish(load(dataDirectory, overrides));
        } catch (ConfigFileException e) {
            LOG.error("{}", e.getMessage());
            LOG.error("configuration file \"{}\" contains errors; no changes were applied",
                    dataDirectory.resolve("postgresql.conf"));
        } catch (IOException e) {
            LOG.error("could not publish settings: {}", e.getMessage());
        }
    }

    /** The settings of the cluster at {@code dataDirectory}, with overrides applied. */
    static Map<String, String> load(Path dataDirectory, String overrides) throws ConfigFileException {
        Path data = dataDirectory.toAbsolutePath();
        ConfigFileParser parser = new ConfigFileParser().parse(data.resolve("postgresql.conf"))
                .parseIfExists(data.resolve("postgresql.auto.conf"));
        Map<String, String> values = new LinkedHashMap<>(parser.values());
        if (overrides != null) {
            for (String line : overrides.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq).trim().toLowerCase(Locale.ROOT), line.substring(eq + 1));
                }
            }
        }
        values.put(Settings.DATA_DIRECTORY, data.toString());
        return values;
    }

    private void publish(Map<String, String> values) throws IOException {
        notifyListeners(values);
        Configuration configuration = configurationAdmin.getConfiguration(Settings.PID, "?");
        Dictionary<String, Object> dict = new Hashtable<>();
        values.forEach(dict::put);
        configuration.updateIfDifferent(dict);
        LOG.debug("published {} settings", values.size());
    }

    /**
     * Hands the settings to parties outside the framework's components, such as the runtime's server
     * log (log_line_prefix, logging_collector): services typed {@code Consumer<Map<String, String>>}
     * with {@code tusk.settings.listener=true}. They get them first, so the log is in its final shape
     * before the postmaster starts.
     */
    @SuppressWarnings("unchecked")
    private void notifyListeners(Map<String, String> values) {
        if (context == null) {
            return;
        }
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(Consumer.class.getName(),
                    "(tusk.settings.listener=true)");
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                Object listener = context.getService(ref);
                try {
                    if (listener instanceof Consumer<?> c) {
                        ((Consumer<Map<String, String>>) c).accept(Collections.unmodifiableMap(values));
                    }
                } finally {
                    context.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        if (exit != null) {
            exit.accept(1);
        }
    }
}

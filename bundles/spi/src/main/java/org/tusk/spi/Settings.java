package org.tusk.spi;

/**
 * Names shared by everything that reads the server's configuration. The platform maps the data
 * directory's postgresql.conf (plus command-line overrides) into one Configuration Admin
 * configuration with {@link #PID}; each component that needs settings declares that PID and reads
 * the PostgreSQL parameter names it owns.
 */
public final class Settings {
    /** The configuration PID that carries postgresql.conf. */
    public static final String PID = "org.tusk.settings";

    /** Property holding the absolute path of the data directory. */
    public static final String DATA_DIRECTORY = "data_directory";

    /** Service property naming a {@link BackendLauncher}; postgresql.conf's backend_launcher selects by it. */
    public static final String LAUNCHER_NAME = "tusk.launcher.name";

    /** Service property naming a {@link Transport}. */
    public static final String TRANSPORT_NAME = "tusk.transport.name";

    /** Service property naming an {@link AuthenticationMethod} as pg_hba.conf spells it. */
    public static final String AUTH_METHOD = "tusk.auth.method";

    private Settings() {
    }

    /**
     * The configuration as settings: OSGi's own keys (service.*, component.*, felix.*) dropped,
     * PostgreSQL's case-insensitive names lower-cased, values as strings.
     */
    public static java.util.Map<String, String> fromConfiguration(java.util.Map<String, ?> config) {
        java.util.Map<String, String> s = new java.util.TreeMap<>();
        config.forEach((k, v) -> {
            if (!k.startsWith("service.") && !k.startsWith("component.") && !k.startsWith("felix.")) {
                s.put(k.toLowerCase(java.util.Locale.ROOT), String.valueOf(v));
            }
        });
        return java.util.Collections.unmodifiableMap(s);
    }

    /**
     * A boolean setting as PostgreSQL reads one (on, true, yes, 1 and their unambiguous prefixes such
     * as t and y); absent or anything else is false.
     */
    public static boolean isOn(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes", "1", "t", "tr", "tru", "y", "ye" -> true;
            default -> false;
        };
    }
}

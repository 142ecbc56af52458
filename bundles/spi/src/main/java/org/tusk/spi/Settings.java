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
}

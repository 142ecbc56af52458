package org.tusk.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tusk postgres}: runs the server in the foreground, like PostgreSQL's {@code postgres}, with
 * its options: {@code -D}, {@code -p}, {@code -h} and {@code -c name=value}.
 */
@Command(name = "postgres", mixinStandardHelpOptions = true,
        description = "Runs the Tusk server in the foreground.")
final class PostgresCommand implements Callable<Integer> {

    @Option(names = {"-D"}, paramLabel = "DATADIR", description = "database directory (default: $PGDATA)")
    private Path dataDirectory;

    @Option(names = {"-p"}, paramLabel = "PORT", description = "port number to listen on")
    private Integer port;

    @Option(names = {"-h"}, paramLabel = "HOSTNAME", description = "host name or IP address to listen on")
    private String listenAddresses;

    @Option(names = {"-c"}, paramLabel = "NAME=VALUE", description = "set run-time parameter")
    private List<String> settings = new ArrayList<>();

    @Override
    public Integer call() {
        if (ProcessUser.isRoot()) {
            System.err.println(ProcessUser.ROOT_REFUSAL);
            return 1;
        }
        Path dir = dataDirectory != null ? dataDirectory : InitdbCommand.envPath("PGDATA");
        if (dir == null) {
            System.err.println("tusk postgres does not know where to find the server configuration file.\n"
                    + "You must specify the -D invocation option or set the PGDATA environment variable.");
            return 2;
        }
        DataDirectory data = new DataDirectory(dir);
        try {
            data.checkUsable();
        } catch (DataDirectory.StartupError e) {
            System.err.println(e.report());
            return 1;
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                System.err.println("tusk postgres: -c " + s + " requires a value");
                return 2;
            }
            overrides.put(s.substring(0, eq).trim(), s.substring(eq + 1));
        }
        if (port != null) {
            overrides.put("port", port.toString());
        }
        if (listenAddresses != null) {
            overrides.put("listen_addresses", listenAddresses);
        }
        return new OsgiRuntime(Installation.current(), data).run(overrides);
    }
}

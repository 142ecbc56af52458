package org.tusk.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.tusk.protocol.ScramSha256;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tusk initdb}: creates a cluster's data directory, as PostgreSQL's initdb does: the directory
 * (0700), PG_VERSION, the configuration files (postgresql.conf, pg_hba.conf with the methods of
 * -A/--auth-local/--auth-host), the bootstrap superuser with the SCRAM-SHA-256 verifier of the
 * --pwfile password in global/tusk_authid, and then, by running the server runtime in bootstrap
 * mode (no listener), the WAL, the control file and every system catalog, so that the first server
 * start finds a complete cluster. global/tusk_authid stays as the bootstrap's input and for the lazy
 * bootstrap of clusters made by an older initdb.
 */
@Command(name = "initdb", mixinStandardHelpOptions = true,
        description = "Initializes a new Tusk database cluster.")
final class InitdbCommand implements Callable<Integer> {

    @Option(names = {"-D", "--pgdata"}, paramLabel = "DATADIR",
            description = "location for this database cluster (default: $PGDATA)")
    private Path dataDirectory;

    @Option(names = {"-U", "--username"}, paramLabel = "NAME",
            description = "database superuser name (default: the operating-system user)")
    private String superuser;

    @Option(names = {"-A", "--auth"}, paramLabel = "METHOD",
            description = "default authentication method for local connections")
    private String auth;

    @Option(names = "--auth-host", paramLabel = "METHOD",
            description = "default authentication method for local TCP/IP connections")
    private String authHost;

    @Option(names = "--auth-local", paramLabel = "METHOD",
            description = "default authentication method for local-socket connections")
    private String authLocal;

    @Option(names = "--pwfile", paramLabel = "FILE", description = "read password for the new superuser from file")
    private Path passwordFile;

    /** The methods a new cluster's pg_hba.conf may name. */
    private static final Set<String> METHODS = Set.of("trust", "reject", "md5", "password", "scram-sha-256");
    private static final Set<String> PASSWORD_METHODS = Set.of("md5", "password", "scram-sha-256");

    @Override
    public Integer call() {
        if (ProcessUser.isRoot()) {
            System.err.println("initdb: error: cannot be run as root");
            System.err.println("initdb: hint: Please log in (using, e.g., \"su\") as the (unprivileged) user that"
                    + " will own the server process.");
            return 1;
        }
        Path dir = dataDirectory != null ? dataDirectory : envPath("PGDATA");
        if (dir == null) {
            System.err.println("initdb: error: no data directory specified");
            System.err.println("initdb: hint: You must identify the directory where the data for this database"
                    + " system will reside.  Do this with either the invocation option -D or the environment"
                    + " variable PGDATA.");
            return 1;
        }
        String owner = System.getProperty("user.name");
        String role = superuser != null ? superuser : owner;
        // Checked before anything is created, in PostgreSQL's order.
        if (role.startsWith("pg_")) {
            System.err.println("initdb: error: superuser name \"" + role
                    + "\" is disallowed; role names cannot begin with \"pg_\"");
            return 1;
        }
        if (role.isEmpty() || role.contains("\t") || role.contains("\n") || role.contains("\r")) {
            System.err.println("initdb: error: superuser name \"" + role + "\" is not allowed");
            return 1;
        }
        boolean authWarning = authLocal == null && auth == null || authHost == null && auth == null;
        String local = authLocal != null ? authLocal : auth != null ? auth : "trust";
        String host = authHost != null ? authHost : auth != null ? auth : "trust";
        if (!METHODS.contains(local)) {
            System.err.println("initdb: error: invalid authentication method \"" + local + "\" for \"local\" connections");
            return 1;
        }
        if (!METHODS.contains(host)) {
            System.err.println("initdb: error: invalid authentication method \"" + host + "\" for \"host\" connections");
            return 1;
        }
        if (PASSWORD_METHODS.contains(local) && PASSWORD_METHODS.contains(host) && passwordFile == null) {
            System.err.println("initdb: error: must specify a password for the superuser to enable password"
                    + " authentication");
            return 1;
        }
        String password = null;
        if (passwordFile != null) {
            try {
                List<String> lines = Files.readAllLines(passwordFile);
                if (lines.isEmpty()) {
                    System.err.println("initdb: error: password file \"" + passwordFile + "\" is empty");
                    return 1;
                }
                password = lines.get(0);
            } catch (java.nio.file.NoSuchFileException e) {
                System.err.println("initdb: error: could not open file \"" + passwordFile
                        + "\" for reading: No such file or directory");
                return 1;
            } catch (IOException e) {
                System.err.println("initdb: error: could not read password from file \"" + passwordFile + "\": "
                        + e.getMessage());
                return 1;
            }
        }
        Installation installation = Installation.current();
        DataDirectory data = new DataDirectory(dir);
        try {
            System.out.println("The files belonging to this database system will be owned by user \"" + owner
                    + "\".\nThis user must also own the server process.\n");
            if (!prepareDirectory(data.path())) {
                return 1;
            }
            System.out.print("creating subdirectories ... ");
            data.createPrivateDirectory("global");
            System.out.println("ok");
            data.writePrivateFile(DataDirectory.VERSION_FILE, DataDirectory.MAJOR_VERSION + "\n");
            System.out.print("creating configuration files ... ");
            data.writePrivateFile("postgresql.conf", configuration(installation.configurationTemplate()));
            data.writePrivateFile("postgresql.auto.conf", "# Do not edit this file manually!\n"
                    + "# It will be overwritten by the ALTER SYSTEM command.\n");
            data.writePrivateFile("pg_hba.conf", hbaConfiguration(local, host));
            data.writePrivateFile("global/bootstrap_superuser", role + "\n");
            // An empty password means none, as PostgreSQL clears an empty one.
            String verifier = password == null || password.isEmpty() ? "" : ScramSha256.verifier(password).encode();
            data.writePrivateFile(ROLE_FILE, roleFile(role, verifier));
            System.out.println("ok");
            if (!bootstrap(installation, data)) {
                return 1;
            }
            if (authWarning) {
                System.out.println();
                System.err.println("initdb: warning: enabling \"trust\" authentication for local connections");
                System.err.println("initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or"
                        + " --auth-local and --auth-host, the next time you run initdb.");
            }
            System.out.println("\nSuccess. You can now start the database server using:\n\n    tusk postgres -D "
                    + shellQuote(data.path().toString()) + "\n");
            return 0;
        } catch (IOException e) {
            System.err.println("initdb: error: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Runs the server runtime on the new directory in bootstrap mode (no listener): it creates the WAL,
     * the control file and every catalog with the superuser of {@link #ROLE_FILE}, then stops with a
     * shutdown checkpoint. PostgreSQL's initdb runs {@code postgres --boot} and then
     * {@code postgres --single}; here one run does both, so the two progress lines frame it. On
     * failure the directory is removed, as initdb does unless --no-clean.
     */
    private static boolean bootstrap(Installation installation, DataDirectory data) throws IOException {
        System.out.print("running bootstrap script ... ");
        System.out.flush();
        int status;
        try {
            status = new OsgiRuntime(installation, data, true).run(Map.of("log_min_messages", "fatal"));
        } catch (RuntimeException e) {
            System.err.println("initdb: error: " + e.getMessage());
            status = 1;
        }
        if (status != 0) {
            System.out.println();
            System.err.println("initdb: error: bootstrap failed with exit status " + status);
            System.err.println("initdb: removing data directory \"" + data.path() + "\"");
            removeRecursively(data.path());
            return false;
        }
        System.out.println("ok");
        // The framework's bundle cache belongs to a running server, which makes its own.
        removeRecursively(data.path().resolve(OsgiRuntime.STORAGE_DIRECTORY));
        System.out.println("performing post-bootstrap initialization ... ok");
        System.out.print("syncing data to disk ... ");
        syncRecursively(data.path());
        System.out.println("ok");
        return true;
    }

    /** fsyncs every file of the new cluster, then the directories, as initdb's sync_pgdata. */
    private static void syncRecursively(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.toList();
        }
        for (Path p : all.reversed()) {
            if (Files.isRegularFile(p)) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            } else if (Files.isDirectory(p)) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                    ch.force(true);
                } catch (IOException e) {
                    // Some file systems refuse to open a directory for fsync; the files are synced.
                }
            }
        }
    }

    private static void removeRecursively(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.toList();
        }
        for (Path p : all.reversed()) {
            Files.deleteIfExists(p);
        }
    }

    /**
     * The bootstrap superuser: read by the bootstrap mode to fill pg_authid, by the lazy bootstrap of
     * older clusters, and by the backend's file role directory when the SQL bundle is absent.
     */
    static final String ROLE_FILE = "global/tusk_authid";

    /** global/tusk_authid: the bootstrap superuser, tab-separated as pg_authid's columns would print. */
    static String roleFile(String role, String verifier) {
        return "# Roles of this cluster until the pg_authid catalog exists. Written by initdb.\n"
                + "# rolname<TAB>rolsuper<TAB>rolcanlogin<TAB>rolpassword (empty: no password)\n"
                + role + "\tt\tt\t" + verifier + "\n";
    }

    /** pg_hba.conf in PostgreSQL's layout, for the chosen local and host methods. */
    static String hbaConfiguration(String local, String host) {
        StringBuilder b = new StringBuilder();
        b.append("""
                # Tusk Client Authentication Configuration File
                # =============================================
                #
                # Read as PostgreSQL reads pg_hba.conf (see "The pg_hba.conf File" in the
                # PostgreSQL documentation).  Records take one of these forms:
                #
                # local         DATABASE  USER  METHOD  [OPTIONS]
                # host          DATABASE  USER  ADDRESS  METHOD  [OPTIONS]
                # hostssl       DATABASE  USER  ADDRESS  METHOD  [OPTIONS]
                # hostnossl     DATABASE  USER  ADDRESS  METHOD  [OPTIONS]
                #
                # DATABASE can be "all", "sameuser", "samerole", a database name or a
                # comma-separated list of them.  USER can be "all", a user name, a group
                # name prefixed with "+", or a comma-separated list.  ADDRESS is a CIDR
                # range (127.0.0.1/32, ::1/128), an IP address and a netmask in two
                # columns, or "all".  METHOD can be "trust", "reject", "md5", "password" or
                # "scram-sha-256".  Host names, "samehost", "samenet" and "@file" are not
                # supported yet; OPTIONS are ignored with a warning.
                #
                # The first record that matches the connection type, database, user and
                # client address decides.  The file is read at server start and when the
                # server is reloaded ("tusk reload -D DATADIR").
                """);
        if (local.equals("trust") || host.equals("trust")) {
            b.append("""

                    # CAUTION: Configuring the system for local "trust" authentication
                    # allows any local user to connect as any PostgreSQL user, including
                    # the database superuser.  If you do not trust all your local users,
                    # use another authentication method.
                    """);
        }
        b.append("\n\n").append(hbaLine("# TYPE", "DATABASE", "USER", "ADDRESS", "METHOD")).append('\n')
                .append("# \"local\" is for Unix domain socket connections only\n")
                .append(hbaLine("local", "all", "all", "", local))
                .append("# IPv4 local connections:\n")
                .append(hbaLine("host", "all", "all", "127.0.0.1/32", host))
                .append("# IPv6 local connections:\n")
                .append(hbaLine("host", "all", "all", "::1/128", host));
        return b.toString();
    }

    private static String hbaLine(String type, String database, String user, String address, String method) {
        return String.format("%-8s%-16s%-16s%-24s%s%n", type, database, user, address, method);
    }

    /** Creates the directory, or takes over an empty existing one; refuses a non-empty one. */
    private static boolean prepareDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    System.err.println("initdb: error: directory \"" + dir + "\" exists but is not empty");
                    System.err.println("initdb: hint: If you want to create a new database system, either remove"
                            + " or empty the directory \"" + dir + "\" or run initdb with an argument other than \""
                            + dir + "\".");
                    return false;
                }
            }
            System.out.print("fixing permissions on existing directory " + dir + " ... ");
        } else {
            System.out.print("creating directory " + dir + " ... ");
            Files.createDirectories(dir);
        }
        Files.setPosixFilePermissions(dir, DataDirectory.DIRECTORY_MODE);
        System.out.println("ok");
        return true;
    }

    /** The sample configuration with the settings initdb chooses filled in, as PostgreSQL's initdb does. */
    static String configuration(Path template) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(template));
        String zone = ZoneId.systemDefault().getId();
        setOption(lines, "timezone", "'" + zone + "'");
        setOption(lines, "log_timezone", "'" + zone + "'");
        setOption(lines, "datestyle", "'iso, mdy'");
        return String.join("\n", lines) + "\n";
    }

    private static void setOption(List<String> lines, String name, String value) {
        Pattern p = Pattern.compile("^#?" + Pattern.quote(name) + "\\s*=.*?(\\s+#.*)?$", Pattern.CASE_INSENSITIVE);
        for (int i = 0; i < lines.size(); i++) {
            var m = p.matcher(lines.get(i));
            if (m.matches()) {
                String comment = m.group(1) == null ? "" : m.group(1);
                lines.set(i, name + " = " + value + comment);
                return;
            }
        }
        lines.add(name + " = " + value);
    }

    private static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    static Path envPath(String name) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? null : Path.of(v);
    }
}

package org.tusk.backend.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.spi.Role;
import org.tusk.spi.RoleDirectory;
import org.tusk.spi.Settings;

/**
 * The interim home of roles until the system catalogs exist: {@code DATADIR/global/tusk_authid},
 * written by initdb, one role per line, tab-separated, as pg_authid's columns would print:
 *
 * <pre>
 * rolname TAB rolsuper TAB rolcanlogin TAB rolpassword
 * postgres	t	t	SCRAM-SHA-256$4096:salt$StoredKey:ServerKey
 * </pre>
 *
 * Booleans are {@code t} or {@code f}; an empty rolpassword means no password. Lines starting with
 * {@code #} and blank lines are ignored. The file is re-read when it changes, so an edit takes effect
 * at the next connection, as a catalog change would. A cluster made before the file existed has none:
 * then every role name exists, as a superuser without password (so trust works as it did and password
 * methods refuse everyone). The ranking is low so that the catalog's directory replaces this one.
 */
@Component(service = RoleDirectory.class, configurationPid = Settings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "service.ranking:Integer=-100")
public final class FileRoleDirectory implements RoleDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(FileRoleDirectory.class);

    /** Where initdb writes the roles, relative to the data directory. */
    public static final String FILE = "global/tusk_authid";

    private volatile Path file;
    private volatile Snapshot snapshot;
    private volatile boolean missingReported;

    /** What was read, and the file's state when it was read. */
    private record Snapshot(FileTime modified, long size, Object key, Map<String, Role> roles) {
    }

    public FileRoleDirectory() {
    }

    /** For use outside OSGi: the roles of the cluster at {@code dataDirectory} (null: none known). */
    public FileRoleDirectory(Path dataDirectory) {
        this.file = dataDirectory == null ? null : dataDirectory.resolve(FILE);
    }

    @Activate
    @Modified
    void configure(Map<String, Object> config) {
        Object dir = config.get(Settings.DATA_DIRECTORY);
        file = dir == null ? null : Path.of(String.valueOf(dir)).resolve(FILE);
        snapshot = null;
        missingReported = false;
    }

    @Override
    public Optional<Role> find(String name) {
        Path f = file;
        if (f == null) {
            return Optional.of(everyone(name));
        }
        Map<String, Role> roles;
        try {
            roles = read(f);
        } catch (NoSuchFileException e) {
            if (!missingReported) {
                missingReported = true;
                LOG.warn("role file \"{}\" does not exist; every role name is taken as a superuser without password", f);
            }
            return Optional.of(everyone(name));
        } catch (IOException e) {
            LOG.error("could not read file \"{}\": {}", f, e.getMessage());
            return Optional.empty();
        }
        return Optional.ofNullable(roles.get(name));
    }

    /** A cluster without the file: the name is a superuser without password. */
    private static Role everyone(String name) {
        return new Role(name, true, true, Optional.empty());
    }

    private Map<String, Role> read(Path f) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(f, BasicFileAttributes.class);
        Snapshot s = snapshot;
        if (s != null && s.modified().equals(attrs.lastModifiedTime()) && s.size() == attrs.size()
                && java.util.Objects.equals(s.key(), attrs.fileKey())) {
            return s.roles();
        }
        Map<String, Role> roles = parse(f, Files.readAllLines(f));
        snapshot = new Snapshot(attrs.lastModifiedTime(), attrs.size(), attrs.fileKey(), roles);
        return roles;
    }

    /** Parses the file's lines; malformed lines are logged and skipped (the role does not exist). */
    static Map<String, Role> parse(Path f, List<String> lines) {
        Map<String, Role> roles = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 4 || cols[0].isEmpty() || !isBool(cols[1]) || !isBool(cols[2])) {
                LOG.warn("invalid role entry in line {} of file \"{}\" ignored", i + 1, f);
                continue;
            }
            roles.put(cols[0], new Role(cols[0], cols[1].equals("t"), cols[2].equals("t"),
                    cols[3].isEmpty() ? Optional.empty() : Optional.of(cols[3])));
        }
        return Map.copyOf(roles);
    }

    private static boolean isBool(String s) {
        return s.equals("t") || s.equals("f");
    }
}

package org.tusk.sql.roles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tusk.spi.Role;
import org.tusk.spi.RoleDirectory;
import org.tusk.spi.Settings;
import org.tusk.sql.catalog.Bootstrap;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.StorageAccess;
import org.tusk.storage.access.StorageSession;

/**
 * The roles authentication sees, read from the shared catalog pg_authid (PostgreSQL's backend reads the
 * same row in InitializeSessionUserId and the password methods in get_role_password). Ranked above the
 * backend's file directory, so {@code CREATE ROLE u LOGIN PASSWORD 'p'} lets u connect at once, from
 * any database, and DROP ROLE or ALTER ROLE ... NOLOGIN stops the next connection.
 *
 * <p>Each lookup opens a short storage session of its own (the backend's own session does not exist
 * yet while the client authenticates) and reads the row in a READ COMMITTED transaction. The catalogs
 * of a new cluster are created by {@code tusk initdb} ({@link BootstrapMode}); for a cluster made by an
 * older initdb they are created by the first backend, and when a client authenticates before that,
 * this directory creates them itself, taking the bootstrap superuser's name and password verifier from the
 * file initdb wrote ({@code global/tusk_authid}), which is how initdb's --pwfile password reaches
 * pg_authid. A cluster made before that file existed has none: every name is then taken as a superuser
 * without password until the first backend has created the catalogs, as the file directory does.
 *
 * <p>A password whose rolvaliduntil has passed is not offered to the password methods, so they refuse
 * the login, as PostgreSQL does for an expired password.
 */
@Component(service = RoleDirectory.class, configurationPid = Settings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "service.ranking:Integer=100")
public final class CatalogRoleDirectory implements RoleDirectory {
    /** Where initdb writes the bootstrap superuser, relative to the data directory. */
    static final String INITDB_FILE = "global/tusk_authid";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StorageAccess storage;
    private volatile Path dataDirectory;

    public CatalogRoleDirectory() {
    }

    /** For use outside OSGi: the roles of the cluster in {@code dataDirectory} on {@code storage}. */
    public CatalogRoleDirectory(StorageAccess storage, Path dataDirectory) {
        this.storage = storage;
        this.dataDirectory = dataDirectory;
    }

    @Activate
    @Modified
    void configure(Map<String, Object> config) {
        Object dir = config.get(Settings.DATA_DIRECTORY);
        dataDirectory = dir == null ? null : Path.of(String.valueOf(dir));
    }

    @Override
    public Optional<Role> find(String name) {
        StorageAccess access = storage;
        if (access == null) {
            // Storage is not running: no backend can start either; the name is not known.
            return Optional.empty();
        }
        StorageSession s;
        try {
            s = access.openSession(0);
        } catch (AccessException e) {
            return Optional.empty();
        }
        try {
            if (!Bootstrap.done(s)) {
                InitdbRole initdb = initdbRole(dataDirectory);
                if (initdb == null) {
                    return Optional.of(new Role(name, true, true, Optional.empty()));
                }
                Bootstrap.ensure(s, initdb.name(), initdb.verifier());
            }
            return read(s, name);
        } finally {
            s.close();
        }
    }

    private static Optional<Role> read(StorageSession s, String name) {
        s.begin(Isolation.READ_COMMITTED);
        try {
            s.lockRelation(0, CatalogOids.PG_AUTHID, RelationLockMode.ACCESS_SHARE, false);
            s.startStatement();
            CatalogRow row = new CatalogTables(s, 0).first(CatalogDefinitions.PG_AUTHID,
                    r -> r.text("rolname").equals(name));
            s.commit();
            return Optional.ofNullable(row).map(CatalogRoleDirectory::role);
        } catch (RuntimeException e) {
            s.abort();
            throw e;
        }
    }

    /** What authentication needs of a pg_authid row. */
    static Role role(CatalogRow row) {
        String password = row.text("rolpassword");
        Object validUntil = row.get("rolvaliduntil");
        if (validUntil instanceof Instant until && until.isBefore(Instant.now())) {
            password = null;
        }
        return new Role(row.text("rolname"), row.bool("rolsuper"), row.bool("rolcanlogin"),
                Optional.ofNullable(password == null || password.isEmpty() ? null : password));
    }

    /** The superuser initdb wrote: name and password verifier (null for none). */
    public record InitdbRole(String name, String verifier) {
    }

    /** The first superuser line of initdb's file, or null when there is no file (or no data directory). */
    public static InitdbRole initdbRole(Path dataDirectory) {
        if (dataDirectory == null) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDirectory.resolve(INITDB_FILE));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String line : lines) {
            String[] cols = line.split("\t", -1);
            if (!line.startsWith("#") && cols.length == 4 && !cols[0].isEmpty() && cols[1].equals("t")) {
                return new InitdbRole(cols[0], cols[3].isEmpty() ? null : cols[3]);
            }
        }
        return null;
    }
}

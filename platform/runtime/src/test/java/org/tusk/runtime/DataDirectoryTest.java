package org.tusk.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL's start-up checks on the data directory, with its messages. */
class DataDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void missingDirectory() {
        DataDirectory d = new DataDirectory(tmp.resolve("nope"));
        DataDirectory.StartupError e = assertThrows(DataDirectory.StartupError.class, d::checkUsable);
        assertEquals("FATAL:  could not access directory \"" + tmp.resolve("nope")
                + "\": No such file or directory\nHINT:  Run \"tusk initdb\" to initialize a data directory.",
                e.report());
    }

    @Test
    void permissionsMustBePrivate() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("data"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        DataDirectory.StartupError e = assertThrows(DataDirectory.StartupError.class,
                new DataDirectory(dir)::checkUsable);
        assertEquals("FATAL:  data directory \"" + dir + "\" has invalid permissions\n"
                + "DETAIL:  Permissions should be u=rwx (0700) or u=rwx,g=rx (0750).", e.report());
    }

    @Test
    void versionFileIsRequiredAndChecked() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("data"));
        Files.setPosixFilePermissions(dir, DataDirectory.GROUP_READABLE_MODE);
        DataDirectory d = new DataDirectory(dir);
        DataDirectory.StartupError e = assertThrows(DataDirectory.StartupError.class, d::checkUsable);
        assertEquals("FATAL:  \"" + dir + "\" is not a valid data directory\nDETAIL:  File \"" + dir
                + "/PG_VERSION\" is missing.", e.report());
        d.writePrivateFile("PG_VERSION", "14\n");
        e = assertThrows(DataDirectory.StartupError.class, d::checkUsable);
        assertEquals("database files are incompatible with server", e.getMessage());
        d.writePrivateFile("PG_VERSION", "15\n");
        d.checkUsable();
        assertEquals(DataDirectory.FILE_MODE, Files.getPosixFilePermissions(dir.resolve("PG_VERSION")));
    }

    @Test
    void initdbFillsInTheSampleConfiguration() throws Exception {
        Path sample = tmp.resolve("postgresql.conf.sample");
        Files.writeString(sample, "#port = 5432\n#timezone = 'GMT'\t\t# zone\n#datestyle = 'iso, mdy'\n");
        String conf = InitdbCommand.configuration(sample);
        assertTrue(conf.contains("#port = 5432\n"), "untouched settings stay commented");
        assertTrue(conf.contains("timezone = '" + java.time.ZoneId.systemDefault().getId() + "'\t\t# zone\n"), conf);
        assertTrue(conf.contains("\ndatestyle = 'iso, mdy'\n"), conf);
        assertTrue(conf.contains("log_timezone = '"), "settings absent from the sample are appended");
    }

    @Test
    void startLevelsPutInfrastructureFirstAndPluginsLast() {
        assertEquals(OsgiRuntime.INFRASTRUCTURE_LEVEL, OsgiRuntime.startLevelOf("org.apache.felix.scr"));
        assertEquals(OsgiRuntime.CORE_LEVEL, OsgiRuntime.startLevelOf("org.tusk.postmaster"));
        assertEquals(OsgiRuntime.PLUGIN_LEVEL, OsgiRuntime.startLevelOf("org.apache.felix.fileinstall"));
    }
}

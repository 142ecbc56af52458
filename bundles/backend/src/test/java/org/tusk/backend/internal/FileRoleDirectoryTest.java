package org.tusk.backend.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.spi.Role;

/** global/tusk_authid: the interim role store written by initdb. */
class FileRoleDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void readsRolesAndFollowsEdits() throws Exception {
        Files.createDirectories(dir.resolve("global"));
        Path file = dir.resolve(FileRoleDirectory.FILE);
        Files.writeString(file, "# rolname\trolsuper\trolcanlogin\trolpassword\n"
                + "postgres\tt\tt\tSCRAM-SHA-256$4096:c2FsdA==$x:y\n"
                + "app\tf\tt\t\n"
                + "broken line\n"
                + "nologin\tf\tf\tmd5abc\n");
        FileRoleDirectory roles = new FileRoleDirectory(dir);
        assertEquals(Optional.of(new Role("postgres", true, true, Optional.of("SCRAM-SHA-256$4096:c2FsdA==$x:y"))),
                roles.find("postgres"));
        assertEquals(Optional.of(new Role("app", false, true, Optional.empty())), roles.find("app"));
        assertEquals(Optional.of(new Role("nologin", false, false, Optional.of("md5abc"))), roles.find("nologin"));
        assertTrue(roles.find("Postgres").isEmpty(), "names are case-sensitive");
        assertTrue(roles.find("broken line").isEmpty());

        Files.writeString(file, "other\tf\tt\t\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertTrue(roles.find("postgres").isEmpty(), "an edit takes effect at the next lookup");
        assertTrue(roles.find("other").isPresent());
    }

    @Test
    void clusterWithoutTheFileHasEveryRoleAsSuperuserWithoutPassword() {
        FileRoleDirectory roles = new FileRoleDirectory(dir);
        assertEquals(Optional.of(new Role("anyone", true, true, Optional.empty())), roles.find("anyone"));
        FileRoleDirectory unconfigured = new FileRoleDirectory();
        unconfigured.configure(Map.of());
        assertEquals(Optional.of(new Role("x", true, true, Optional.empty())), unconfigured.find("x"));
    }
}

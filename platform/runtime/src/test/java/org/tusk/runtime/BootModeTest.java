package org.tusk.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** initdb's bootstrap mode leaves stopped exactly the bundles that would listen or watch for plugins. */
class BootModeTest {

    @Test
    void bootstrapStartsNeitherPostmasterNorTransportsNorFileInstall() {
        assertTrue(OsgiRuntime.listensOrWatches("org.tusk.postmaster"));
        assertTrue(OsgiRuntime.listensOrWatches("org.tusk.transport.tcp"));
        assertTrue(OsgiRuntime.listensOrWatches("org.tusk.transport.unix"));
        assertTrue(OsgiRuntime.listensOrWatches("org.apache.felix.fileinstall"));
        for (String needed : new String[] {"org.tusk.sql", "org.tusk.storage", "org.tusk.settings", "org.tusk.spi",
            "org.apache.felix.scr", "org.apache.felix.configadmin", "org.tusk.backend"}) {
            assertFalse(OsgiRuntime.listensOrWatches(needed), needed);
        }
    }
}

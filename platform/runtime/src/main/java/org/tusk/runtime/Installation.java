package org.tusk.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the distribution is unpacked: {@code bundles/} (what the runtime installs), {@code plugins/}
 * (watched for drop-ins), {@code conf/} (templates). {@code bin/tusk} passes the location as the
 * system property {@value #HOME_PROPERTY}.
 */
record Installation(Path home) {
    static final String HOME_PROPERTY = "tusk.home";

    static Installation current() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null) {
            throw new IllegalStateException("system property " + HOME_PROPERTY
                    + " is not set; start Tusk through bin/tusk");
        }
        return new Installation(Path.of(home).toAbsolutePath().normalize());
    }

    Path bundles() {
        return home.resolve("bundles");
    }

    Path plugins() {
        return home.resolve("plugins");
    }

    Path configurationTemplate() {
        return home.resolve("conf").resolve("postgresql.conf.sample");
    }

    boolean isComplete() {
        return Files.isDirectory(bundles()) && Files.isRegularFile(configurationTemplate());
    }
}

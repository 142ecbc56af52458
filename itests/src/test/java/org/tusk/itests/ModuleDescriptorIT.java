package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.Commands;
import org.tusk.itests.harness.TuskDistribution;
import org.tusk.itests.harness.Unix;

/**
 * Every Tusk jar that the distribution ships (bundles/tusk-*.jar and samples/tusk-*.jar) is also a proper JPMS
 * module: {@code jar --describe-module} finds a real module-info (not an automatic module) named after the
 * bundle's symbolic name, and {@code java --module-path DIR --validate-modules} accepts them together.
 */
class ModuleDescriptorIT {

    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static List<Path> tuskJars;
    private static Path moduleDir;

    @BeforeAll
    static void collectJars() throws IOException {
        TuskDistribution dist = TuskDistribution.get();
        tuskJars = new ArrayList<>();
        for (Path dir : List.of(dist.bundlesDir(), dist.samplesDir())) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.getFileName().toString().matches("tusk-.*\\.jar")).sorted().forEach(tuskJars::add);
                }
            }
        }
        moduleDir = Unix.createPublicTempDirectory("tusk-itests-modules-");
        for (Path jar : tuskJars) {
            Files.copy(jar, moduleDir.resolve(jar.getFileName()));
        }
    }

    @AfterAll
    static void cleanUp() {
        Unix.deleteRecursively(moduleDir);
    }

    @Test
    void theDistributionShipsAllTuskBundles() {
        List<String> names = tuskJars.stream().map(p -> p.getFileName().toString()).toList();
        for (String artifact : List.of("tusk-protocol", "tusk-spi", "tusk-sql", "tusk-backend", "tusk-postmaster",
                "tusk-storage", "tusk-settings", "tusk-launcher-thread", "tusk-transport-tcp", "tusk-launcher-virtual-thread")) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(artifact + "-") && n.substring(artifact.length() + 1).matches("\\d.*")),
                    () -> artifact + " is missing from " + names);
        }
    }

    @Test
    void everyTuskJarHasARealModuleDescriptor() throws IOException {
        assertFalse(tuskJars.isEmpty(), "no tusk-*.jar in the distribution");
        List<String> problems = new ArrayList<>();
        for (Path jar : tuskJars) {
            CommandResult r = Commands.run(List.of(JAVA_HOME.resolve("bin/jar").toString(), "--describe-module", "--file", jar.toString()),
                    Duration.ofSeconds(30));
            String out = r.stdout() + r.stderr();
            String bsn;
            try (JarFile jf = new JarFile(jar.toFile())) {
                bsn = jf.getManifest() == null ? null : jf.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            }
            if (r.exitCode() != 0) {
                problems.add(jar.getFileName() + ": jar --describe-module failed: " + r.describe());
            } else if (out.contains("automatic") || !out.contains("module-info.class")) {
                problems.add(jar.getFileName() + ": no module-info.class, only an automatic module:\n" + out);
            } else {
                String module = out.strip().split("[@\\s]", 2)[0];
                String expected = bsn == null ? null : bsn.split(";")[0].strip().replace('-', '.');
                if (!module.equals(expected)) {
                    problems.add(jar.getFileName() + ": module " + module + " does not match Bundle-SymbolicName " + bsn);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theModulesValidateTogether() {
        CommandResult r = Commands.run(List.of(JAVA_HOME.resolve("bin/java").toString(),
                "--module-path", moduleDir.toString(), "--validate-modules"), Duration.ofSeconds(60));
        assertEquals(0, r.exitCode(), () -> "java --module-path " + moduleDir + " --validate-modules\n" + r.describe());
        assertFalse((r.stdout() + r.stderr()).contains("Error"), r::describe);
    }
}

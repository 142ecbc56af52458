package org.tusk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.tusk.itests.harness.FreePort;
import org.tusk.itests.harness.TuskDistribution;

/**
 * The OSGi runtime as the distribution ships it (every jar in bundles/ except FileInstall), booted in Felix 7.0.5
 * by Pax Exam with SLF4J as system packages, as the launcher does: every bundle resolves and starts, every Tusk
 * Declarative Services component is satisfied or active with no unsatisfied reference, and the TCP transport
 * listens on the port that the data directory's postgresql.conf names.
 * <p>
 * Runs inside the framework (Pax Exam probe), so it must not use the harness in test methods: the
 * {@link #config()} method runs outside and passes what the tests need as framework properties.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OsgiRuntimeIT {

    /** Tusk's runtime bundles; '-' and '.' are equivalent in these names (module names use '.'). */
    private static final List<String> TUSK_BUNDLES = List.of("org.tusk.protocol", "org.tusk.spi", "org.tusk.sql",
            "org.tusk.backend", "org.tusk.storage", "org.tusk.postmaster", "org.tusk.settings", "org.tusk.launcher.thread",
            "org.tusk.transport.tcp");
    private static final String SLF4J_VERSION = "2.0.20";
    private static final long TIMEOUT_MS = 20_000;

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() throws IOException {
        TuskDistribution dist = TuskDistribution.get();
        Path work = Path.of(System.getProperty("tusk.itests.work.dir", "target/itests-work")).toAbsolutePath();
        Files.createDirectories(work);
        Path data = Files.createTempDirectory(work, "osgi-data-");
        int port = FreePort.find();
        Files.writeString(data.resolve("postgresql.conf"),
                "# written by OsgiRuntimeIT\nport = " + port + "\nlisten_addresses = '127.0.0.1'\n", StandardCharsets.UTF_8);

        List<Option> options = new ArrayList<>();
        try (Stream<Path> jars = Files.list(dist.bundlesDir())) {
            jars.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .filter(p -> !p.getFileName().toString().contains("fileinstall"))
                    .sorted()
                    .forEach(p -> options.add(bundle(p.toUri().toString())));
        }
        String slf4j = String.join(",", Stream.of("org.slf4j", "org.slf4j.event", "org.slf4j.helpers", "org.slf4j.spi")
                .map(p -> p + ";version=\"" + SLF4J_VERSION + "\"").toList());
        options.addAll(List.of(
                systemPackages(slf4j),
                frameworkProperty("felix.bootdelegation.implicit").value("false"),
                frameworkProperty("tusk.data_directory").value(data.toString()),
                frameworkProperty("tusk.itests.port").value(Integer.toString(port)),
                junitBundles(),
                cleanCaches(true),
                workingDirectory(work.resolve("paxexam").toString())));
        return options.toArray(new Option[0]);
    }

    private static String normalized(String symbolicName) {
        return symbolicName.replace('-', '.');
    }

    private List<Bundle> tuskBundles() {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.tusk."))
                .toList();
    }

    @Test
    public void allRuntimeBundlesAreActive() {
        Set<String> installed = new TreeSet<>();
        tuskBundles().forEach(b -> installed.add(normalized(b.getSymbolicName())));
        for (String expected : TUSK_BUNDLES) {
            assertTrue(expected + " is not installed; Tusk bundles: " + installed, installed.contains(expected));
        }
        List<String> notActive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get("Fragment-Host") != null;
            if (!fragment && b.getState() != Bundle.ACTIVE) {
                notActive.add(b.getSymbolicName() + " " + b.getVersion() + " state " + b.getState());
            }
        }
        assertEquals("bundles not ACTIVE", List.of(), notActive);
    }

    @Test
    public void everyTuskComponentIsSatisfied() throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        List<String> problems;
        while (true) {
            problems = componentProblems();
            if (problems.isEmpty() || System.currentTimeMillis() > deadline) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("Tusk DS components that are not satisfied/active", List.of(), problems);
    }

    private List<String> componentProblems() {
        List<String> problems = new ArrayList<>();
        Bundle[] tusk = tuskBundles().toArray(new Bundle[0]);
        int components = 0;
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(tusk)) {
            components++;
            String name = d.bundle.symbolicName + "/" + d.name;
            if (!scr.isComponentEnabled(d)) {
                if (d.defaultEnabled) {
                    problems.add(name + " is disabled");
                }
                continue;
            }
            if (d.factory != null) {
                continue; // a factory component has configurations only once someone asks it for an instance
            }
            var configurations = scr.getComponentConfigurationDTOs(d);
            if (configurations.isEmpty()) {
                problems.add(name + " has no configuration (configuration-policy " + d.configurationPolicy + ")");
            }
            for (ComponentConfigurationDTO c : configurations) {
                boolean ok = c.state == ComponentConfigurationDTO.SATISFIED || c.state == ComponentConfigurationDTO.ACTIVE;
                if (!ok || c.unsatisfiedReferences.length > 0) {
                    List<String> refs = new ArrayList<>();
                    for (UnsatisfiedReferenceDTO r : c.unsatisfiedReferences) {
                        refs.add(r.name + (r.target == null ? "" : " " + r.target));
                    }
                    problems.add(name + " state " + stateName(c.state) + ", unsatisfied references " + refs
                            + (c.failure == null ? "" : ", failure: " + c.failure));
                }
            }
        }
        if (components == 0) {
            problems.add("no DS components found in the Tusk bundles");
        }
        return problems;
    }

    private static String stateName(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> Integer.toString(state);
        };
    }

    @Test
    public void theConfiguredPortAcceptsConnections() throws InterruptedException {
        int port = Integer.parseInt(context.getProperty("tusk.itests.port"));
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        IOException last = null;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        fail("nothing accepts connections on 127.0.0.1:" + port + " (from postgresql.conf in "
                + context.getProperty("tusk.data_directory") + "): " + last);
    }
}

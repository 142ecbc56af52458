package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.PostgresReference;
import org.tusk.itests.harness.Psql;
import org.tusk.itests.harness.TextDiff;
import org.tusk.itests.harness.TuskServer;

/**
 * psql's meta-commands ({@code \d}, {@code \dt}, {@code \du}, {@code \l}, ...) send psql's own catalog queries
 * (pg_class, pg_namespace, pg_roles, format_type, pg_table_is_visible, OPERATOR(pg_catalog.~) ...): Debian's
 * psql 15 must print the same against Tusk as against PostgreSQL 15. The steps of
 * {@code psql-meta/meta-commands.txt} run in file order against both servers, SQL steps building up the objects
 * that later meta-commands describe; each step's stdout, stderr and exit code are compared byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PsqlMetaCommandsIT {

    private PostgresReference postgres;
    private TuskServer tusk;

    static Stream<String> steps() {
        try (InputStream in = PsqlMetaCommandsIT.class.getResourceAsStream("/psql-meta/meta-commands.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void startServers() {
        postgres = PostgresReference.start();
        tusk = TuskServer.start();
    }

    @AfterAll
    void stopServers() {
        if (tusk != null) {
            tusk.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("steps")
    void sameOutputAsPostgres(String step) {
        CommandResult expected = Psql.to(postgres.host(), postgres.port(), PostgresReference.SUPERUSER, "postgres")
                .command(step);
        CommandResult actual = Psql.to(tusk.host(), tusk.port(), TuskServer.SUPERUSER, "postgres").command(step);
        if (expected.equals(actual)) {
            return;
        }
        StringBuilder msg = new StringBuilder("psql -c \"" + step + "\": Tusk differs from PostgreSQL 15 (- PostgreSQL, + Tusk)\n");
        if (!expected.stdout().equals(actual.stdout())) {
            msg.append("stdout:\n").append(TextDiff.diff(expected.stdout(), actual.stdout()));
        }
        if (!expected.stderr().equals(actual.stderr())) {
            msg.append("stderr:\n").append(TextDiff.diff(expected.stderr(), actual.stderr()));
        }
        if (expected.exitCode() != actual.exitCode()) {
            msg.append("exit code: - ").append(expected.exitCode()).append(" + ").append(actual.exitCode()).append('\n');
        }
        if (!tusk.isAlive()) {
            msg.append("The Tusk server has exited.\n").append(tusk.log().tail(40));
        }
        fail(msg.toString());
    }
}

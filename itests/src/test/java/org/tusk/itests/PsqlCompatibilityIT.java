package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.PostgresReference;
import org.tusk.itests.harness.Psql;
import org.tusk.itests.harness.TextDiff;
import org.tusk.itests.harness.TuskServer;

/**
 * The same {@code psql -X -h 127.0.0.1 -p PORT -U postgres -d postgres -c QUERY} against PostgreSQL 15 and
 * against Tusk must print exactly the same stdout and stderr and exit with the same code: results, column
 * headers, alignment, row counts, error messages with their LINE/caret context, all byte for byte. Tusk runs
 * once per installed backend launcher: the suite must not depend on how backends are started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PsqlCompatibilityIT {

    /** Every launcher the distribution offers: the built-in one and the sample plugin. */
    static final List<String> LAUNCHERS = List.of("thread", "virtual-thread");

    private PostgresReference postgres;
    private final Map<String, TuskServer> tusks = new LinkedHashMap<>();

    static Stream<Arguments> cases() {
        return LAUNCHERS.stream().flatMap(l -> queries().map(q -> Arguments.of(l, q)));
    }

    static Stream<String> queries() {
        return Stream.of(
                "select 1+1 as two",
                "select 1/0",
                "select 'a' || 'b' as ab, 2.5 * 4 as x, null as n",
                "select 1 = 1, 1 < 0, not true",
                "select case when 1 > 0 then 'yes' else 'no' end",
                "select 10 / 4, 10 % 4, -7 / 2, 2 ^ 10",
                "select 2147483647 + 1",
                "select 'abc'::int",
                "select 1 +",
                "selec 1",
                "select 1.5::float8 * 2, 7::numeric / 3",
                "show standard_conforming_strings",
                "select current_user = current_user");
    }

    @BeforeAll
    void startServers() {
        postgres = PostgresReference.start();
        for (String launcher : LAUNCHERS) {
            tusks.put(launcher, TuskServer.builder().launcher(launcher).setting("log_connections", "on").start());
        }
    }

    @AfterAll
    void stopServers() {
        tusks.values().forEach(TuskServer::close);
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("cases")
    void sameOutputAsPostgres(String launcher, String query) {
        TuskServer tusk = tusks.get(launcher);
        CommandResult expected = Psql.to(postgres.host(), postgres.port(), PostgresReference.SUPERUSER, "postgres").command(query);
        CommandResult actual = Psql.to(tusk.host(), tusk.port(), TuskServer.SUPERUSER, "postgres").command(query);
        if (expected.equals(actual)) {
            tusk.awaitLog("started by launcher \"" + launcher + "\"", java.time.Duration.ofSeconds(5));
            return;
        }
        StringBuilder msg = new StringBuilder("psql -c \"" + query + "\": Tusk differs from PostgreSQL 15 (- PostgreSQL, + Tusk)\n");
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

package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.Commands;
import org.tusk.itests.harness.PostgresReference;
import org.tusk.itests.harness.Psql;
import org.tusk.itests.harness.TuskServer;

/**
 * Debian's pgbench 15, unmodified, against Tusk and (as the control that the checks are right) against
 * PostgreSQL 15: {@code pgbench -i}, then the built-in scripts in every query mode with 1 and 8 clients.
 * Each run must process every transaction with no failure, and afterwards the bank must balance: a TPC-B
 * run changes the sum of the branch balances, of the teller balances and of the account balances each by
 * the sum of the deltas its history rows record (every transaction adds its delta to one row of each), a
 * simple-update run only the accounts', a select-only run nothing; the history holds one row per
 * transaction of the run (pgbench truncates it before each run).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgbenchIT {

    enum Target {
        POSTGRESQL, TUSK
    }

    /** One pgbench run: its options and how many transactions it must process. */
    record Run(String name, List<String> options, int transactions, boolean writes) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Pattern PROCESSED = Pattern.compile(
            "number of transactions actually processed: (\\d+)/(\\d+)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    private PostgresReference postgres;
    private TuskServer tusk;

    @BeforeAll
    @Timeout(300)
    void start() {
        postgres = PostgresReference.start();
        tusk = TuskServer.start();
        for (Target t : Target.values()) {
            CommandResult init = pgbench(t, "-i", "-s", "1", "-q");
            assertEquals(0, init.exitCode(), () -> "pgbench -i on " + t + "\n" + init.describe());
            assertTrue(init.stderr().contains("done in"), () -> "pgbench -i on " + t + "\n" + init.describe());
            assertEquals("100000|1|10", query(t,
                    "select (select count(*) from pgbench_accounts), (select count(*) from pgbench_branches),"
                            + " (select count(*) from pgbench_tellers)"));
        }
    }

    @AfterAll
    void stop() {
        if (tusk != null) {
            tusk.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static Stream<Object[]> runs() {
        List<Run> runs = List.of(
                new Run("tpcb simple, 1 client", List.of("-c", "1", "-t", "200"), 200, true),
                new Run("tpcb simple, 8 clients", List.of("-c", "8", "-j", "2", "-t", "40"), 320, true),
                new Run("tpcb extended, 1 client", List.of("-M", "extended", "-t", "100"), 100, true),
                new Run("tpcb prepared, 8 clients", List.of("-M", "prepared", "-c", "8", "-j", "2", "-t", "40"), 320,
                        true),
                new Run("simple-update -N, 2 clients", List.of("-N", "-c", "2", "-t", "100"), 200, true),
                new Run("select-only -S, 1 client", List.of("-S", "-t", "500"), 500, false),
                new Run("select-only -S prepared, 8 clients", List.of("-S", "-M", "prepared", "-c", "8", "-j", "2",
                        "-t", "100"), 800, false));
        List<Object[]> cases = new ArrayList<>();
        for (Target t : Target.values()) {
            for (Run r : runs) {
                cases.add(new Object[] {t, r});
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("runs")
    @Timeout(300)
    void runsWithoutErrorsAndBalances(Target target, Run run) {
        long[] before = sums(target);
        List<String> args = new ArrayList<>(run.options());
        CommandResult r = pgbench(target, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), () -> run + " on " + target + "\n" + r.describe());
        Matcher processed = PROCESSED.matcher(r.stdout());
        assertTrue(processed.find(), () -> "no transaction count in\n" + r.describe());
        assertEquals(run.transactions(), Integer.parseInt(processed.group(1)), r::describe);
        assertEquals(processed.group(2), processed.group(1), r::describe);
        Matcher failed = FAILED.matcher(r.stdout());
        assertTrue(failed.find(), () -> "no failure count in\n" + r.describe());
        assertEquals(0, Integer.parseInt(failed.group(1)), r::describe);

        long[] after = sums(target);
        long[] change = {after[0] - before[0], after[1] - before[1], after[2] - before[2]};
        long historyDelta = after[3];
        assertEquals(run.writes() ? run.transactions() : 0, after[4],
                "history rows of this run (pgbench truncates it first)");
        if (!run.writes()) {
            assertEquals(0, change[0] | change[1] | change[2], "select-only changes no balance");
        } else if (run.options().contains("-N")) {
            // simple-update changes accounts and history only.
            assertEquals(0, change[0], "branch balances unchanged by -N");
            assertEquals(0, change[1], "teller balances unchanged by -N");
            assertEquals(historyDelta, change[2], "account balances changed by the deltas in the history");
        } else {
            // Every TPC-B transaction adds its delta to one branch, one teller, one account and the history.
            assertEquals(historyDelta, change[0], "branch balances changed by the deltas in the history");
            assertEquals(historyDelta, change[1], "teller balances changed by the deltas in the history");
            assertEquals(historyDelta, change[2], "account balances changed by the deltas in the history");
        }
    }

    /** Sums of the branch, teller and account balances, of the history's deltas, and the history's rows. */
    private long[] sums(Target target) {
        String[] v = query(target, "select (select sum(bbalance) from pgbench_branches),"
                + " (select sum(tbalance) from pgbench_tellers), (select sum(abalance) from pgbench_accounts),"
                + " (select coalesce(sum(delta), 0) from pgbench_history), (select count(*) from pgbench_history)")
                .split("\\|");
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Long.parseLong(v[i]);
        }
        return out;
    }

    private int port(Target t) {
        return t == Target.POSTGRESQL ? postgres.port() : tusk.port();
    }

    private CommandResult pgbench(Target t, String... options) {
        List<String> command = new ArrayList<>(List.of(PostgresReference.BIN.resolve("pgbench").toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(port(t)), "-U", "postgres"));
        command.addAll(List.of(options));
        command.add("postgres");
        return Commands.run(command, Map.of("PGCONNECT_TIMEOUT", "10"), Duration.ofMinutes(4));
    }

    private String query(Target t, String sql) {
        CommandResult r = Psql.run(Map.of(), "-h", "127.0.0.1", "-p", Integer.toString(port(t)), "-U", "postgres",
                "-d", "postgres", "-At", "-c", sql);
        assertEquals(0, r.exitCode(), () -> sql + " on " + t + "\n" + r.describe());
        return r.stdout().strip();
    }
}

package org.tusk.benchmark.client;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.tusk.client.Connection;
import org.tusk.client.ConnectionFactory;
import org.tusk.client.Pipeline;
import org.tusk.client.PreparedStatement;
import org.tusk.client.Result;

/**
 * Tusk's client against pgjdbc on one PostgreSQL server, in one JVM: round trips of a small SELECT,
 * pipelined INSERTs into an unlogged table, and rows per second reading a large result. Each workload
 * runs a warm-up round per client, then {@code rounds} measured rounds alternating the two clients; the
 * best round of each is reported (the least disturbed by the shared machine).
 *
 * <pre>java -cp ... org.tusk.benchmark.client.ClientThroughput HOST PORT [roundTrips] [inserts] [rows] [rounds]</pre>
 */
public final class ClientThroughput {

    private final String host;
    private final int port;

    private ClientThroughput(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** One client's side of a workload: returns the number of operations done. */
    @FunctionalInterface
    interface Work {
        long run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 5432;
        int roundTrips = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int inserts = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        int rows = args.length > 4 ? Integer.parseInt(args[4]) : 1_000_000;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        ClientThroughput b = new ClientThroughput(host, port);
        List<String[]> table = new ArrayList<>();
        try (Connection tusk = b.tusk(); java.sql.Connection jdbc = b.jdbc()) {
            tusk.query("create unlogged table if not exists bench_insert(id int, name text, v float8)");
            table.add(b.compare("select $1::int round trips/s", rounds,
                    () -> tuskRoundTrips(tusk, roundTrips), () -> jdbcRoundTrips(jdbc, roundTrips)));
            table.add(b.compare("pipelined INSERTs/s (batches of 1000)", rounds,
                    () -> tuskInserts(tusk, inserts), () -> jdbcInserts(jdbc, inserts)));
            table.add(b.compare("INSERTs/s: pipeline vs one executeUpdate each", rounds,
                    () -> tuskInserts(tusk, inserts / 5), () -> jdbcSingleInserts(jdbc, inserts / 5)));
            table.add(b.compare("rows/s reading generate_series(1, " + rows + ")", rounds,
                    () -> tuskRows(tusk, rows), () -> jdbcRows(jdbc, rows)));
            tusk.query("drop table bench_insert");
        }
        System.out.printf(Locale.ROOT, "%-46s %12s %12s %11s %13s %13s%n", "workload (best of " + rounds + " rounds)",
                "tusk-client", "pgjdbc", "tusk/pgjdbc", "tusk CPU us/op", "pgjdbc CPU us/op");
        for (String[] r : table) {
            System.out.printf(Locale.ROOT, "%-46s %12s %12s %11s %13s %13s%n", (Object[]) r);
        }
    }

    private String[] compare(String name, int rounds, Work tusk, Work jdbc) throws Exception {
        System.err.println("[bench] " + name + ": warm-up");
        tusk.run();
        jdbc.run();
        double[] bestTusk = {0, Double.MAX_VALUE};
        double[] bestJdbc = {0, Double.MAX_VALUE};
        for (int r = 0; r < rounds; r++) {
            // alternate which client goes first, so that neither always runs on a warmer server
            if (r % 2 == 0) {
                measure(tusk, bestTusk);
                measure(jdbc, bestJdbc);
            } else {
                measure(jdbc, bestJdbc);
                measure(tusk, bestTusk);
            }
        }
        System.err.printf(Locale.ROOT, "[bench] %s: tusk %.0f/s, pgjdbc %.0f/s%n", name, bestTusk[0], bestJdbc[0]);
        return new String[] {name, String.format(Locale.ROOT, "%.0f", bestTusk[0]),
            String.format(Locale.ROOT, "%.0f", bestJdbc[0]), String.format(Locale.ROOT, "%.2fx", bestTusk[0] / bestJdbc[0]),
            String.format(Locale.ROOT, "%.2f", bestTusk[1]), String.format(Locale.ROOT, "%.2f", bestJdbc[1])};
    }

    /**
     * One round: operations per second of wall time, and this JVM's CPU time per operation (all its
     * threads, GC and JIT included), which the other load on a shared machine disturbs less. Keeps the
     * best of each in {@code best}.
     */
    private static void measure(Work w, double[] best) throws Exception {
        System.gc();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        long ops = w.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuPerOp = (os.getProcessCpuTime() - cpu) / 1e3 / ops;
        best[0] = Math.max(best[0], ops / seconds);
        best[1] = Math.min(best[1], cpuPerOp);
    }

    private Connection tusk() throws Exception {
        return ConnectionFactory.standard().connect("host=" + host + " port=" + port
                + " user=postgres dbname=postgres sslmode=disable");
    }

    private java.sql.Connection jdbc() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", p);
    }

    // ---- round trips: a prepared statement, one int4 parameter, one int4 row ----------------------

    private static long tuskRoundTrips(Connection c, int n) throws Exception {
        long sum = 0;
        try (PreparedStatement ps = c.prepare("select $1::int")) {
            for (int i = 0; i < n; i++) {
                sum += ps.execute(i).rows().getFirst().getInt(0);
            }
        }
        check(sum == (long) n * (n - 1) / 2, "round-trip sum");
        return n;
    }

    private static long jdbcRoundTrips(java.sql.Connection c, int n) throws Exception {
        long sum = 0;
        try (java.sql.PreparedStatement ps = c.prepareStatement("select ?::int")) {
            for (int i = 0; i < n; i++) {
                ps.setInt(1, i);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sum += rs.getInt(1);
                }
            }
        }
        check(sum == (long) n * (n - 1) / 2, "round-trip sum");
        return n;
    }

    // ---- inserts: Bind/Execute per row, one Sync per 1000 rows ------------------------------------

    private static long tuskInserts(Connection c, int n) throws Exception {
        c.query("truncate bench_insert");
        List<CompletableFuture<?>> syncs = new ArrayList<>();
        try (PreparedStatement ps = c.prepare("insert into bench_insert values ($1, $2, $3)");
                Pipeline p = c.pipeline()) {
            for (int i = 0; i < n; i++) {
                p.execute(ps, i, "name " + i, i * 0.5);
                if (i % 1000 == 999) {
                    syncs.add(p.sync());
                }
            }
        }
        for (CompletableFuture<?> s : syncs) {
            s.join();
        }
        check(c.query("select count(*) from bench_insert").getFirst().rows().getFirst().getLong(0) == n, "row count");
        return n;
    }

    private static long jdbcInserts(java.sql.Connection c, int n) throws Exception {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("truncate bench_insert");
        }
        try (java.sql.PreparedStatement ps = c.prepareStatement("insert into bench_insert values (?, ?, ?)")) {
            for (int i = 0; i < n; i++) {
                ps.setInt(1, i);
                ps.setString(2, "name " + i);
                ps.setDouble(3, i * 0.5);
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        try (java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from bench_insert")) {
            rs.next();
            check(rs.getLong(1) == n, "row count");
        }
        return n;
    }

    private static long jdbcSingleInserts(java.sql.Connection c, int n) throws Exception {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("truncate bench_insert");
        }
        c.setAutoCommit(false); // the same transactions as the pipeline's segments: a commit per 1000 rows
        try (java.sql.PreparedStatement ps = c.prepareStatement("insert into bench_insert values (?, ?, ?)")) {
            for (int i = 0; i < n; i++) {
                ps.setInt(1, i);
                ps.setString(2, "name " + i);
                ps.setDouble(3, i * 0.5);
                ps.executeUpdate();
                if (i % 1000 == 999) {
                    c.commit();
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        return n;
    }

    // ---- a large result, streamed with bounded memory (10000 rows per fetch) ----------------------

    private static final String LARGE = "select n, n::int8 * 1000 as big, 'row ' || n as label, n * 0.5::float8 as half "
            + "from generate_series(1, $1::int) n";

    private static long tuskRows(Connection c, int n) throws Exception {
        AtomicLong sum = new AtomicLong();
        AtomicLong chars = new AtomicLong();
        Result r = c.stream(LARGE, 10_000, row -> {
            sum.addAndGet(row.getInt(0) + row.getLong(1) + (long) row.getDouble(3));
            chars.addAndGet(row.getString(2).length());
        }, n);
        check(r.rowsAffected() == n && sum.get() > 0 && chars.get() > 0, "rows read");
        return n;
    }

    private static long jdbcRows(java.sql.Connection c, int n) throws Exception {
        long sum = 0;
        long chars = 0;
        long count = 0;
        c.setAutoCommit(false); // pgjdbc honours the fetch size only inside a transaction
        try (java.sql.PreparedStatement ps = c.prepareStatement(LARGE.replace("$1", "?"))) {
            ps.setFetchSize(10_000);
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sum += rs.getInt(1) + rs.getLong(2) + (long) rs.getDouble(4);
                    chars += rs.getString(3).length();
                    count++;
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(true);
        }
        check(count == n && sum > 0 && chars > 0, "rows read");
        return n;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("wrong result: " + what);
        }
    }
}

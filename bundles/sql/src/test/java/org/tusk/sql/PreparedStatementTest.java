package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.TypeOids;
import org.tusk.spi.SqlException;
import org.tusk.spi.StatementDescription;

/** Parse/Bind/Execute at the SPI: parameter type inference, binding, portals and implicit transactions. */
class PreparedStatementTest {
    private final Transcript t = new Transcript();

    private int[] infer(String sql, int... declared) {
        t.session.closeStatement("");
        return t.session.prepare("", sql, declared).parameterTypes();
    }

    private String sqlState(Runnable r) {
        return assertThrows(SqlException.class, r::run).sqlState();
    }

    @Test
    void parameterTypesAreInferredFromContext() {
        assertArrayEquals(new int[] {TypeOids.INT4}, infer("select $1 + 1"));
        assertArrayEquals(new int[] {TypeOids.INT8}, infer("select $1::int8"));
        assertArrayEquals(new int[] {TypeOids.TEXT}, infer("select $1"));
        assertArrayEquals(new int[] {TypeOids.NUMERIC}, infer("select 2.5 = $1"));
        assertArrayEquals(new int[] {TypeOids.BOOL, TypeOids.TEXT}, infer("select $2 where $1"));
        assertArrayEquals(new int[] {TypeOids.INT8}, infer("select $1 + 1", TypeOids.INT8));
        assertArrayEquals(new int[] {TypeOids.INT4, TypeOids.TEXT}, infer("select $2 || 'x'", TypeOids.INT4));
        assertEquals("42P18", sqlState(() -> infer("select $2::int")));
        assertEquals("42P18", sqlState(() -> infer("select $1 is null")));
    }

    @Test
    void describesColumnsOrNoData() {
        StatementDescription d = t.session.prepare("s", "select $1::int as a, 'x' as b", new int[0]);
        assertEquals(List.of("a", "b"), d.columns().stream().map(c -> c.name()).toList());
        assertEquals(TypeOids.INT4, d.columns().getFirst().typeOid());
        assertNull(t.session.prepare("b", "begin", new int[0]).columns());
        assertEquals(1, t.session.prepare("w", "show work_mem", new int[0]).columns().size());
    }

    @Test
    void bindsAndExecutesWithParameters() {
        t.session.prepare("s", "select $1 * 2, $2", new int[] {TypeOids.INT8});
        t.session.bind("", "s", Arrays.asList("21", null));
        t.lines.clear();
        assertFalse(t.session.execute("", 0, t));
        assertEquals(List.of("D 42|\\N", "C SELECT 1"), t.lines);
        assertEquals("22P02", sqlState(() -> t.session.bind("", "s", List.of("x", "y"))));
        assertEquals("22003", sqlState(() -> t.session.bind("", "s", List.of("99999999999999999999", "y"))));
        assertEquals("08P01", sqlState(() -> t.session.bind("", "s", List.of("1"))));
        assertEquals("26000", sqlState(() -> t.session.bind("", "nope", List.of())));
    }

    @Test
    void aPreparedQueryIsPlannedOnceAndReadsEachBindsValues() {
        t.session.prepare("q", "select g, $2::text from generate_series(1, 10) g where g > $1 order by g desc limit 2",
                new int[] {TypeOids.INT4});
        for (int bound : new int[] {3, 8, 20}) {
            t.session.bind("", "q", List.of(Integer.toString(bound), "b" + bound));
            t.lines.clear();
            assertFalse(t.session.execute("", 0, t));
            List<String> expected = new java.util.ArrayList<>();
            for (int g = 10; g > bound && expected.size() < 2; g--) {
                expected.add("D " + g + "|b" + bound);
            }
            expected.add("C SELECT " + expected.size());
            assertEquals(expected, t.lines);
        }
    }

    @Test
    void portalsSuspendAndEndWithTheTransaction() {
        t.session.prepare("", "select 1", new int[0]);
        t.session.bind("p", "", List.of());
        t.lines.clear();
        assertTrue(t.session.execute("p", 1, t));
        assertFalse(t.session.execute("p", 1, t));
        assertEquals(List.of("D 1", "C SELECT 0"), t.lines);
        t.session.sync(t);
        assertEquals("34000", sqlState(() -> t.session.execute("p", 0, t)));
    }

    @Test
    void statementsAreNamedOnceAndCannotHoldSeveralCommands() {
        t.session.prepare("a", "select 1", new int[0]);
        assertEquals("42P05", sqlState(() -> t.session.prepare("a", "select 1", new int[0])));
        assertEquals("42601", sqlState(() -> t.session.prepare("", "select 1; select 2", new int[0])));
        t.session.closeStatement("a");
        t.session.closeStatement("a");
        t.session.prepare("a", "select 2", new int[0]);
    }

    @Test
    void setInsideTheImplicitTransactionIsReportedAtSync() {
        t.session.prepare("", "set application_name = 'z'", new int[0]);
        t.session.bind("", "", List.of());
        t.lines.clear();
        t.session.execute("", 0, t);
        assertEquals(List.of("C SET"), t.lines);
        t.session.sync(t);
        assertEquals("z", t.run("show application_name").get(1).substring(2));
    }

    /** Whether Bind fails (with which SQLSTATE), null if it succeeds, as recorded on PostgreSQL 15. */
    private String bindError(String sql, String... values) {
        t.session.closeStatement("");
        t.session.prepare("", sql, new int[0]);
        try {
            t.session.bind("", "", Arrays.asList(values));
            return null;
        } catch (SqlException e) {
            return e.sqlState();
        } finally {
            t.session.sync(t);
        }
    }

    @Test
    void constantsAreComputedAtBindAsThePlannerFoldsThem() {
        // Each expectation is what PostgreSQL 15 answered to Parse/Bind/Execute/Sync of the same text.
        assertEquals("22012", bindError("select 1/0"));
        assertEquals("22012", bindError("select $1::int / 0", "1"));
        assertEquals("22012", bindError("select case when random() > 2 then 1/0 else 1 end"));
        assertEquals("22012", bindError("select coalesce(null, 1/0)"));
        assertEquals("22012", bindError("select random() < 2 and 1/0 = 1"));
        assertEquals("22012", bindError("select 1 limit 1/0"));
        assertEquals("22012", bindError("select nullif(1, 1/0)"));
        assertEquals("22012", bindError("select '1'::text::int / 0"));
        assertEquals("22012", bindError("select 1 where 1/0 = 1"));
        assertNull(bindError("select case when false then 1/0 else 1 end"));
        assertNull(bindError("select 1/(random()*0)::int")); // volatile: fails at Execute
        assertNull(bindError("select coalesce(1, 1/0)"));
        assertNull(bindError("select false and 1/0 = 1"));
    }
}

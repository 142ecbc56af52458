package org.tusk.sql.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tusk.spi.SqlException;
import org.tusk.sql.types.ArrayValue;

/** pg_settings' rows: PostgreSQL's recorded descriptions agree with Tusk's parameter definitions. */
class SettingsViewTest {

    /**
     * Defaults that depend on the build or the platform. max_stack_depth's boot value is 100kB in
     * PostgreSQL, raised at start to 2MB when the platform's stack allows (InitializeGUCOptions); Tusk
     * starts at 2MB.
     */
    private static final Set<String> BUILD_DEPENDENT = Set.of("server_version", "server_version_num",
            "client_encoding", "server_encoding", "max_stack_depth");
    /** GUC_NO_SHOW_ALL in PostgreSQL: absent from pg_settings. */
    private static final Set<String> HIDDEN = Set.of("session_authorization", "is_superuser", "role");

    @Test
    void everyParameterIsDescribedAndItsDefaultIsPostgresqls() {
        for (Setting def : SettingCatalog.all()) {
            SettingsView.Description d = SettingsView.description(def.name());
            if (HIDDEN.contains(def.name())) {
                assertNull(d, def.name());
                continue;
            }
            assertNotNull(d, def.name() + " has no recorded description");
            assertEquals(def.name(), d.name(), "spelling");
            assertEquals(def.description(), d.shortDesc(), def.name());
            if (!BUILD_DEPENDENT.contains(def.name())) {
                assertEquals(d.bootVal(), SettingsView.inBaseUnit(def.bootValue(), d.unit()), def.name());
            }
        }
    }

    @Test
    void enumerationsAcceptExactlyPostgresqlsValues() {
        for (Setting def : SettingCatalog.all()) {
            SettingsView.Description d = SettingsView.description(def.name());
            if (d == null || !d.vartype().equals("enum")) {
                continue;
            }
            for (String value : d.enumVals()) {
                assertEquals(value, def.parser().parse(value, def.name()), def.name());
            }
            assertThrows(SqlException.class, () -> def.parser().parse("no_such_value", def.name()), def.name());
        }
    }

    @Test
    void integerLimitsArePostgresqls() {
        for (Setting def : SettingCatalog.all()) {
            SettingsView.Description d = SettingsView.description(def.name());
            if (d == null || !d.vartype().equals("integer") || d.unit() != null
                    || def.context() == Setting.Context.INTERNAL) {
                continue;
            }
            long max = Long.parseLong(d.maxVal());
            long min = Long.parseLong(d.minVal());
            assertEquals(Long.toString(max), def.parser().parse(Long.toString(max), def.name()), def.name());
            assertEquals(Long.toString(min), def.parser().parse(Long.toString(min), def.name()), def.name());
            assertThrows(SqlException.class, () -> def.parser().parse(Long.toString(max + 1), def.name()));
            assertThrows(SqlException.class, () -> def.parser().parse(Long.toString(min - 1), def.name()));
        }
    }

    @Test
    void valuesAreShownInTheBaseUnit() {
        assertEquals("4096", SettingsView.inBaseUnit("4MB", "kB"));
        assertEquals("1048576", SettingsView.inBaseUnit("1GB", "kB"));
        assertEquals("16384", SettingsView.inBaseUnit("128MB", "8kB"));
        assertEquals("524288", SettingsView.inBaseUnit("4GB", "8kB"));
        assertEquals("1000", SettingsView.inBaseUnit("1s", "ms"));
        assertEquals("90000", SettingsView.inBaseUnit("90s", "ms"));
        assertEquals("0", SettingsView.inBaseUnit("0", "ms"));
        assertEquals("ISO, MDY", SettingsView.inBaseUnit("ISO, MDY", null));
    }

    @Test
    void rowsFollowTheSessionsChangesAndSources() {
        SessionSettings s = SessionSettings.create("alice", Map.of("work_mem", "8MB"),
                Map.of("application_name", "psql", "statement_timeout", "2s"));
        s.set("lock_timeout", "1min", false);
        List<Object[]> rows = SettingsView.rows(s);
        Object[] workMem = row(rows, "work_mem");
        assertEquals("8192", workMem[1]);
        assertEquals("configuration file", workMem[8]);
        assertEquals("4096", workMem[12]);
        assertEquals("8192", workMem[13]);
        assertEquals("client", row(rows, "application_name")[8]);
        assertEquals("2000", row(rows, "statement_timeout")[1]);
        Object[] lockTimeout = row(rows, "lock_timeout");
        assertEquals("60000", lockTimeout[1]);
        assertEquals("session", lockTimeout[8]);
        assertEquals("0", lockTimeout[13]);
        assertEquals("default", row(rows, "bytea_output")[8]);
        assertEquals(List.of("escape", "hex"), ((ArrayValue) row(rows, "bytea_output")[11]).elements());
        assertEquals("override", row(rows, "transaction_isolation")[8]);
        s.reset("lock_timeout");
        assertEquals("default", row(SettingsView.rows(s), "lock_timeout")[8]);

        List<String> names = new ArrayList<>();
        rows.forEach(r -> names.add((String) r[0]));
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        assertEquals(sorted, names);
        assertEquals(SettingCatalog.all().size() - HIDDEN.size(), rows.size());
    }

    private static Object[] row(List<Object[]> rows, String name) {
        return rows.stream().filter(r -> r[0].equals(name)).findFirst().orElseThrow();
    }
}

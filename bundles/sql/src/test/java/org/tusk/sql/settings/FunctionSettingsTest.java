package org.tusk.sql.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tusk.spi.SqlException;

/** A function's SET clauses: held during the call, undone after it, overridden by a plain SET inside. */
class FunctionSettingsTest {

    private static SessionSettings session() {
        SessionSettings s = SessionSettings.create("alice", Map.of(), Map.of());
        s.beginTransaction();
        return s;
    }

    @Test
    void clausesHoldDuringTheCallAndAreUndoneAfter() {
        SessionSettings s = session();
        int depth = s.enterFunction(List.of("work_mem=64MB", "DateStyle=SQL, DMY", "myapp.x=1"));
        assertEquals("64MB", s.get("work_mem"));
        assertEquals("SQL, DMY", s.get("datestyle"));
        assertEquals("1", s.get("myapp.x"));
        s.set("work_mem", "3MB", true); // SET LOCAL inside: restricted to the call
        s.leaveFunction(depth);
        assertEquals("4MB", s.get("work_mem"));
        assertEquals("ISO, MDY", s.get("DateStyle"));
        assertEquals("", s.get("myapp.x"));
    }

    @Test
    void aPlainSetInsideOutlivesTheCall() {
        SessionSettings s = session();
        int depth = s.enterFunction(List.of("work_mem=2MB"));
        s.set("work_mem", "5MB", false);
        s.leaveFunction(depth);
        assertEquals("5MB", s.get("work_mem"));
        s.commit();
        assertEquals("5MB", s.get("work_mem"));
    }

    @Test
    void aValueThatCannotBeSetFailsTheCallAndLeavesNothing() {
        SessionSettings s = session();
        s.setChecked("is_superuser", "off", false);
        assertThrows(SqlException.class, () -> s.enterFunction(List.of("work_mem=1MB",
                "session_replication_role=replica")));
        assertEquals("4MB", s.get("work_mem"));
        assertEquals("origin", s.get("session_replication_role"));
    }

    @Test
    void storedItemsAreCheckedAndSpelledAsTheParameter() {
        assertEquals("DateStyle=ISO, DMY", SessionSettings.functionSetting("datestyle", "ISO, DMY", false));
        assertEquals("app.flag=x", SessionSettings.functionSetting("app.flag", "x", false));
        assertEquals("42704", assertThrows(SqlException.class,
                () -> SessionSettings.functionSetting("nosuch", "1", true)).sqlState());
        assertEquals("22023", assertThrows(SqlException.class,
                () -> SessionSettings.functionSetting("work_mem", "lots", true)).sqlState());
        assertEquals("42501", assertThrows(SqlException.class,
                () -> SessionSettings.functionSetting("session_replication_role", "replica", false)).sqlState());
        assertEquals("55P02", assertThrows(SqlException.class,
                () -> SessionSettings.functionSetting("port", "5", true)).sqlState());
    }
}

package org.tusk.sql.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * SHOW ALL leaves out the parameters PostgreSQL 15 flags GUC_NO_SHOW_ALL (is_superuser, role,
 * session_authorization), which SHOW still shows by name; max_stack_depth is listed as PostgreSQL's.
 */
class ShowAllTest {

    @Test
    void showAllLeavesOutTheRoleParameters() {
        SessionSettings s = SessionSettings.create("alice", Map.of(), Map.of());
        List<String> names = s.all().stream().map(r -> r[0]).toList();
        assertFalse(names.contains("is_superuser"), names.toString());
        assertFalse(names.contains("role"), names.toString());
        assertFalse(names.contains("session_authorization"), names.toString());
        assertTrue(names.contains("work_mem"), names.toString());
        assertEquals("alice", s.get("session_authorization"), "still shown by name");
        String[] stack = s.all().stream().filter(r -> r[0].equals("max_stack_depth")).findFirst().orElseThrow();
        assertEquals(List.of("max_stack_depth", "2MB", "Sets the maximum stack depth, in kilobytes."),
                List.of(stack));
    }
}

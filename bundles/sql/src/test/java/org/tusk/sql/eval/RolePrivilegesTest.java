package org.tusk.sql.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.sql.eval.BackendSignalFunctions.Outcome;
import org.tusk.sql.eval.RolePrivileges.Membership;
import org.tusk.sql.eval.RolePrivileges.Role;

/**
 * Who may signal whom (pg_signal_backend's rules over has_privs_of_role): superusers anyone; others
 * only non-superuser backends of roles whose privileges they have, or any non-superuser backend as
 * members of pg_signal_backend; a backend without a role counts as a superuser's.
 */
class RolePrivilegesTest {
    private static final int POSTGRES = 10;
    private static final int ALICE = 16384;
    private static final int BOB = 16385;
    private static final int GROUP = 16386;
    private static final int NOINHERIT = 16387;
    private static final int OPERATOR = 16388;

    private final RolePrivileges roles = new RolePrivileges(List.of(
            new Role(POSTGRES, "postgres", true, true),
            new Role(ALICE, "alice", false, true),
            new Role(BOB, "bob", false, true),
            new Role(GROUP, "grp", false, true),
            new Role(NOINHERIT, "noinherit", false, false),
            new Role(OPERATOR, "operator", false, true),
            new Role(BackendSignalFunctions.PG_SIGNAL_BACKEND, "pg_signal_backend", false, true)),
            List.of(new Membership(GROUP, ALICE), new Membership(BOB, GROUP), new Membership(BOB, NOINHERIT),
                    new Membership(BackendSignalFunctions.PG_SIGNAL_BACKEND, OPERATOR)));

    @Test
    void membershipIsTransitiveThroughInheritingRoles() {
        assertTrue(roles.hasPrivsOfRole(ALICE, ALICE));
        assertTrue(roles.hasPrivsOfRole(ALICE, GROUP));
        assertTrue(roles.hasPrivsOfRole(ALICE, BOB), "alice is in grp, grp is in bob");
        assertFalse(roles.hasPrivsOfRole(BOB, ALICE), "membership goes one way");
        assertFalse(roles.hasPrivsOfRole(NOINHERIT, BOB), "a NOINHERIT member does not use bob's privileges");
        assertTrue(roles.hasPrivsOfRole(POSTGRES, ALICE), "a superuser has everyone's");
    }

    @Test
    void signalingFollowsPostgresRules() {
        assertEquals(Outcome.SUCCESS, BackendSignalFunctions.permitted(roles, POSTGRES, ALICE));
        assertEquals(Outcome.SUCCESS, BackendSignalFunctions.permitted(roles, POSTGRES, POSTGRES));
        assertEquals(Outcome.SUCCESS, BackendSignalFunctions.permitted(roles, ALICE, ALICE));
        assertEquals(Outcome.SUCCESS, BackendSignalFunctions.permitted(roles, ALICE, BOB));
        assertEquals(Outcome.NO_PERMISSION, BackendSignalFunctions.permitted(roles, BOB, ALICE));
        assertEquals(Outcome.SUCCESS, BackendSignalFunctions.permitted(roles, OPERATOR, ALICE));
        assertEquals(Outcome.NO_SUPERUSER, BackendSignalFunctions.permitted(roles, OPERATOR, POSTGRES));
        assertEquals(Outcome.NO_SUPERUSER, BackendSignalFunctions.permitted(roles, ALICE, 0),
                "no role: as a superuser's");
        assertEquals(Outcome.SUCCESS, BackendSignalFunctions.permitted(roles, POSTGRES, 0));
    }
}

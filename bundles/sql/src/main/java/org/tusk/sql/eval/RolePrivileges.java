package org.tusk.sql.eval;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which roles' privileges a role has, from pg_authid and pg_auth_members (PostgreSQL's acl.c:
 * has_privs_of_role and superuser_arg). A superuser has every role's privileges; otherwise a role has
 * its own and, through memberships, those of every role it is a member of, transitively, but only
 * through members that inherit (rolinherit).
 */
final class RolePrivileges {

    /** One pg_authid row, what matters here. */
    record Role(int oid, String name, boolean superuser, boolean inherit) {
    }

    /** One pg_auth_members row: {@code member} is a member of {@code role}. */
    record Membership(int role, int member) {
    }

    private final Map<Integer, Role> byOid = new HashMap<>();
    private final Map<String, Role> byName = new HashMap<>();
    private final List<Membership> memberships;

    RolePrivileges(List<Role> roles, List<Membership> memberships) {
        for (Role r : roles) {
            byOid.put(r.oid(), r);
            byName.put(r.name(), r);
        }
        this.memberships = List.copyOf(memberships);
    }

    /** The role named {@code name}, or null. */
    Role role(String name) {
        return name == null ? null : byName.get(name);
    }

    /** superuser_arg: whether the role exists and has rolsuper. */
    boolean superuser(int role) {
        Role r = byOid.get(role);
        return r != null && r.superuser();
    }

    /** has_privs_of_role(member, role). */
    boolean hasPrivsOfRole(int member, int role) {
        if (member == role || superuser(member)) {
            return true;
        }
        Set<Integer> seen = new HashSet<>();
        Deque<Integer> todo = new ArrayDeque<>();
        todo.add(member);
        seen.add(member);
        while (!todo.isEmpty()) {
            int r = todo.poll();
            Role row = byOid.get(r);
            if (row == null || !row.inherit()) {
                continue; // a role without INHERIT does not use the privileges of its roles
            }
            for (Membership m : memberships) {
                if (m.member() == r && seen.add(m.role())) {
                    if (m.role() == role) {
                        return true;
                    }
                    todo.add(m.role());
                }
            }
        }
        return false;
    }
}

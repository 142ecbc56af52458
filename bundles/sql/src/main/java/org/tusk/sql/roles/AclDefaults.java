package org.tusk.sql.roles;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;

/**
 * acldefault(objtype, owner) (acl.c): the ACL a NULL acl column stands for, by PostgreSQL's one-letter
 * object type. pg_dump compares every object's ACL with it to decide which GRANT and REVOKE commands to
 * write, so the letters and the order of the items (PUBLIC's first) must be PostgreSQL's exactly.
 */
public final class AclDefaults {

    private AclDefaults() {
    }

    /**
     * The default ACL of an object of kind {@code objtype} owned by {@code owner} (a role name, or its OID
     * as digits when it names no role, as aclitemout prints it). Unknown kinds are acl.c's elog error.
     */
    public static List<String> of(String objtype, String owner) {
        char kind = objtype == null || objtype.isEmpty() ? '\0' : objtype.charAt(0);
        int world;
        int ownerRights;
        switch (kind) {
            case 'c' -> { // column: the table's privileges already say everything
                world = 0;
                ownerRights = 0;
            }
            case 'r' -> {
                world = 0;
                ownerRights = Acl.ALL_TABLE;
            }
            case 's' -> {
                world = 0;
                ownerRights = Acl.ALL_SEQUENCE;
            }
            case 'd' -> {
                world = Acl.TEMPORARY | Acl.CONNECT;
                ownerRights = Acl.ALL_DATABASE;
            }
            case 'f' -> {
                world = Acl.bit('X');
                ownerRights = Acl.bit('X');
            }
            case 'l', 'T' -> {
                world = Acl.USAGE;
                ownerRights = Acl.USAGE;
            }
            case 'L' -> {
                world = 0;
                ownerRights = Acl.SELECT | Acl.UPDATE;
            }
            case 'n' -> {
                world = 0;
                ownerRights = Acl.ALL_SCHEMA;
            }
            case 't' -> {
                world = 0;
                ownerRights = Acl.CREATE;
            }
            case 'F', 'S' -> {
                world = 0;
                ownerRights = Acl.USAGE;
            }
            case 'p' -> {
                world = 0;
                ownerRights = Acl.bit('s') | Acl.bit('A');
            }
            default -> throw new SqlException("XX000", "unrecognized objtype abbreviation: " + kind);
        }
        List<Acl.Item> items = new ArrayList<>();
        if (world != 0) {
            items.add(new Acl.Item(null, owner, world, 0));
        }
        if (ownerRights != 0) {
            items.add(new Acl.Item(owner, owner, ownerRights, 0));
        }
        return Acl.format(items);
    }
}

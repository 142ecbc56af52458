package org.tusk.sql.roles;

import java.util.ArrayList;
import java.util.List;

/**
 * Access control lists as PostgreSQL prints them (acl.c's aclitemout): a list of items
 * {@code grantee=privileges/grantor}, the grantee empty for PUBLIC, each privilege a letter followed by
 * {@code *} when it may be granted on. Tusk keeps relacl, nspacl and datacl as these texts (there is no
 * aclitem value type yet), so role names are stored, not OIDs: renaming a role leaves old names in ACLs.
 *
 * <p>Privileges are bit masks in PostgreSQL's order, which is also the order they print in.
 */
public final class Acl {
    /** ACL_ALL_RIGHTS_STR: the letter of each privilege bit, in bit order. */
    static final String LETTERS = "arwdDxtXUCTcsA";

    public static final int INSERT = bit('a');
    public static final int SELECT = bit('r');
    public static final int UPDATE = bit('w');
    public static final int DELETE = bit('d');
    public static final int TRUNCATE = bit('D');
    public static final int REFERENCES = bit('x');
    public static final int TRIGGER = bit('t');
    public static final int USAGE = bit('U');
    public static final int CREATE = bit('C');
    public static final int TEMPORARY = bit('T');
    public static final int CONNECT = bit('c');

    /** Everything that can be granted on a table, a schema, a database. */
    public static final int ALL_TABLE = INSERT | SELECT | UPDATE | DELETE | TRUNCATE | REFERENCES | TRIGGER;
    public static final int ALL_SCHEMA = USAGE | CREATE;
    public static final int ALL_DATABASE = CREATE | TEMPORARY | CONNECT;
    public static final int ALL_SEQUENCE = USAGE | SELECT | UPDATE;
    /** ACL_ALL_RIGHTS_COLUMN: what can be granted on a column. */
    public static final int ALL_COLUMN = INSERT | SELECT | UPDATE | REFERENCES;

    /** One aclitem: {@code grantee} null for PUBLIC; {@code grantOptions} a subset of {@code privileges}. */
    public record Item(String grantee, String grantor, int privileges, int grantOptions) {

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            if (grantee != null) {
                b.append(quote(grantee));
            }
            b.append('=');
            for (int i = 0; i < LETTERS.length(); i++) {
                if ((privileges & (1 << i)) != 0) {
                    b.append(LETTERS.charAt(i));
                    if ((grantOptions & (1 << i)) != 0) {
                        b.append('*');
                    }
                }
            }
            return b.append('/').append(quote(grantor)).toString();
        }
    }

    private Acl() {
    }

    static int bit(char letter) {
        return 1 << LETTERS.indexOf(letter);
    }

    /** A role name as aclitemout writes it: bare if only letters, digits and underscores, else double-quoted. */
    static String quote(String role) {
        boolean plain = !role.isEmpty() && role.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_');
        return plain ? role : '"' + role.replace("\"", "\"\"") + '"';
    }

    /** Parses aclitems as {@link Item#toString} prints them; malformed items are skipped. */
    public static List<Item> parse(List<?> texts) {
        List<Item> items = new ArrayList<>();
        if (texts == null) {
            return items;
        }
        for (Object o : texts) {
            Item item = parseItem(String.valueOf(o));
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    static Item parseItem(String s) {
        int[] pos = {0};
        String grantee = name(s, pos);
        if (pos[0] >= s.length() || s.charAt(pos[0]) != '=') {
            return null;
        }
        pos[0]++;
        int privileges = 0;
        int options = 0;
        while (pos[0] < s.length() && s.charAt(pos[0]) != '/') {
            int i = LETTERS.indexOf(s.charAt(pos[0]));
            if (i < 0) {
                return null;
            }
            privileges |= 1 << i;
            pos[0]++;
            if (pos[0] < s.length() && s.charAt(pos[0]) == '*') {
                options |= 1 << i;
                pos[0]++;
            }
        }
        if (pos[0] >= s.length()) {
            return null;
        }
        pos[0]++;
        String grantor = name(s, pos);
        return new Item(grantee.isEmpty() ? null : grantee, grantor, privileges, options);
    }

    /** A possibly double-quoted name starting at pos[0]; pos[0] is left after it. */
    private static String name(String s, int[] pos) {
        StringBuilder b = new StringBuilder();
        int i = pos[0];
        if (i < s.length() && s.charAt(i) == '"') {
            i++;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        b.append('"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                b.append(c);
                i++;
            }
        } else {
            while (i < s.length() && s.charAt(i) != '=' && s.charAt(i) != '/') {
                b.append(s.charAt(i++));
            }
        }
        pos[0] = i;
        return b.toString();
    }

    /** The items as stored (text form). */
    public static List<String> format(List<Item> items) {
        return items.stream().map(Item::toString).toList();
    }

    /**
     * acldefault: what a NULL ACL means. The owner holds every privilege of the kind of object; PUBLIC
     * holds TEMPORARY and CONNECT on databases and nothing on tables and schemas.
     */
    public static List<Item> defaults(int all, String owner) {
        List<Item> items = new ArrayList<>();
        if (all == ALL_DATABASE) {
            items.add(new Item(null, owner, TEMPORARY | CONNECT, 0));
        }
        items.add(new Item(owner, owner, all, 0));
        return items;
    }

    /**
     * aclupdate for GRANT: {@code grantee} (null: PUBLIC) gets {@code privileges} from {@code grantor},
     * with the grant option if asked; an existing item of the pair is extended, else a new one is added
     * at the end.
     */
    public static List<Item> grant(List<Item> acl, String grantee, String grantor, int privileges,
            boolean grantOption) {
        List<Item> out = new ArrayList<>(acl);
        for (int i = 0; i < out.size(); i++) {
            Item it = out.get(i);
            if (java.util.Objects.equals(it.grantee(), grantee) && it.grantor().equals(grantor)) {
                out.set(i, new Item(grantee, grantor, it.privileges() | privileges,
                        it.grantOptions() | (grantOption ? privileges : 0)));
                return out;
            }
        }
        out.add(new Item(grantee, grantor, privileges, grantOption ? privileges : 0));
        return out;
    }

    /**
     * aclupdate for REVOKE: takes {@code privileges} (or only their grant options) from the item of
     * {@code grantee} and {@code grantor}; an item left with nothing is removed.
     */
    public static List<Item> revoke(List<Item> acl, String grantee, String grantor, int privileges,
            boolean grantOptionOnly) {
        List<Item> out = new ArrayList<>();
        for (Item it : acl) {
            if (java.util.Objects.equals(it.grantee(), grantee) && it.grantor().equals(grantor)) {
                int options = it.grantOptions() & ~privileges;
                int privs = grantOptionOnly ? it.privileges() : it.privileges() & ~privileges;
                if (privs == 0) {
                    continue;
                }
                out.add(new Item(grantee, grantor, privs, options & privs));
            } else {
                out.add(it);
            }
        }
        return out;
    }

    /**
     * aclmask: the privileges {@code roleOid} holds through the ACL, directly, through PUBLIC, or through
     * roles whose privileges it has.
     */
    public static int held(List<Item> acl, int roleOid, RoleGraph roles) {
        int held = 0;
        for (Item it : acl) {
            if (it.grantee() == null) {
                held |= it.privileges();
                continue;
            }
            org.tusk.sql.catalog.CatalogRow grantee = roles.role(it.grantee());
            if (grantee != null && roles.hasPrivsOf(roleOid, grantee.oid("oid"))) {
                held |= it.privileges();
            }
        }
        return held;
    }
}

package org.tusk.sql.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class AclTest {

    @Test
    void itemsPrintAndParseAsAclitemDoes() {
        List<String> texts = List.of("postgres=arwdDxt/postgres", "=r/postgres", "\"a b\"=a*r/postgres",
                "u=UC/\"x\"\"y\"");
        List<Acl.Item> items = Acl.parse(texts);
        assertEquals(new Acl.Item(null, "postgres", Acl.SELECT, 0), items.get(1));
        assertEquals(new Acl.Item("a b", "postgres", Acl.INSERT | Acl.SELECT, Acl.INSERT), items.get(2));
        assertEquals("x\"y", items.get(3).grantor());
        assertEquals(texts, Acl.format(items));
    }

    @Test
    void grantExtendsTheGranteesItemOrAppendsOne() {
        List<Acl.Item> acl = Acl.defaults(Acl.ALL_TABLE, "o");
        acl = Acl.grant(acl, "u", "o", Acl.SELECT, false);
        acl = Acl.grant(acl, null, "o", Acl.SELECT, false);
        acl = Acl.grant(acl, "u", "o", Acl.INSERT | Acl.UPDATE, true);
        assertEquals(List.of("o=arwdDxt/o", "u=a*rw*/o", "=r/o"), Acl.format(acl));
    }

    @Test
    void revokeRemovesPrivilegesOptionsAndEmptyItems() {
        List<Acl.Item> acl = Acl.parse(List.of("o=arwdDxt/o", "u=a*rw*/o", "=r/o"));
        assertEquals(List.of("o=arwdDxt/o", "u=arw/o", "=r/o"),
                Acl.format(Acl.revoke(acl, "u", "o", Acl.ALL_TABLE, true)));
        assertEquals(List.of("o=arwdDxt/o", "u=a*w*/o", "=r/o"),
                Acl.format(Acl.revoke(acl, "u", "o", Acl.SELECT, false)));
        assertEquals(List.of("o=arwdDxt/o", "u=a*rw*/o"), Acl.format(Acl.revoke(acl, null, "o", Acl.SELECT, false)));
        // another grantor's item is not touched
        assertEquals(Acl.format(acl), Acl.format(Acl.revoke(acl, "u", "x", Acl.ALL_TABLE, false)));
    }

    @Test
    void databaseDefaultsGivePublicConnectAndTemporary() {
        assertEquals(List.of("=Tc/o", "o=CTc/o"), Acl.format(Acl.defaults(Acl.ALL_DATABASE, "o")));
        assertEquals(List.of("o=UC/o"), Acl.format(Acl.defaults(Acl.ALL_SCHEMA, "o")));
    }
}

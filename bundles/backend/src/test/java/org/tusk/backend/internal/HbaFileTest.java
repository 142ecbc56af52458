package org.tusk.backend.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** pg_hba.conf parsing and matching, with PostgreSQL 15's messages (checked against a real server). */
class HbaFileTest {

    private static final Path FILE = Path.of("/data/pg_hba.conf");

    private final List<String> warnings = new ArrayList<>();

    private HbaFile parse(String... lines) throws HbaFile.HbaException {
        return HbaFile.parse(FILE, List.of(lines), m -> m.equals("custom"), false, warnings::add);
    }

    private static HbaFile.Client tcp(String address, String user, String database) {
        return new HbaFile.Client(false, false, HbaFile.clientAddress(address), user, database, true);
    }

    private static HbaFile.Client tls(String address, String user, String database) {
        return new HbaFile.Client(false, true, HbaFile.clientAddress(address), user, database, true);
    }

    private static HbaFile.Client local(String user, String database) {
        return new HbaFile.Client(true, false, null, user, database, true);
    }

    /** The line number that matched, or 0 for none. */
    private static int matched(HbaFile hba, HbaFile.Client client) {
        return hba.match(client).map(HbaFile.Line::number).orElse(0);
    }

    @Test
    void initdbDefaultsMatchByConnectionTypeAndAddress() throws Exception {
        HbaFile hba = parse(
                "# TYPE  DATABASE        USER            ADDRESS                 METHOD",
                "",
                "local   all             all                                     trust",
                "host    all             all             127.0.0.1/32            scram-sha-256",
                "host    all             all             ::1/128                 scram-sha-256");
        assertEquals(3, matched(hba, local("u", "d")));
        assertEquals(4, matched(hba, tcp("127.0.0.1", "u", "d")));
        assertEquals(5, matched(hba, tcp("0:0:0:0:0:0:0:1", "u", "d")));
        assertEquals(5, matched(hba, tcp("::1", "u", "d")));
        assertEquals(0, matched(hba, tcp("127.0.0.2", "u", "d")));
        assertEquals(0, matched(hba, tcp("10.0.0.1", "u", "d")));
        assertEquals(0, matched(hba, tcp("fe80::1%eth0", "u", "d")));
        assertEquals("scram-sha-256", hba.match(tcp("127.0.0.1", "u", "d")).orElseThrow().method());
        assertEquals("host    all             all             127.0.0.1/32            scram-sha-256",
                hba.match(tcp("127.0.0.1", "u", "d")).orElseThrow().text());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void cidrAndMaskRanges() throws Exception {
        HbaFile hba = parse(
                "host all all 10.1.0.0/16 trust",
                "host all all 192.168.1.0 255.255.255.0 md5",
                "host all all 2001:db8::/32 password",
                "host all all 0.0.0.0/0 reject",
                "host all all ::0/0 scram-sha-256");
        assertEquals(1, matched(hba, tcp("10.1.255.3", "u", "d")));
        assertEquals(4, matched(hba, tcp("10.2.0.1", "u", "d")));
        assertEquals(2, matched(hba, tcp("192.168.1.77", "u", "d")));
        assertEquals(4, matched(hba, tcp("192.168.2.77", "u", "d")));
        assertEquals(3, matched(hba, tcp("2001:db8:ffff::1", "u", "d")));
        assertEquals(5, matched(hba, tcp("2001:db9::1", "u", "d")));
        assertEquals(0, matched(hba, local("u", "d")), "host lines never match local sockets");
    }

    @Test
    void allAddressAndNonContiguousMask() throws Exception {
        HbaFile hba = parse("host all all all trust", "host all all 127.0.0.1 255.0.255.0 md5");
        assertEquals(1, matched(hba, tcp("8.8.8.8", "u", "d")));
        HbaFile masked = parse("host all all 10.0.0.1 255.0.255.0 md5");
        assertEquals(1, matched(masked, tcp("10.99.0.200", "u", "d")));
        assertEquals(0, matched(masked, tcp("10.99.1.200", "u", "d")));
    }

    @Test
    void sslLineTypes() throws Exception {
        HbaFile hba = parse("hostssl all all all md5", "hostnossl all all all password",
                "hostgssenc all all all trust", "hostnogssenc all all all reject");
        assertEquals(1, matched(hba, tls("1.2.3.4", "u", "d")));
        assertEquals(2, matched(hba, tcp("1.2.3.4", "u", "d")));
        HbaFile gss = parse("hostgssenc all all all trust", "hostnogssenc all all all reject");
        assertEquals(2, matched(gss, tcp("1.2.3.4", "u", "d")), "no connection is GSS-encrypted");
        assertEquals(2, matched(gss, tls("1.2.3.4", "u", "d")));
        assertEquals(0, matched(gss, local("u", "d")));
    }

    @Test
    void databaseAndUserColumns() throws Exception {
        HbaFile hba = parse(
                "local sales,\"all\" all md5",
                "local sameuser all trust",
                "local replication all trust",
                "local samerole all password",
                "local all \"+admins\",bob scram-sha-256",
                "local all +carol reject",
                "local \"Mixed Case\" all trust",
                "local all \"all\" reject",
                "local all all custom");
        assertEquals(1, matched(hba, local("x", "sales")));
        assertEquals(1, matched(hba, local("x", "all")), "a quoted keyword is a name");
        assertEquals(2, matched(hba, local("x", "x")));
        assertEquals(5, matched(hba, local("bob", "other")));
        assertEquals(5, matched(hba, local("+admins", "other")), "quoted: a name, not a group");
        assertEquals(6, matched(hba, local("carol", "other")), "+group: every role is a member of itself");
        assertEquals(7, matched(hba, local("u", "Mixed Case")));
        assertEquals(9, matched(hba, local("u", "mixed case")), "names are case-sensitive");
        assertEquals(8, matched(hba, local("all", "z")));
        assertEquals(9, matched(hba, local("u", "replication")), "replication matches no normal connection");
        HbaFile.Client ghost = new HbaFile.Client(true, false, null, "carol", "other", false);
        assertEquals(9, matched(hba, ghost), "a role that does not exist is a member of nothing");
    }

    @Test
    void tokenizingFollowsPostgres() throws Exception {
        HbaFile hba = parse(
                "  local\tdb1, db2,,db3  all trust   # a comment, with \"quotes\"",
                "local \"with space\",\"say \"\"hi\"\"\" all md5",
                "local \"a#b\" all password",
                "host all all \"127.0.0.1/32\" trust");
        assertEquals(1, matched(hba, local("u", "db2")));
        assertEquals(4, matched(hba, tcp("127.0.0.1", "u", "db2")));
        assertEquals(1, matched(hba, local("u", "db3")), "empty list items are skipped");
        assertEquals(2, matched(hba, local("u", "with space")));
        assertEquals(2, matched(hba, local("u", "say \"hi\"")));
        assertEquals(3, matched(hba, local("u", "a#b")));
        assertEquals(List.of("db1", "db2", "db3"), hba.lines().get(0).databases().stream().map(HbaFile.Token::text).toList());
    }

    @Test
    void blankBeforeCommaEndsTheField() {
        var e = assertThrows(HbaFile.HbaException.class, () -> parse("local db1 ,db2 all trust"));
        assertEquals("invalid authentication method \"all\"", e.errors().get(0).lines().findFirst().orElseThrow());
    }

    @Test
    void firstMatchWins() throws Exception {
        HbaFile hba = parse("host all alice all reject", "host all all 127.0.0.1/32 trust", "host all all all md5");
        assertEquals(1, matched(hba, tcp("127.0.0.1", "alice", "d")));
        assertEquals(2, matched(hba, tcp("127.0.0.1", "bob", "d")));
        assertEquals(3, matched(hba, tcp("127.0.0.2", "bob", "d")));
    }

    @Test
    void errorsHavePostgresWordingAndContext() {
        assertError("host all all 127.0.0.1/32 foo", "invalid authentication method \"foo\"");
        assertError("local all all peer", "invalid authentication method \"peer\": not supported by this build");
        assertError("host all all 127.0.0.1/32 ident", "invalid authentication method \"ident\": not supported by this build");
        assertError("hostx all all 127.0.0.1/32 trust", "invalid connection type \"hostx\"");
        assertError("host all all 127.0.0.1 trust", "invalid IP mask \"trust\": Name or service not known");
        assertError("host all all 127.0.0.1/33 trust", "invalid CIDR mask in address \"127.0.0.1/33\"");
        assertError("host all all ::1/129 trust", "invalid CIDR mask in address \"::1/129\"");
        assertError("host all all 127.0.0.1/x trust", "invalid CIDR mask in address \"127.0.0.1/x\"");
        assertError("host all all 127.0.0.1 ffff:: trust", "IP address and mask do not match");
        assertError("host all all 127.0.0.1/32,::1/128 trust", "multiple values specified for host address\n"
                + "HINT:  Specify one address range per line.");
        assertError("host all all", "end-of-line before IP address specification");
        assertError("host all", "end-of-line before role specification");
        assertError("host", "end-of-line before database specification");
        assertError("local all all", "end-of-line before authentication method");
        assertError("host all all 127.0.0.1", "end-of-line before netmask specification\n"
                + "HINT:  Specify an address range in CIDR notation, or provide a separate netmask.");
        assertError("host,local all all 127.0.0.1/32 trust", "multiple values specified for connection type\n"
                + "HINT:  Specify exactly one connection type per line.");
        assertError("host all all 127.0.0.1/32 trust,md5", "multiple values specified for authentication type\n"
                + "HINT:  Specify exactly one authentication type per line.");
        assertError("host all all localhost/32 trust", "specifying both host name and CIDR mask is invalid: \"localhost/32\"");
        assertError("host all all 127.0.0.1/32 trust foo", "authentication option not in name=value format: foo");
        assertError("host all all db.example.com trust", "invalid IP address \"db.example.com\": host names are not"
                + " supported\nHINT:  Specify an address range in CIDR notation, or an IP address and a netmask.");
        assertError("host all all samehost trust", "address \"samehost\" is not supported yet\n"
                + "HINT:  Specify an address range in CIDR notation.");
        assertError("local @dbs all trust", "file inclusion with \"@\" is not supported: \"@dbs\"");
    }

    private void assertError(String line, String message) {
        var e = assertThrows(HbaFile.HbaException.class, () -> parse("local all all trust", line));
        assertEquals(List.of(message + "\nCONTEXT:  line 2 of configuration file \"/data/pg_hba.conf\""), e.errors(),
                line);
    }

    @Test
    void everyBadLineIsReported() {
        var e = assertThrows(HbaFile.HbaException.class,
                () -> parse("local all all trust", "bad", "local all all nope", "local all all md5"));
        assertEquals(2, e.errors().size());
        assertTrue(e.errors().get(1).endsWith("line 3 of configuration file \"/data/pg_hba.conf\""));
    }

    @Test
    void emptyFileIsAnError() {
        var e = assertThrows(HbaFile.HbaException.class, () -> parse("# only comments", ""));
        assertEquals(List.of("configuration file \"/data/pg_hba.conf\" contains no entries"), e.errors());
    }

    @Test
    void installedMethodsAndOptions() throws Exception {
        HbaFile hba = parse("local all all custom", "host all all all md5 clientcert=verify-full",
                "hostssl all all all trust");
        assertEquals(Optional.of("custom"), hba.match(local("u", "d")).map(HbaFile.Line::method));
        assertEquals(List.of("authentication option \"clientcert\" is not supported and was ignored\n"
                + "CONTEXT:  line 2 of configuration file \"/data/pg_hba.conf\"",
                "hostssl record cannot match because SSL is disabled\nHINT:  Set ssl = on in postgresql.conf.\n"
                        + "CONTEXT:  line 3 of configuration file \"/data/pg_hba.conf\""), warnings);
    }
}

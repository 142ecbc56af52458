package org.tusk.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tusk.client.ConnectionParameters;
import org.tusk.client.PgException;

class ConnInfoParserTest {

    private static Map<String, String> parse(String s) throws PgException {
        return ConnectionParameters.parse(s).asMap();
    }

    private static void fails(String s, String message) {
        PgException e = assertThrows(PgException.class, () -> ConnectionParameters.parse(s));
        assertEquals(message, e.getMessage());
    }

    @Test
    void keywordValue() throws PgException {
        assertEquals(Map.of("host", "localhost", "port", "5432", "dbname", "mydb", "connect_timeout", "10"),
                parse("host=localhost port=5432 dbname=mydb connect_timeout=10"));
        assertEquals(Map.of("password", "it's a pw", "user", "x y"),
                parse("  password = 'it\\'s a pw'\tuser='x y'  "));
        assertEquals(Map.of("password", "a b\\c"), parse("password='a b\\\\c'"));
        assertEquals(Map.of("password", "a'b"), parse("password=a\\'b"));
        assertEquals(Map.of("options", ""), parse("options=''"));
        assertEquals(Map.of("host", "a,b", "port", "1,2"), parse("host=a,b port=1,2"));
        assertEquals(Map.of(), parse("   "));
        assertEquals(Map.of("user", "second"), parse("user=first user=second"));
    }

    @Test
    void keywordValueErrors() {
        fails("host", "missing \"=\" after \"host\" in connection info string");
        fails("mydb", "missing \"=\" after \"mydb\" in connection info string");
        fails("host x=1", "missing \"=\" after \"host\" in connection info string");
        fails("x=1", "invalid connection option \"x\"");
        fails("password='abc", "unterminated quoted string in connection info string");
    }

    @Test
    void uris() throws PgException {
        assertEquals(Map.of(), parse("postgresql://"));
        assertEquals(Map.of("host", "localhost"), parse("postgresql://localhost"));
        assertEquals(Map.of("host", "localhost", "port", "5433"), parse("postgresql://localhost:5433"));
        assertEquals(Map.of("host", "localhost", "dbname", "mydb"), parse("postgres://localhost/mydb"));
        assertEquals(Map.of("user", "user", "host", "localhost"), parse("postgresql://user@localhost"));
        assertEquals(Map.of("user", "user", "password", "secret", "host", "localhost"),
                parse("postgresql://user:secret@localhost"));
        assertEquals(Map.of("user", "other", "host", "localhost", "dbname", "otherdb", "connect_timeout", "10",
                "application_name", "myapp"),
                parse("postgresql://other@localhost/otherdb?connect_timeout=10&application_name=myapp"));
        assertEquals(Map.of("host", "host1,host2", "port", "123,456", "dbname", "somedb",
                "target_session_attrs", "any", "application_name", "myapp"),
                parse("postgresql://host1:123,host2:456/somedb?target_session_attrs=any&application_name=myapp"));
        assertEquals(Map.of("host", "::1", "port", "5432", "dbname", "db"), parse("postgresql://[::1]:5432/db"));
        assertEquals(Map.of("host", "2001:db8::1234,h2", "port", ","), parse("postgresql://[2001:db8::1234],h2"));
        assertEquals(Map.of("host", "/var/lib/postgresql", "dbname", "dbname"),
                parse("postgresql://%2Fvar%2Flib%2Fpostgresql/dbname"));
        assertEquals(Map.of("dbname", "mydb", "host", "/tmp", "port", "5433"),
                parse("postgresql:///mydb?host=/tmp&port=5433"));
        assertEquals(Map.of("user", "us@r", "password", "p:w/é"), parse("postgresql://us%40r:p%3Aw%2F%C3%A9@"));
        assertEquals(Map.of("host", "h", "sslmode", "require"), parse("postgresql://h?ssl=true"));
        assertEquals(Map.of("host", "h,h", "port", ",5433"), parse("postgresql://h,h:5433"));
    }

    @Test
    void uriErrors() {
        fails("postgresql://[::1", "end of string reached when looking for matching \"]\" in IPv6 host address in URI: \"postgresql://[::1\"");
        fails("postgresql://[]/db", "IPv6 host address may not be empty in URI: \"postgresql://[]/db\"");
        fails("postgresql://[::1]x/db", "unexpected character \"x\" at position 19 in URI (expected \":\" or \"/\"): \"postgresql://[::1]x/db\"");
        fails("postgresql://h/db?foo=1", "invalid URI query parameter: \"foo\"");
        fails("postgresql://h/db?port", "missing key/value separator \"=\" in URI query parameter: \"port\"");
        fails("postgresql://h/db?port=1=2", "extra key/value separator \"=\" in URI query parameter: \"port\"");
        fails("postgresql://h/d%zzb", "invalid percent-encoded token: \"d%zzb\"");
        fails("postgresql://h/d%00b", "forbidden value %00 in percent-encoded value: \"d%00b\"");
    }
}

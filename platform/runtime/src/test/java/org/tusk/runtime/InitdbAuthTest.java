package org.tusk.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.ScramSha256;

/** What initdb writes for authentication: pg_hba.conf in PostgreSQL's layout and the role file. */
class InitdbAuthTest {

    private static List<String> records(String hba) {
        return hba.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    @Test
    void pgHbaHasPostgresColumnsAndTheChosenMethods() {
        String hba = InitdbCommand.hbaConfiguration("peer-less", "scram-sha-256");
        assertEquals(List.of(
                "local   all             all                                     peer-less",
                "host    all             all             127.0.0.1/32            scram-sha-256",
                "host    all             all             ::1/128                 scram-sha-256"), records(hba));
        assertTrue(hba.contains("# TYPE  DATABASE        USER            ADDRESS                 METHOD\n"));
        assertFalse(hba.contains("CAUTION"));
        assertTrue(InitdbCommand.hbaConfiguration("trust", "md5").contains("# CAUTION: Configuring the system for"
                + " local \"trust\" authentication"));
    }

    @Test
    void roleFileHoldsTheSuperuserWithItsVerifier() {
        String verifier = ScramSha256.verifier("pw").encode();
        String file = InitdbCommand.roleFile("postgres", verifier);
        assertEquals(List.of("postgres\tt\tt\t" + verifier), records(file));
        assertTrue(ScramSha256.Verifier.parse(verifier).orElseThrow().matchesPassword("pw"));
        assertEquals(List.of("alice\tt\tt\t"), records(InitdbCommand.roleFile("alice", "")));
    }
}

package org.tusk.psql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.tusk.client.PgException;
import org.tusk.client.Result;
import org.tusk.client.ServerException;
import org.tusk.client.TransactionStatus;

/**
 * psql's {@code \lo_import FILE [COMMENT]}, {@code \lo_export LOID FILE} and {@code \lo_unlink LOID}
 * (large_obj.c): each runs in a transaction of its own unless one is open (BEGIN, then COMMIT or ROLLBACK,
 * sent and echoed as psql sends them), and prints {@code lo_import OID}, {@code lo_export} or
 * {@code lo_unlink OID}; an import sets LASTOID. Where libpq moves the data with its fast-path calls to
 * lo_open/loread/lowrite, tusk psql calls the server's lo_from_bytea, lo_get and lo_unlink in SQL (not
 * echoed, as libpq's calls are not): the same objects and messages, other traffic.
 */
final class LargeObjects {

    private final Session session;

    LargeObjects(Session session) {
        this.session = session;
    }

    Session.MetaResult importFile(String file, String comment) {
        byte[] data;
        try {
            data = Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            if (!begin("\\lo_import")) {
                return Session.MetaResult.ERROR;
            }
            session.info("could not open file \"" + file + "\": " + Session.ioReason(e));
            return fail();
        }
        if (!begin("\\lo_import")) {
            return Session.MetaResult.ERROR;
        }
        Result r = call("SELECT pg_catalog.lo_from_bytea(0, '\\x" + HexFormat.of().formatHex(data) + "'::pg_catalog.bytea)");
        if (r == null) {
            return fail();
        }
        String oid = r.rows().getFirst().getString(0);
        if (comment != null && session.internalQuery("COMMENT ON LARGE OBJECT " + oid + " IS '"
                + comment.replace("'", "''") + "'") == null) {
            return fail();
        }
        if (!finish()) {
            return Session.MetaResult.ERROR;
        }
        session.printStatus("lo_import " + oid);
        session.variables.put("LASTOID", oid);
        return Session.MetaResult.OK;
    }

    Session.MetaResult exportFile(String loid, String file) {
        if (!begin("\\lo_export")) {
            return Session.MetaResult.ERROR;
        }
        Result r = call("SELECT pg_catalog.lo_get('" + atooid(loid) + "'::pg_catalog.oid)");
        if (r == null) {
            return fail();
        }
        String hex = r.rows().getFirst().getString(0);
        try {
            Files.write(Path.of(file), HexFormat.of().parseHex(hex.substring(2)));
        } catch (IOException e) {
            session.info("could not open file \"" + file + "\": " + Session.ioReason(e));
            return fail();
        }
        if (!finish()) {
            return Session.MetaResult.ERROR;
        }
        session.printStatus("lo_export");
        return Session.MetaResult.OK;
    }

    Session.MetaResult unlink(String loid) {
        if (!begin("\\lo_unlink")) {
            return Session.MetaResult.ERROR;
        }
        long oid = atooid(loid);
        if (call("SELECT pg_catalog.lo_unlink('" + oid + "'::pg_catalog.oid)") == null) {
            return fail();
        }
        if (!finish()) {
            return Session.MetaResult.ERROR;
        }
        session.printStatus("lo_unlink " + oid);
        return Session.MetaResult.OK;
    }

    /** C's strtoul as atooid uses it: leading digits, 0 without any. */
    static long atooid(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        long n = 0;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            n = (n * 10 + (s.charAt(i) - '0')) & 0xffffffffL;
        }
        return n;
    }

    private boolean ownTransaction;

    /** start_lo_xact: BEGIN when no transaction is open. */
    private boolean begin(String operation) {
        TransactionStatus ts = session.connection.transactionStatus();
        if (ts == TransactionStatus.IN_ERROR) {
            session.error(operation + ": current transaction is aborted");
            return false;
        }
        ownTransaction = ts == TransactionStatus.IDLE;
        return !ownTransaction || session.internalQuery("BEGIN") != null;
    }

    /** finish_lo_xact: COMMIT of the transaction begun here. */
    private boolean finish() {
        return !ownTransaction || session.internalQuery("COMMIT") != null;
    }

    /** fail_lo_xact: ROLLBACK of the transaction begun here. */
    private Session.MetaResult fail() {
        if (ownTransaction) {
            session.internalQuery("ROLLBACK");
        }
        return Session.MetaResult.ERROR;
    }

    /** A call libpq would make by fast path: not echoed, its error printed as PQerrorMessage. */
    private Result call(String sql) {
        try {
            List<Result> rs = session.connection.query(sql);
            return rs.getLast();
        } catch (ServerException e) {
            session.info(ErrorFormatter.format(e.fields(), null, true, ErrorFormatter.Verbosity.DEFAULT,
                    ErrorFormatter.ShowContext.ERRORS).stripTrailing());
            return null;
        } catch (PgException e) {
            session.info(e.getMessage());
            return null;
        }
    }
}

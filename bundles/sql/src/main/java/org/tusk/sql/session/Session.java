package org.tusk.sql.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.TypeOids;
import org.tusk.spi.BackendSignals;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SessionInfo;
import org.tusk.spi.SqlException;
import org.tusk.spi.SqlSession;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.settings.SessionSettings;
import org.tusk.sql.types.DateTimes;
import org.tusk.sql.types.TimeZones;

/**
 * One client's session (the part of PostgreSQL's postgres.c and xact.c that needs no storage): runs
 * the statements of each query string inside a transaction, keeps the transaction block state, and
 * owns the session's settings.
 *
 * <p>As in PostgreSQL, the statements of one query string share an implicit transaction unless BEGIN
 * and COMMIT say otherwise; an error ends that transaction (undoing its SETs), or, inside BEGIN, puts
 * the block into the failed state where only COMMIT and ROLLBACK are accepted.
 */
public final class Session implements SqlSession, EvalContext {
    private final SessionInfo info;
    private final BackendSignals signals;
    private final SessionSettings settings;
    private TransactionBlock block = TransactionBlock.IDLE;
    /** Whether the current implicit transaction spans several statements (a "transaction block" for SET LOCAL). */
    private boolean implicitBlock;
    private Instant transactionStart;
    private Instant statementStart;
    private long deadlineNanos;

    /** @throws SqlException FATAL if the startup parameters are not acceptable */
    public Session(SessionInfo info) {
        this.info = info;
        this.signals = info.signals() != null ? info.signals() : new BackendSignals();
        this.settings = SessionSettings.create(info.user(), info.serverSettings(), info.startupParameters());
        this.transactionStart = DateTimes.micros(Instant.now());
        this.statementStart = transactionStart;
    }

    @Override
    public List<Map.Entry<String, String>> reportedSettings() {
        return settings.reported();
    }

    @Override
    public char transactionStatus() {
        return block.status();
    }

    @Override
    public void close() {
        // Nothing is held outside the heap yet.
    }

    @Override
    public void executeSimpleQuery(String sql, ResultSink sink) {
        // A cancel that arrived while the session was idle is stale: it was meant for an earlier query.
        signals.consumeCancel();
        statementStart = DateTimes.micros(Instant.now());
        try {
            List<Statement> statements = Parser.parse(sql, "on".equals(settings.get("standard_conforming_strings")));
            if (statements.isEmpty()) {
                sink.emptyQuery();
                return;
            }
            implicitBlock = false;
            for (Statement s : statements) {
                execute(s, sink, statements.size() > 1);
            }
            if (block == TransactionBlock.IMPLICIT) {
                settings.commit();
                block = TransactionBlock.IDLE;
            }
        } catch (SqlException e) {
            if (!"FATAL".equals(e.fields().severity())) {
                abortTransaction();
                // PostgreSQL reports changed settings just before ReadyForQuery, after the error; the
                // SPI ends the query by throwing, so they must go first here.
                settings.reportChanges(sink);
            }
            throw e;
        }
        settings.reportChanges(sink);
    }

    private void abortTransaction() {
        switch (block) {
            case IMPLICIT -> {
                settings.rollback();
                block = TransactionBlock.IDLE;
            }
            case EXPLICIT -> {
                // PostgreSQL aborts the transaction at the error, undoing its SETs at once; the block
                // only waits for the client's ROLLBACK.
                settings.rollback();
                block = TransactionBlock.FAILED;
            }
            default -> {
            }
        }
    }

    private void execute(Statement s, ResultSink sink, boolean multiStatement) {
        if (signals.terminateRequested()) {
            throw terminating();
        }
        boolean endsBlock = s instanceof Statement.Transaction t && (t.kind() == Statement.TransactionKind.COMMIT
                || t.kind() == Statement.TransactionKind.ROLLBACK);
        if (block == TransactionBlock.FAILED && !endsBlock) {
            throw new SqlException("25P02",
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        if (block == TransactionBlock.IDLE) {
            startTransaction();
            block = TransactionBlock.IMPLICIT;
            implicitBlock = multiStatement;
        }
        long timeout = parseMillis(settings.get("statement_timeout"));
        deadlineNanos = timeout > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout) : 0;
        switch (s) {
            case Statement.Select select -> SelectExecutor.run(select, this, sink);
            case Statement.Show show -> show(show, sink);
            case Statement.SetVariable set -> set(set, sink);
            case Statement.Reset reset -> {
                if (reset.name() == null) {
                    settings.resetAll();
                } else {
                    settings.reset(reset.name());
                }
                sink.commandComplete("RESET");
            }
            case Statement.Transaction t -> transaction(t, sink);
            case Statement.Unsupported u -> throw SqlException.at("0A000", u.name() + " is not supported yet",
                    u.position());
        }
    }

    private static long parseMillis(String value) {
        // statement_timeout is kept normalised ("0", "5s", "1min", "250ms", ...).
        String[] units = {"ms", "s", "min", "h", "d"};
        long[] factors = {1, 1000, 60_000, 3_600_000, 86_400_000};
        for (int i = 0; i < units.length; i++) {
            if (value.endsWith(units[i]) && Character.isDigit(value.charAt(value.length() - units[i].length() - 1))) {
                return Long.parseLong(value.substring(0, value.length() - units[i].length())) * factors[i];
            }
        }
        return Long.parseLong(value);
    }

    // ---- SHOW and SET

    private void show(Statement.Show show, ResultSink sink) {
        if (show.name() == null) {
            sink.rowDescription(List.of(text("name"), text("setting"), text("description")));
            List<String[]> rows = settings.all();
            for (String[] r : rows) {
                sink.dataRow(new byte[][] {bytes(r[0]), bytes(r[1]), bytes(r[2])});
            }
            sink.commandComplete("SHOW");
            return;
        }
        String value = settings.get(show.name());
        sink.rowDescription(List.of(text(settings.displayName(show.name()))));
        sink.dataRow(new byte[][] {bytes(value)});
        sink.commandComplete("SHOW");
    }

    private static ColumnDescription text(String name) {
        return ColumnDescription.computed(name, TypeOids.TEXT, (short) -1);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private void set(Statement.SetVariable set, ResultSink sink) {
        if (set.local() && block == TransactionBlock.IMPLICIT && !implicitBlock) {
            sink.notice(ErrorFields.of("WARNING", "25P01", "SET LOCAL can only be used in transaction blocks")
                    .build());
        }
        if (set.values() == null) {
            settings.reset(set.name());
        } else {
            settings.set(set.name(), SetValues.flatten(set.name(), set.values()), set.local());
        }
        sink.commandComplete("SET");
    }

    // ---- transaction control

    private void startTransaction() {
        transactionStart = DateTimes.micros(Instant.now());
        settings.beginTransaction();
    }

    private void transaction(Statement.Transaction t, ResultSink sink) {
        boolean inBlock = block == TransactionBlock.EXPLICIT || block == TransactionBlock.FAILED;
        if (t.chain() && !inBlock) {
            throw new SqlException("25P01", t.kind().name() + " AND CHAIN can only be used in transaction blocks");
        }
        // AND CHAIN starts the next transaction with the same characteristics.
        String isolation = settings.get("transaction_isolation");
        String readOnly = settings.get("transaction_read_only");
        switch (t.kind()) {
            case BEGIN, START -> {
                if (block == TransactionBlock.EXPLICIT) {
                    sink.notice(ErrorFields.of("WARNING", "25001", "there is already a transaction in progress")
                            .build());
                } else {
                    block = TransactionBlock.EXPLICIT;
                }
                if (t.isolation() != null) {
                    settings.set("transaction_isolation", t.isolation(), true);
                }
                if (t.readOnly() != null) {
                    settings.set("transaction_read_only", t.readOnly() ? "on" : "off", true);
                }
                sink.commandComplete(t.kind() == Statement.TransactionKind.START ? "START TRANSACTION" : "BEGIN");
            }
            case COMMIT -> {
                switch (block) {
                    case EXPLICIT -> {
                        settings.commit();
                        sink.commandComplete("COMMIT");
                    }
                    case FAILED -> {
                        settings.rollback();
                        sink.commandComplete("ROLLBACK");
                    }
                    default -> {
                        noTransactionWarning(sink);
                        settings.commit();
                        sink.commandComplete("COMMIT");
                    }
                }
                block = TransactionBlock.IDLE;
            }
            case ROLLBACK -> {
                if (block != TransactionBlock.EXPLICIT && block != TransactionBlock.FAILED) {
                    noTransactionWarning(sink);
                }
                settings.rollback();
                block = TransactionBlock.IDLE;
                sink.commandComplete("ROLLBACK");
            }
        }
        if (t.chain()) {
            startTransaction();
            block = TransactionBlock.EXPLICIT;
            settings.set("transaction_isolation", isolation, true);
            settings.set("transaction_read_only", readOnly, true);
        }
    }

    private static void noTransactionWarning(ResultSink sink) {
        sink.notice(ErrorFields.of("WARNING", "25P01", "there is no transaction in progress").build());
    }

    // ---- EvalContext

    @Override
    public ZoneId timeZone() {
        ZoneId z = TimeZones.lookup(settings.get("TimeZone"));
        return z != null ? z : ZoneOffset.UTC;
    }

    @Override
    public int extraFloatDigits() {
        return Integer.parseInt(settings.get("extra_float_digits"));
    }

    @Override
    public Instant transactionStart() {
        return transactionStart;
    }

    @Override
    public Instant statementStart() {
        return statementStart;
    }

    @Override
    public String currentUser() {
        return info.user();
    }

    @Override
    public String sessionUser() {
        return info.user();
    }

    @Override
    public String database() {
        return info.database();
    }

    @Override
    public String setting(String name) {
        return settings.get(name);
    }

    @Override
    public void checkForInterrupts() {
        if (signals.terminateRequested()) {
            throw terminating();
        }
        if (signals.consumeCancel()) {
            throw new SqlException("57014", "canceling statement due to user request");
        }
        if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new SqlException("57014", "canceling statement due to statement timeout");
        }
    }

    private static SqlException terminating() {
        return new SqlException(ErrorFields.of("FATAL", "57P01", "terminating connection due to administrator command")
                .build());
    }
}

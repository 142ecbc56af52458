package org.tusk.sql.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.tusk.spi.StatementDescription;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.dml.DmlEnv;
import org.tusk.sql.dml.DmlStatements;
import org.tusk.sql.dml.PlanCache;
import org.tusk.sql.eval.BackendSignalFunctions;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.FunctionOids;
import org.tusk.sql.eval.Routine;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.Database;
import org.tusk.sql.settings.SessionSettings;
import org.tusk.sql.types.DateTimes;
import org.tusk.sql.types.RowType;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeInput;
import org.tusk.sql.types.TypeOutput;
import org.tusk.sql.types.TimeZones;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.StorageAccess;
import org.tusk.storage.access.StorageSession;

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
    /** Where a function's WARNING goes (EvalContext.notice): the sink of the statement running now. */
    private ResultSink noticeSink;
    private final SessionSettings settings;
    /** LISTEN, UNLISTEN and NOTIFY waiting for the transaction's end. */
    private final TransactionNotifications notifications;
    private TransactionBlock block = TransactionBlock.IDLE;
    /** The storage side of the transaction (does nothing when the engine runs without storage). */
    private final StorageTransaction storage;
    /** The names of the open savepoints, outermost first (names may repeat; the innermost wins). */
    private final List<String> savepoints = new ArrayList<>();
    /** Whether the current implicit transaction spans several statements (a "transaction block" for SET LOCAL). */
    private boolean implicitBlock;
    private Instant transactionStart;
    private Instant statementStart;
    /** The simple Query's text being run: what pg_prepared_statements shows for a PREPARE in it. */
    private String queryString;
    private long deadlineNanos;
    /** Prepared statements by name ("" the unnamed one); they outlive transactions. */
    private final Map<String, Prepared> prepared = new HashMap<>();
    /** Portals by name ("" the unnamed one); all end with the transaction that created them. */
    private final Map<String, Portal> portals = new HashMap<>();
    /** SQL cursors (DECLARE); PostgreSQL keeps them with the portals, under one namespace. */
    private final Cursors cursors = new Cursors();
    /** The ON COMMIT actions of the session's temporary tables. */
    private final TempTables tempTables = new TempTables();
    /** The same cursors as functions open and read them (PL/pgSQL's OPEN, FETCH, refcursor results). */
    private final SessionFunctionCursors functionCursors = new SessionFunctionCursors(this, cursors,
            name -> portals.containsKey(name), () -> savepoints.size());
    /**
     * No parameters (a simple query's): one per session, since every Bind and Execute resets to it and
     * nothing changes a parameterless set.
     */
    private final Parameters noParameters = Parameters.none();
    /** The parameters the statement being executed refers to. */
    private Parameters parameters = noParameters;
    /** The analyzed plans of prepared INSERT, UPDATE and DELETE statements. */
    private final PlanCache dmlPlans = new PlanCache();
    private final QueryPlanCache planCache = new QueryPlanCache();
    /** Portals whose first Execute had a row limit and so kept their result in a store. */
    private long portalStores;
    private final CachedMillis statementTimeout = new CachedMillis();
    /** This backend's entry in pg_stat_activity. */
    private final ActivityReport activity;
    private final CachedMillis deadlockTimeout = new CachedMillis();
    private final CachedMillis lockTimeout = new CachedMillis();
    /** Privilege checks and the role cache (package roles); null without storage. */
    private final org.tusk.sql.roles.AccessChecks accessChecks;
    /** The plan the portal being executed had folded at Bind: its constants need no second check. */
    private SelectExecutor.Plan foldedAtBind;

    /**
     * A statement after Parse: its text, its parsed form (null for an empty query string), its
     * parameter types and its result columns (null when it returns no rows).
     */
    private record Prepared(String name, Statement statement, SqlType[] parameterTypes,
            List<ColumnDescription> columns, PreparedStatementInfo info, RowType[] parameterRowTypes,
            int[] enumParameters) {
        /** A statement none of whose parameters Parse declared of a composite or enum type. */
        Prepared(String name, Statement statement, SqlType[] parameterTypes, List<ColumnDescription> columns,
                PreparedStatementInfo info) {
            this(name, statement, parameterTypes, columns, info, new RowType[parameterTypes.length], null);
        }

        /**
         * ParameterDescription: the types analysis gave, but a parameter Parse declared of a composite or an
         * enum type keeps that type.
         */
        StatementDescription description() {
            int[] oids = new int[parameterTypes.length];
            for (int i = 0; i < oids.length; i++) {
                oids[i] = parameterRowTypes[i] != null ? parameterRowTypes[i].typeOid()
                        : enumParameters != null && enumParameters[i] != 0 ? enumParameters[i]
                        : parameterTypes[i].oid();
            }
            return new StatementDescription(oids, columns);
        }

        /** The parameters bound to {@code values}, a composite-typed one knowing its type ($1 is a row of it). */
        Parameters bound(Object[] values) {
            Parameters p = Parameters.bound(parameterTypes, values);
            for (int i = 0; i < parameterRowTypes.length; i++) {
                if (parameterRowTypes[i] != null) {
                    p.withRowType(i + 1, parameterRowTypes[i]);
                }
            }
            return p;
        }

        /** A bound text value of parameter {@code i} (0-based): record_in for a composite type's. */
        Object parse(int i, String text, Session session) {
            return parameterRowTypes[i] != null ? org.tusk.sql.types.RecordFormat.input(text, parameterRowTypes[i],
                    session) : TypeInput.parse(parameterTypes[i], text, session);
        }
    }

    /** A portal: a bound statement and, once started, its buffered result and how far it was read. */
    private static final class Portal {
        final Prepared statement;
        final Object[] values;
        /** The statement's result once the first Execute ran it, or null. */
        PortalResult result;
        /** A SELECT's plan as Bind folded it with this portal's values, or null. */
        SelectExecutor.Plan folded;

        Portal(Prepared statement, Object[] values) {
            this.statement = statement;
            this.values = values;
        }
    }

    /**
     * A session without storage: expressions only, every table reference is 42P01.
     *
     * @throws SqlException FATAL if the startup parameters are not acceptable
     */
    public Session(SessionInfo info) {
        this(info, null);
    }

    /**
     * A session on storage: opens the backend's storage session (freed again by {@link #close}) and
     * connects it to the database the client asked for.
     *
     * @param access the storage, or null for a session without it
     * @throws SqlException FATAL if the startup parameters are not acceptable, the database does not
     *         exist, or storage has no room for another backend
     */
    public Session(SessionInfo info, StorageAccess access) {
        this.info = info;
        this.signals = info.signals() != null ? info.signals() : new BackendSignals();
        this.settings = SessionSettings.create(info.user(), info.serverSettings(), info.startupParameters());
        this.storage = new StorageTransaction(access == null ? null : connect(access, info, settings));
        this.notifications = new TransactionNotifications(info.notifications(), info.processId());
        this.transactionStart = DateTimes.micros(Instant.now());
        this.statementStart = transactionStart;
        Database db = db();
        if (db != null && info.processId() != 0) {
            BackendSignalFunctions.receive(db.storage(), info.processId(), signals);
        }
        this.activity = new ActivityReport(db == null ? null : db.storage());
        this.accessChecks = db == null ? null : new org.tusk.sql.roles.AccessChecks(db, this::currentUser);
        activity.started(info.processId(), db == null ? 0 : db.catalog().databaseOid(), info.user(),
                settings.get("application_name"));
    }

    @Override
    public List<Map.Entry<String, String>> reportedSettings() {
        return settings.reported();
    }

    @Override
    public char transactionStatus() {
        return block.status();
    }

    private static BackendDatabase connect(StorageAccess access, SessionInfo info, SessionSettings settings) {
        StorageSession s;
        try {
            s = access.openSession(info.processId());
        } catch (AccessException e) {
            // Like PostgreSQL's "sorry, too many clients already": the connection cannot start.
            throw new SqlException(StorageTransaction.toSql(e).fields().toBuilder().set(ErrorFields.SEVERITY, "FATAL")
                    .set(ErrorFields.SEVERITY_NONLOCALIZED, "FATAL").build());
        }
        try {
            BackendDatabase db = BackendDatabase.connect(access, s, info.processId(), info.database(), info.user(),
                    () -> settings.get("search_path"));
            org.tusk.sql.roles.LoginChecks.Login login = org.tusk.sql.roles.LoginChecks.checkConnect(s, info.user(),
                    info.database());
            settings.setStartValue("is_superuser", login.superuser() ? "on" : "off");
            login.settings().forEach(e -> settings.applyLoginSettings(e.getKey(), e.getValue()));
            return db;
        } catch (AccessException e) {
            s.close();
            throw new SqlException(StorageTransaction.toSql(e).fields().toBuilder().set(ErrorFields.SEVERITY, "FATAL")
                    .set(ErrorFields.SEVERITY_NONLOCALIZED, "FATAL").build());
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public void close() {
        // Cursors and portals delete their temporary files (the backend's exit, PostgreSQL's AtProcExit).
        try {
            cursors.close(null);
            closePortals();
        } finally {
            try {
                dropTemporaryObjectsAtExit();
            } finally {
                // An open transaction is rolled back by the storage session as it closes.
                storage.close();
            }
        }
    }

    /**
     * The session's temporary objects go with it (PostgreSQL's RemoveTempRelationsCallback), in a transaction
     * of their own after the session's open one is rolled back. If that fails, they stay until the next
     * backend of this ID empties the schema.
     */
    private void dropTemporaryObjectsAtExit() {
        if (!(db() instanceof BackendDatabase b) || !b.catalog().tempSchemaClaimed()) {
            return;
        }
        try {
            if (block != TransactionBlock.IDLE) {
                runSimpleQuery("ROLLBACK", TempTables.SILENT);
            }
            runSimpleQuery("DISCARD TEMP", TempTables.SILENT);
        } catch (RuntimeException e) {
            // Nothing to tell: the client is gone.
        }
    }

    @Override
    public void onCommit(int relationOid, char action) {
        tempTables.register(relationOid, action);
    }

    @Override
    public void dropTemporaryObjects() {
        if (db() instanceof BackendDatabase b) {
            TempTables.dropAll(b, this);
        }
    }

    @Override
    public void executeSimpleQuery(String sql, ResultSink sink) {
        // A cancel that arrived while the session was idle is stale: it was meant for an earlier query.
        signals.consumeCancel();
        queryString = sql;
        statementStart = DateTimes.micros(Instant.now());
        activity.active(sql, block, transactionStart, statementStart);
        try {
            runSimpleQuery(sql, sink);
        } finally {
            activity.waiting(block, transactionStart);
        }
    }

    private void runSimpleQuery(String sql, ResultSink sink) {
        try {
            StackDepth.guardRun(this::maxStackDepth, () -> runStatements(sql, sink));
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

    /** The statements of a simple query, parsed as a whole, then run in order. */
    private void runStatements(String sql, ResultSink sink) {
        List<Statement> statements = Parser.parse(sql, "on".equals(settings.get("standard_conforming_strings")),
                "on".equals(settings.get("escape_string_warning")) ? sink::notice : null);
        if (statements.isEmpty()) {
            sink.emptyQuery();
            return;
        }
        implicitBlock = false;
        for (Statement s : statements) {
            execute(s, sink, statements.size() > 1);
        }
        if (block == TransactionBlock.IMPLICIT) {
            commitWork();
            endTransaction();
        }
    }

    @Override
    public void abortTransaction() {
        switch (block) {
            case IMPLICIT -> {
                rollbackWork();
                endTransaction();
            }
            case EXPLICIT -> {
                // PostgreSQL aborts the transaction at the error, undoing its SETs at once; the block
                // only waits for the client's ROLLBACK. Inside a savepoint only the innermost
                // subtransaction is aborted: ROLLBACK TO may still bring the block back.
                if (savepoints.isEmpty()) {
                    rollbackWork();
                } else {
                    settings.rollbackToSavepoint(savepoints.size() - 1);
                    notifications.rollbackToSavepoint(savepoints.size() - 1);
                    afterTriggers(q -> q.rollbackToSavepoint(savepoints.size() - 1));
                    largeObjects(lo -> lo.rollbackTo(savepoints.size() - 1));
                }
                block = TransactionBlock.FAILED;
                closePortals();
            }
            default -> {
            }
        }
    }

    /**
     * Commits the transaction's session-level effects: notifications first (PostgreSQL's PreCommit_Notify,
     * which may fail, e.g. a full queue), then settings. If the notifications fail, the transaction
     * is rolled back and ended, and the error goes to the client, as a failed COMMIT in PostgreSQL.
     */
    private void commitWork() {
        fireDeferredTriggers();
        persistHeldCursors();
        if (db() instanceof BackendDatabase b) {
            tempTables.preCommit(b, this);
        }
        try {
            notifications.commit();
        } catch (SqlException e) {
            storage.abort();
            settings.rollback();
            endTransaction();
            throw e;
        }
        try {
            storage.commit(!"off".equals(settings.get("synchronous_commit")));
        } catch (SqlException e) {
            settings.rollback();
            endTransaction();
            throw e;
        }
        settings.commit();
        clearDeferredTriggers();
    }

    private void rollbackWork() {
        cursors.atAbort();
        storage.abort();
        notifications.rollback();
        settings.rollback();
        clearDeferredTriggers();
        savepoints.clear();
        if (accessChecks != null) {
            accessChecks.transactionEnded();
        }
    }

    /** The transaction is over (committed or rolled back): its portals go with it. */
    private void endTransaction() {
        block = TransactionBlock.IDLE;
        closePortals();
        cursors.atCommit();
        savepoints.clear();
        if (accessChecks != null) {
            accessChecks.transactionEnded();
        }
    }

    private void ensureTransaction() {
        if (block == TransactionBlock.IDLE) {
            startTransaction();
            block = TransactionBlock.IMPLICIT;
            implicitBlock = false;
        }
    }

    // ---- extended query protocol

    /** What an aborted transaction block still accepts (PostgreSQL's IsTransactionExitStmt). */
    private static boolean endsBlock(Statement s) {
        return s instanceof Statement.Transaction t && (t.kind() == Statement.TransactionKind.COMMIT
                || t.kind() == Statement.TransactionKind.ROLLBACK)
                || s instanceof Statement.Savepoint sp && sp.kind() == Statement.SavepointKind.ROLLBACK_TO;
    }

    /**
     * Whether a statement may read or write relations, and so needs the storage transaction and a
     * snapshot. Transaction control, settings and LISTEN/NOTIFY do not take one, as in PostgreSQL
     * (which is what lets SET TRANSACTION ISOLATION LEVEL follow them).
     */
    private static boolean needsSnapshot(Statement s) {
        return !(s instanceof Statement.Transaction || s instanceof Statement.Savepoint
                || s instanceof Statement.SetTransaction || s instanceof Statement.SetVariable
                || s instanceof Statement.Reset || s instanceof Statement.Show || s instanceof Statement.Listen
                || s instanceof Statement.Unlisten || s instanceof Statement.Notify);
    }

    /** Begins the storage transaction if needed and takes the next statement's snapshot. */
    private void startStatement() {
        storage.startStatement(settings.get("transaction_isolation"), deadlockTimeout.of(settings.get("deadlock_timeout")),
                lockTimeout.of(settings.get("lock_timeout")));
    }

    private static SqlException aborted() {
        return new SqlException("25P02",
                "current transaction is aborted, commands ignored until end of transaction block");
    }

    @Override
    public StatementDescription prepare(String name, String sql, int[] parameterTypes) {
        return StackDepth.guard(this::maxStackDepth, () -> prepareStatement(name, sql, parameterTypes));
    }

    private StatementDescription prepareStatement(String name, String sql, int[] parameterTypes) {
        signals.consumeCancel();
        statementStart = DateTimes.micros(Instant.now());
        activity.active(sql, block, transactionStart, statementStart);
        if (name.isEmpty()) {
            prepared.remove(""); // dropped first, so a failing Parse leaves no unnamed statement
        } else if (prepared.containsKey(name)) {
            throw new SqlException("42P05", "prepared statement \"" + name + "\" already exists");
        }
        List<Statement> statements = Parser.parse(sql, "on".equals(settings.get("standard_conforming_strings")));
        if (statements.size() > 1) {
            throw new SqlException("42601", "cannot insert multiple commands into a prepared statement");
        }
        Statement statement = statements.isEmpty() ? null : statements.getFirst();
        if (block == TransactionBlock.FAILED && (statement == null || !endsBlock(statement))) {
            throw aborted();
        }
        ensureTransaction();
        if (statement != null && needsSnapshot(statement)) {
            startStatement();
        }
        SqlType[] declared = new SqlType[parameterTypes.length];
        RowType[] rowTypes = new RowType[parameterTypes.length];
        int[] enumParameters = null;
        for (int i = 0; i < declared.length; i++) {
            declared[i] = parameterTypes[i] == 0 ? SqlType.UNKNOWN : SqlType.byOid(parameterTypes[i]);
            rowTypes[i] = declared[i] == null ? RecordWire.compositeType(compositeCatalog(), parameterTypes[i]) : null;
            if (rowTypes[i] != null) {
                declared[i] = SqlType.RECORD; // a row of that composite type (pgjdbc's PGobject of a named type)
            } else if (declared[i] == null) {
                declared[i] = enumParameter(parameterTypes[i]);
                if (declared[i] != null) {
                    enumParameters = enumParameters != null ? enumParameters : new int[declared.length];
                    enumParameters[i] = parameterTypes[i];
                }
            }
            // void is allowed: pgjdbc declares a CallableStatement's OUT parameters so, and never uses them
            if (declared[i] == null) {
                throw new SqlException("42704", "type with OID " + Integer.toUnsignedString(parameterTypes[i])
                        + " does not exist");
            }
        }
        Parameters params = Parameters.variable(declared);
        for (int i = 0; i < rowTypes.length; i++) {
            if (rowTypes[i] != null) {
                params.withRowType(i + 1, rowTypes[i]);
            }
        }
        List<ColumnDescription> columns;
        try {
            columns = describe(statement, params);
        } catch (AccessException e) {
            throw StorageTransaction.toSql(e);
        }
        SqlType[] types = params.types();
        for (int i = 0; i < types.length; i++) {
            if (types[i] == SqlType.UNKNOWN) {
                throw new SqlException("42P18", "could not determine data type of parameter $" + (i + 1));
            }
        }
        Prepared p = new Prepared(name, statement, types, columns, new PreparedStatementInfo(sql,
                statementStart, false), java.util.Arrays.copyOf(rowTypes, types.length), // $n past the declared
                enumParameters == null ? null : java.util.Arrays.copyOf(enumParameters, types.length));
        prepared.put(name, p);
        return p.description();
    }

    /**
     * A parameter Parse declares of an enum type (or an array of one), as pgjdbc's createArrayOf("mood", ...)
     * does: its labels come as text, read for the enum where it is used (eval.EnumValues). Null for no enum.
     */
    private SqlType enumParameter(int typeOid) {
        BackendDatabase db = storage.database();
        if (db == null || !(db.catalog() instanceof org.tusk.sql.catalog.RelationCache cache)) {
            return null;
        }
        org.tusk.sql.catalog.EnumTypes enums = org.tusk.sql.catalog.EnumTypes.of(cache);
        if (enums.isEnum(typeOid)) {
            return SqlType.TEXT;
        }
        java.util.List<org.tusk.sql.catalog.CatalogRow> type = cache.rowsOf(
                org.tusk.sql.catalog.CatalogDefinitions.PG_TYPE, "oid", typeOid);
        return !type.isEmpty() && enums.isEnum(type.getFirst().oid("typelem")) ? SqlType.TEXT_ARRAY : null;
    }

    /** The result columns of a statement after Parse (null when it returns no rows). */
    private List<ColumnDescription> describe(Statement statement, Parameters params) {
        return switch (statement) {
            case null -> null;
            case Statement.Select select -> SelectExecutor.analyze(select, this, params).columns();
            case Statement.Explain explain -> ExplainExecutor.COLUMNS;
            case Statement.Show show -> showColumns(show);
            case Statement.Insert i -> DmlStatements.analyze(i, dmlEnv(i.table(), params)).columns();
            case Statement.Update u when SettingsViewUpdate.applies(u) -> SelectExecutor.analyze(
                    SettingsViewUpdate.rewrite(u), this, params).columns();
            case Statement.Update u -> DmlStatements.analyze(u, dmlEnv(u.table(), params)).columns();
            case Statement.Delete d -> DmlStatements.analyze(d, dmlEnv(d.table(), params)).columns();
            case Statement.ExecutePrepared e -> statement(e.name()).columns();
            case Statement.Fetch f -> f.move() ? null : cursors.columns(f.cursor());
            case Statement.DdlStatement d when d.command() instanceof org.tusk.sql.ast.DdlCommand.Call call
                    && storage.database() != null -> org.tusk.sql.func.ProcedureCall.describe(call,
                            storage.database(), this, params);
            case Statement.Unsupported u -> throw SqlException.at("0A000", u.name() + " is not supported yet",
                    u.position());
            default -> null;
        };
    }

    private Prepared statement(String name) {
        Prepared p = prepared.get(name);
        if (p == null) {
            throw new SqlException("26000", "prepared statement \"" + name + "\" does not exist");
        }
        return p;
    }

    private Portal portal(String name) {
        Portal p = portals.get(name);
        if (p == null) {
            throw new SqlException("34000", "portal \"" + name + "\" does not exist");
        }
        return p;
    }

    @Override
    public StatementDescription describeStatement(String name) {
        return statement(name).description();
    }

    @Override
    public void bind(String portalName, String statementName, List<String> values) {
        StackDepth.guardRun(this::maxStackDepth, () -> bindPortal(portalName, statementName, values));
    }

    private void bindPortal(String portalName, String statementName, List<String> values) {
        Prepared p = statement(statementName);
        activity.active(p.info().text(), block, transactionStart, statementStart);
        p.info().planned(p.parameterTypes().length);
        if (values.size() != p.parameterTypes().length) {
            throw new SqlException("08P01", "bind message supplies " + values.size()
                    + " parameters, but prepared statement \"" + statementName + "\" requires "
                    + p.parameterTypes().length);
        }
        if (block == TransactionBlock.FAILED && (p.statement() == null || !endsBlock(p.statement()))) {
            throw aborted();
        }
        ensureTransaction();
        if (portalName.isEmpty()) {
            closePortal("");
        } else if (portals.containsKey(portalName) || cursors.exists(portalName)) {
            throw new SqlException("42P03", "cursor \"" + portalName + "\" already exists");
        }
        Object[] parsed = new Object[values.size()];
        for (int i = 0; i < parsed.length; i++) {
            String v = values.get(i);
            parsed[i] = v == null ? null : p.parse(i, v, this);
        }
        Portal portal = new Portal(p, parsed);
        if (p.statement() instanceof Statement.Select select) {
            startStatement();
            portal.folded = plan(select, p.bound(parsed));
        }
        portals.put(portalName, portal);
    }

    /**
     * What PostgreSQL does when Bind plans the statement: constant expressions are computed, so their
     * errors (select 1/0) are Bind's, not Execute's.
     */
    private SelectExecutor.Plan plan(Statement.Select select, Parameters bound) {
        parameters = bound;
        try {
            SelectExecutor.Plan plan = SelectExecutor.analyze(select, this, parameters);
            SelectExecutor.fold(plan, this);
            return plan;
        } catch (AccessException e) {
            throw StorageTransaction.toSql(e);
        } finally {
            parameters = noParameters;
        }
    }

    @Override
    public List<ColumnDescription> describePortal(String name) {
        return portal(name).statement.columns();
    }

    @Override
    public boolean execute(String portalName, int maxRows, ResultSink sink) {
        return StackDepth.guard(this::maxStackDepth, () -> executePortal(portalName, maxRows, sink));
    }

    private boolean executePortal(String portalName, int maxRows, ResultSink sink) {
        Portal portal = portal(portalName);
        Statement s = portal.statement.statement();
        if (block == TransactionBlock.FAILED && (s == null || !endsBlock(s))) {
            throw aborted();
        }
        if (s == null) {
            sink.emptyQuery();
            return false;
        }
        signals.consumeCancel();
        statementStart = DateTimes.micros(Instant.now());
        activity.active(portal.statement.info().text(), block, transactionStart, statementStart);
        queryString = portal.statement.info().text();
        if (portal.result == null && s instanceof Statement.Copy) {
            // COPY streams to the client (CopyOutResponse, CopyData, CopyDone) and ignores the row limit,
            // as PostgreSQL runs a utility statement to completion.
            ensureTransaction();
            parameters = portal.statement.bound(portal.values);
            try {
                execute(s, sink, false);
            } finally {
                parameters = noParameters;
            }
            portal.result = PortalResult.done("COPY 0");
            return false;
        }
        if (portal.result == null && maxRows <= 0) {
            return executeToCompletion(portal, s, sink);
        }
        if (portal.result == null && s instanceof Statement.Select && portal.folded != null) {
            startLazyPortal(portal);
        }
        if (portal.result != null && portal.result.isLazy()) {
            return sendLazily(portal.result, maxRows, sink);
        }
        if (portal.result == null) {
            ensureTransaction();
            portalStores++;
            PortalResult result = PortalResult.collecting(SelectExecutor.workMem(this));
            parameters = portal.statement.bound(portal.values);
            foldedAtBind = portal.folded;
            try {
                execute(s, result.collector(sink), false);
            } catch (RuntimeException | Error e) {
                result.close();
                throw e;
            } finally {
                parameters = noParameters;
                foldedAtBind = null;
            }
            portal.result = result;
        }
        return portal.result.send(maxRows, sink);
    }

    /**
     * The first Execute of a query's portal with a row limit: the plan Bind made and folded is started
     * in this Execute's snapshot, and rows are read only as Executes ask for them.
     */
    private void startLazyPortal(Portal portal) {
        if (signals.terminateRequested()) {
            throw terminating();
        }
        ensureTransaction();
        startStatement();
        SelectExecutor.Plan plan = portal.folded;
        planCache.busy(plan);
        try {
            portal.result = PortalResult.lazy(OpenQuery.start(plan, this, false, () -> planCache.free(plan)));
        } catch (RuntimeException | Error e) {
            planCache.free(plan);
            throw e;
        }
    }

    /**
     * An Execute of a lazy portal: up to {@code maxRows} rows are read now, with statement_timeout
     * counting from this Execute and notices going to its client, as for any statement.
     */
    private boolean sendLazily(PortalResult result, int maxRows, ResultSink sink) {
        if (signals.terminateRequested()) {
            throw terminating();
        }
        startDeadline();
        ResultSink outer = noticeSink;
        noticeSink = sink;
        try {
            return result.send(maxRows, sink);
        } finally {
            noticeSink = outer;
        }
    }

    /** statement_timeout starts counting for the statement (or FETCH, or Execute) beginning now. */
    private void startDeadline() {
        long timeout = statementTimeout.of(settings.get("statement_timeout"));
        deadlineNanos = timeout > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout) : 0;
    }

    /**
     * The first Execute of a portal without a row limit: every row goes to the client now, so none is
     * kept (no tuple store, no copy); the portal remembers only the tag for a later Execute.
     */
    private boolean executeToCompletion(Portal portal, Statement s, ResultSink sink) {
        ensureTransaction();
        String[] tag = {null};
        parameters = portal.statement.bound(portal.values);
        foldedAtBind = portal.folded;
        try {
            execute(s, PortalResult.streaming(sink, t -> tag[0] = t), false);
        } finally {
            parameters = noParameters;
            foldedAtBind = null;
        }
        portal.result = PortalResult.done(tag[0] == null ? "" : tag[0]);
        return false;
    }

    /** How many portals kept their result in a tuple store (for tests). */
    long portalStores() {
        return portalStores;
    }

    // ---- function call (fast path)

    @Override
    public FunctionDescription describeFunction(int functionOid) {
        // As HandleFunctionRequest: a failed block refuses before the function is even looked up.
        if (block == TransactionBlock.FAILED) {
            throw aborted();
        }
        Routine r = routine(functionOid);
        int[] args = new int[r.args().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = r.args().get(i).oid();
        }
        return new FunctionDescription(args, r.result().oid());
    }

    private static Routine routine(int functionOid) {
        Routine r = FunctionOids.lookup(functionOid);
        if (r == null) {
            throw new SqlException("42883", "function with OID " + Integer.toUnsignedString(functionOid)
                    + " does not exist");
        }
        return r;
    }

    /**
     * Runs the function as a one-statement simple query would run: in the implicit transaction (or the
     * open block), its errors ending that transaction.
     */
    @Override
    public String callFunction(int functionOid, List<String> arguments) {
        signals.consumeCancel();
        statementStart = DateTimes.micros(Instant.now());
        try {
            return StackDepth.guard(this::maxStackDepth, () -> callRoutine(functionOid, arguments));
        } catch (SqlException e) {
            if (!"FATAL".equals(e.fields().severity())) {
                abortTransaction();
            }
            throw e;
        }
    }

    private String callRoutine(int functionOid, List<String> arguments) {
        if (block == TransactionBlock.FAILED) {
            throw aborted();
        }
        Routine r = routine(functionOid);
        if (block == TransactionBlock.IDLE) {
            startTransaction();
            block = TransactionBlock.IMPLICIT;
            implicitBlock = false;
        }
        startStatement();
        Object[] values = new Object[arguments.size()];
        boolean anyNull = false;
        for (int i = 0; i < values.length; i++) {
            String a = arguments.get(i);
            values[i] = a == null ? null : TypeInput.parse(r.args().get(i), a, this);
            anyNull |= a == null;
        }
        if (!(anyNull && r.strict()) && FunctionOids.collationError(functionOid) != null) {
            throw FunctionOids.collationError(functionOid);
        }
        Object result;
        try {
            result = anyNull && r.strict() ? null : r.body().apply(values, this);
        } catch (AccessException e) {
            throw StorageTransaction.toSql(e);
        }
        String text = result == null ? null : TypeOutput.format(r.result(), result, this);
        if (block == TransactionBlock.IMPLICIT) {
            commitWork();
            endTransaction();
        }
        return text;
    }

    @Override
    public void closeStatement(String name) {
        prepared.remove(name);
    }

    @Override
    public void closePortal(String name) {
        Portal p = portals.remove(name);
        if (p != null && p.result != null) {
            p.result.close();
        }
    }

    @Override
    public void sync(ResultSink sink) {
        try {
            if (block == TransactionBlock.IMPLICIT) {
                commitWork();
                endTransaction();
            }
        } finally {
            activity.waiting(block, transactionStart);
        }
        settings.reportChanges(sink);
    }

    private void execute(Statement s, ResultSink sink, boolean multiStatement) {
        if (signals.terminateRequested()) {
            throw terminating();
        }
        if (block == TransactionBlock.FAILED && !endsBlock(s)) {
            throw new SqlException("25P02",
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        if (block == TransactionBlock.IDLE) {
            startTransaction();
            block = TransactionBlock.IMPLICIT;
            implicitBlock = multiStatement;
        }
        startDeadline();
        if (needsSnapshot(s)) {
            startStatement();
        }
        try {
            run(s, sink);
        } catch (AccessException e) {
            if (signals.terminateRequested()) {
                throw terminating(); // a lock wait ended by pg_terminate_backend: FATAL, not its 57014
            }
            throw StorageTransaction.toSql(e);
        }
    }

    private void run(Statement s, ResultSink sink) {
        ResultSink outer = noticeSink;
        noticeSink = sink;
        try {
            runStatement(s, sink);
        } finally {
            noticeSink = outer;
        }
    }

    private void runStatement(Statement s, ResultSink sink) {
        switch (s) {
            case Statement.Select select -> {
                if (select.query().locking() != null) {
                    // Row locks write the rows' headers: PostgreSQL refuses them in a read-only transaction.
                    org.tusk.sql.eval.ReadOnlyTransactions.prevent(this, "SELECT FOR "
                            + select.query().locking().strength().toUpperCase(java.util.Locale.ROOT));
                }
                SelectExecutor.Plan plan = SelectExecutor.analyze(select, this, parameters);
                // The same plan with the same values was folded at Bind: its errors would have come then.
                SelectExecutor.run(plan, this, sink, plan != foldedAtBind);
            }
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
            case Statement.Savepoint sp -> savepoint(sp, sink);
            case Statement.SetTransaction st -> setTransaction(st, sink);
            case Statement.DdlStatement ddl -> ddl(ddl, sink);
            case Statement.Copy copy -> CopyExecutor.run(copy, this, parameters, dmlEnv(parameters), sink);
            case Statement.Explain explain -> ExplainExecutor.run(explain, this, parameters,
                    DmlStatements.handles(explain.query()) ? dmlEnv(DmlStatements.target(explain.query()), parameters)
                            : null, sink);
            case Statement.Listen listen -> {
                notifications.listen(listen.channel());
                sink.commandComplete("LISTEN");
            }
            case Statement.Unlisten unlisten -> {
                notifications.unlisten(unlisten.channel());
                sink.commandComplete("UNLISTEN");
            }
            case Statement.Notify notify -> {
                notifications.notify(notify.channel(), notify.payload());
                sink.commandComplete("NOTIFY");
            }
            case Statement.Unsupported u -> throw SqlException.at("0A000", u.name() + " is not supported yet",
                    u.position());
            case Statement.Insert i -> runDml(i, sink);
            case Statement.Update u when SettingsViewUpdate.applies(u) -> SettingsViewUpdate.run(u, this, parameters,
                    sink);
            case Statement.Update u -> runDml(u, sink);
            case Statement.Delete d -> runDml(d, sink);
            case Statement.Prepare p -> prepareStatement(p, sink);
            case Statement.ExecutePrepared e -> executePrepared(e, sink);
            case Statement.Deallocate d -> deallocate(d, sink);
            case Statement.Lock lock -> LockTables.run(lock, db(), block != TransactionBlock.IMPLICIT || implicitBlock,
                    sink);
            case Statement.DeclareCursor d -> declareCursor(d, sink);
            case Statement.Fetch f -> cursors.fetch(f, sink);
            case Statement.CloseCursor c -> {
                cursors.close(c.cursor());
                sink.commandComplete("CLOSE CURSOR");
            }
            case Statement.Discard d -> discard(d, sink);
            case Statement.Checkpoint c -> checkpoint(sink);
            case Statement.SetConstraints sc -> org.tusk.sql.trigger.SetConstraints.run(sc, this,
                    block != TransactionBlock.IMPLICIT || implicitBlock, sink);
            case Statement.RoleStatement r when !(r.command() instanceof org.tusk.sql.ast.RoleCommand.SetRole)
                    && org.tusk.sql.eval.ReadOnlyTransactions.readOnly(this) ->
                org.tusk.sql.eval.ReadOnlyTransactions.prevent(this, r.command().tag());
            case Statement.RoleStatement r -> org.tusk.sql.roles.RoleCommands.run(r.command(), r.position(), this, sink,
                    settings::setChecked, info.user());
        }
    }

    /**
     * PREPARE (PrepareQuery): analyzed as Parse analyzes, with the declared types (unknown ones inferred),
     * into the table Parse uses, so the protocol can Bind and EXECUTE can run either kind.
     */
    private void prepareStatement(Statement.Prepare p, ResultSink sink) {
        if (prepared.containsKey(p.name())) {
            throw new SqlException("42P05", "prepared statement \"" + p.name() + "\" already exists");
        }
        Parameters params = Parameters.variable(PreparedArguments.declaredTypes(p.types()));
        List<ColumnDescription> columns = describe(p.statement(), params);
        SqlType[] types = params.types();
        for (int i = 0; i < types.length; i++) {
            if (types[i] == SqlType.UNKNOWN) {
                throw new SqlException("42P18", "could not determine data type of parameter $" + (i + 1));
            }
        }
        prepared.put(p.name(), new Prepared(p.name(), p.statement(), types, columns,
                new PreparedStatementInfo(queryString, statementStart, true)));
        sink.commandComplete("PREPARE");
    }

    /** EXECUTE (ExecuteQuery): the arguments computed, then the statement run with them as its parameters. */
    private void executePrepared(Statement.ExecutePrepared e, ResultSink sink) {
        Prepared p = statement(e.name());
        p.info().planned(p.parameterTypes().length);
        Object[] values = PreparedArguments.evaluate(e.name(), p.parameterTypes(), e.arguments(), this, parameters);
        Parameters outer = parameters;
        parameters = p.bound(values);
        try {
            if (p.statement() != null) {
                run(p.statement(), sink);
            }
        } finally {
            parameters = outer;
        }
    }

    /**
     * DECLARE (PerformCursorOpen): outside a transaction block only WITH HOLD makes sense, as the
     * cursor would end with the statement. The query is planned and started now, in this statement's
     * snapshot, and runs as FETCHes read it ({@link Cursors}).
     */
    private void declareCursor(Statement.DeclareCursor d, ResultSink sink) {
        Cursors.refuseModifyingWith(d);
        if (!d.hold() && block == TransactionBlock.IMPLICIT && !implicitBlock) {
            throw new SqlException("25P01", "DECLARE CURSOR can only be used in transaction blocks");
        }
        if (cursors.exists(d.name()) || portals.containsKey(d.name())) {
            throw new SqlException("42P03", "cursor \"" + d.name() + "\" already exists");
        }
        SelectExecutor.Plan plan = SelectExecutor.analyze(d.query(), this, parameters);
        planCache.busy(plan);
        OpenQuery query;
        try {
            query = OpenQuery.start(plan, this, true, () -> planCache.free(plan));
        } catch (RuntimeException | Error e) {
            planCache.free(plan);
            throw e;
        }
        cursors.declare(d, query, new Cursors.CursorInfo(queryString, statementStart), savepoints.size(),
                SelectExecutor.workMem(this));
        sink.commandComplete("DECLARE CURSOR");
    }

    @Override
    public org.tusk.sql.func.FunctionCursors functionCursors() {
        return functionCursors;
    }

    /** pg_cursor(): the session's open cursors, as pg_cursors shows them. */
    @Override
    public List<Object[]> cursorRows() {
        List<Object[]> rows = new ArrayList<>();
        for (Cursors.Listed c : cursors.list()) {
            rows.add(new Object[] {c.name(), c.statement(), c.holdable(), c.binary(), c.scrollable(),
                c.creationTime()});
        }
        return rows;
    }

    /**
     * DISCARD (DiscardCommand): ALL is what a connection pool sends before handing the session to the
     * next client, so it forgets everything the session set up: cursors, prepared statements, settings,
     * LISTENs, cached plans and sequence values.
     */
    private void discard(Statement.Discard d, ResultSink sink) {
        switch (d.what()) {
            case "ALL" -> {
                if (block != TransactionBlock.IMPLICIT || implicitBlock) {
                    throw new SqlException("25001", "DISCARD ALL cannot run inside a transaction block");
                }
                cursors.close(null);
                List.copyOf(portals.keySet()).stream().filter(n -> !n.isEmpty()).forEach(this::closePortal);
                settings.resetAll();
                prepared.keySet().removeIf(n -> !n.isEmpty());
                notifications.unlisten(null);
                discardPlans();
                discardSequences();
                dropTemporaryObjects();
            }
            case "PLANS" -> discardPlans();
            case "SEQUENCES" -> discardSequences();
            default -> dropTemporaryObjects();
        }
        sink.commandComplete("DISCARD " + d.what());
    }

    /**
     * CHECKPOINT (RequestCheckpoint with CHECKPOINT_WAIT): for superusers and members of pg_checkpoint, as
     * in PostgreSQL 15; allowed inside a transaction block, where it does not touch the transaction.
     */
    private void checkpoint(ResultSink sink) {
        if (accessChecks != null && !accessChecks.currentUserHasPrivsOf(
                org.tusk.sql.catalog.CatalogOids.PG_CHECKPOINT_ROLE)) {
            throw new SqlException("42501", "must be superuser or have privileges of pg_checkpoint to do CHECKPOINT");
        }
        if (db() != null) {
            db().storage().checkpoint();
        }
        sink.commandComplete("CHECKPOINT");
    }

    private void discardPlans() {
        planCache.clear();
        dmlPlans.clear();
    }

    private void discardSequences() {
        if (db() instanceof BackendDatabase b) {
            b.sequenceValues().clear();
        }
    }

    /** DEALLOCATE name | ALL; ALL keeps the protocol's unnamed statement, which PostgreSQL keeps apart. */
    private void deallocate(Statement.Deallocate d, ResultSink sink) {
        if (d.name() == null) {
            prepared.keySet().removeIf(n -> !n.isEmpty());
            sink.commandComplete("DEALLOCATE ALL");
            return;
        }
        statement(d.name());
        prepared.remove(d.name());
        sink.commandComplete("DEALLOCATE");
    }

    /**
     * INSERT, UPDATE, DELETE. A prepared statement with parameters reuses its analyzed plan across
     * executions; a simple query's statement is analyzed where it runs.
     */
    private void runDml(Statement s, ResultSink sink) {
        DmlEnv env = dmlEnv(DmlStatements.target(s), parameters);
        if (parameters.types().length > 0) {
            dmlPlans.run(s, env, sink);
        } else {
            DmlStatements.run(s, env, sink);
        }
    }

    /**
     * What INSERT, UPDATE and DELETE run against. Without storage every table is missing (42P01 at the
     * table's name), as for SELECT.
     */
    private DmlEnv dmlEnv(Statement.RangeVar table, Parameters params) {
        DmlEnv env = dmlEnv(params);
        if (env == null) {
            throw SqlException.at("42P01", "relation \"" + String.join(".", table.names()) + "\" does not exist",
                    table.position());
        }
        return env;
    }

    /** The storage and catalog statements on tables use, or null when the engine runs without storage. */
    private DmlEnv dmlEnv(Parameters params) {
        Database db = db();
        return db == null ? null : new DmlEnv(db.storage(), db.catalog(), this, params);
    }

    static long parseMillis(String value) {
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
            sink.rowDescription(showColumns(show));
            List<String[]> rows = settings.all();
            for (String[] r : rows) {
                sink.dataRow(new byte[][] {bytes(r[0]), bytes(r[1]), bytes(r[2])});
            }
            sink.commandComplete("SHOW");
            return;
        }
        String value = settings.get(show.name());
        sink.rowDescription(showColumns(show));
        sink.dataRow(new byte[][] {bytes(value)});
        sink.commandComplete("SHOW");
    }

    private List<ColumnDescription> showColumns(Statement.Show show) {
        if (show.name() == null) {
            return List.of(text("name"), text("setting"), text("description"));
        }
        return List.of(text(settings.displayName(show.name())));
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
        if (set.name().equalsIgnoreCase("transaction_isolation") && set.values() != null) {
            checkIsolationChange(SetValues.flatten(set.name(), set.values()));
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
                        commitWork();
                        sink.commandComplete("COMMIT");
                    }
                    case FAILED -> {
                        rollbackWork();
                        sink.commandComplete("ROLLBACK");
                    }
                    default -> {
                        noTransactionWarning(sink);
                        commitWork();
                        sink.commandComplete("COMMIT");
                    }
                }
                endTransaction();
            }
            case ROLLBACK -> {
                if (block != TransactionBlock.EXPLICIT && block != TransactionBlock.FAILED) {
                    noTransactionWarning(sink);
                }
                rollbackWork();
                endTransaction();
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

    /** DDL runs on storage; without it (expression-only mode) it is refused as before. */
    private void ddl(Statement.DdlStatement ddl, ResultSink sink) {
        BackendDatabase db = storage.database();
        if (db == null) {
            throw SqlException.at("0A000", ddl.command().tag() + " is not supported yet", ddl.position());
        }
        boolean inBlock = block != TransactionBlock.IMPLICIT || implicitBlock;
        if (ddl.command() instanceof org.tusk.sql.ast.DdlCommand.Call call) {
            // CALL's arguments may be the statement's parameters (extended protocol, EXECUTE).
            org.tusk.sql.func.ProcedureCall.run(call, db, this, sink, !inBlock, parameters);
            sink.commandComplete(call.tag());
            return;
        }
        org.tusk.sql.ddl.DdlExecutor.run(ddl.command(), db, this, sink, inBlock);
    }

    /**
     * SET TRANSACTION and SET SESSION CHARACTERISTICS AS TRANSACTION: the current transaction's (or
     * the session's default) isolation level and read-only status.
     */
    private void setTransaction(Statement.SetTransaction st, ResultSink sink) {
        if (!st.session() && (block == TransactionBlock.IMPLICIT && !implicitBlock)) {
            sink.notice(ErrorFields.of("WARNING", "25P01", "SET TRANSACTION can only be used in transaction blocks")
                    .build());
        }
        String prefix = st.session() ? "default_" : "";
        if (st.isolation() != null) {
            if (!st.session()) {
                checkIsolationChange(st.isolation());
            }
            settings.set(prefix + "transaction_isolation", st.isolation(), false);
        }
        if (st.readOnly() != null) {
            if (!st.session() && !st.readOnly() && "on".equals(settings.get("transaction_read_only"))
                    && storage.snapshotTaken()) {
                // PostgreSQL's check_transaction_read_only: a transaction that has read as read-only stays so.
                throw new SqlException("25001", "transaction read-write mode must be set before any query");
            }
            settings.set(prefix + "transaction_read_only", st.readOnly() ? "on" : "off", false);
        }
        sink.commandComplete("SET");
    }

    /** PostgreSQL's check_transaction_isolation: the level is fixed once the first snapshot is taken. */
    private void checkIsolationChange(String isolation) {
        if (isolation.equalsIgnoreCase(settings.get("transaction_isolation"))) {
            return;
        }
        if (storage.snapshotTaken()) {
            throw new SqlException("25001", "SET TRANSACTION ISOLATION LEVEL must be called before any query");
        }
        if (!savepoints.isEmpty()) {
            throw new SqlException("25001", "SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction");
        }
    }

    /**
     * SAVEPOINT, RELEASE and ROLLBACK TO: subtransactions of a transaction block, named; a name may be
     * used again, and then refers to the newest savepoint of that name.
     */
    private void savepoint(Statement.Savepoint sp, ResultSink sink) {
        String command = switch (sp.kind()) {
            case SAVEPOINT -> "SAVEPOINT";
            case RELEASE -> "RELEASE SAVEPOINT";
            case ROLLBACK_TO -> "ROLLBACK TO SAVEPOINT";
        };
        if (block == TransactionBlock.IMPLICIT) {
            throw new SqlException("25P01", command + " can only be used in transaction blocks");
        }
        switch (sp.kind()) {
            case SAVEPOINT -> {
                storage.savepoint(sp.name(), settings.get("transaction_isolation"));
                settings.savepoint();
                notifications.savepoint();
                afterTriggers(q -> q.savepoint());
                largeObjects(lo -> lo.savepoint());
                savepoints.add(sp.name());
                sink.commandComplete("SAVEPOINT");
            }
            case RELEASE -> {
                int level = savepointLevel(sp.name());
                storage.releaseSavepoint(sp.name());
                settings.releaseSavepoint(level);
                notifications.releaseSavepoint(level);
                afterTriggers(q -> q.releaseSavepoint(level));
                largeObjects(lo -> lo.release(level));
                cursors.atRelease(level);
                savepoints.subList(level, savepoints.size()).clear();
                sink.commandComplete("RELEASE");
            }
            case ROLLBACK_TO -> {
                int level = savepointLevel(sp.name());
                storage.rollbackToSavepoint(sp.name());
                settings.rollbackToSavepoint(level);
                notifications.rollbackToSavepoint(level);
                afterTriggers(q -> q.rollbackToSavepoint(level));
                largeObjects(lo -> lo.rollbackTo(level));
                cursors.atRollbackTo(level);
                savepoints.subList(level + 1, savepoints.size()).clear();
                block = TransactionBlock.EXPLICIT;
                sink.commandComplete("ROLLBACK");
            }
        }
    }

    private int savepointLevel(String name) {
        int level = savepoints.lastIndexOf(name);
        if (level < 0) {
            throw new SqlException("3B001", "savepoint \"" + name + "\" does not exist");
        }
        return level;
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
    public String dateStyle() {
        return settings.get("DateStyle");
    }

    @Override
    public String intervalStyle() {
        return settings.get("IntervalStyle");
    }

    @Override
    public int extraFloatDigits() {
        return Integer.parseInt(settings.get("extra_float_digits"));
    }

    @Override
    public boolean byteaOutputEscape() {
        return settings.get("bytea_output").equalsIgnoreCase("escape");
    }

    @Override
    public Instant transactionStart() {
        return transactionStart;
    }

    @Override
    public Instant statementStart() {
        return statementStart;
    }

    /** The role SET ROLE chose, else the session user (PostgreSQL's GetUserId). */
    @Override
    public String currentUser() {
        if (securityDefiner != null) {
            return securityDefiner;
        }
        String role = settings.get("role");
        return "none".equals(role) ? sessionUser() : role;
    }

    /** The login role, or the one SET SESSION AUTHORIZATION chose. */
    @Override
    public String sessionUser() {
        return settings.get("session_authorization");
    }

    @Override
    public org.tusk.sql.roles.AccessChecks accessChecks() {
        return accessChecks;
    }

    @Override
    public String database() {
        return info.database();
    }

    @Override
    public Database db() {
        return storage.database();
    }

    @Override
    public int backendPid() {
        return info.processId();
    }

    @Override
    public void notify(String channel, String payload) {
        notifications.notify(channel, payload);
    }

    @Override
    public String setting(String name) {
        return settings.get(name);
    }

    @Override
    public int enterFunctionSettings(List<String> config) {
        return settings.enterFunction(config);
    }

    @Override
    public void leaveFunctionSettings(int depth) {
        settings.leaveFunction(depth);
    }

    @Override
    public String setConfig(String name, String value, boolean local) {
        if (value == null) {
            settings.reset(name);
        } else {
            settings.set(name, value, local);
        }
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

    /** The generic plans of this session's prepared statements (see {@link SelectExecutor#analyze}). */
    QueryPlanCache planCache() {
        return planCache;
    }

    /** pg_prepared_statement(): the named statements (not the protocol's unnamed one), in name order. */
    @Override
    public List<Object[]> preparedStatements() {
        List<Object[]> rows = new ArrayList<>();
        for (Prepared p : prepared.values()) {
            if (!p.name().isEmpty()) {
                rows.add(p.info().row(p.name(), p.parameterTypes()));
            }
        }
        rows.sort((a, b) -> ((String) a[0]).compareTo((String) b[0]));
        return rows;
    }

    /** pg_show_all_settings(): every parameter with its value, source and PostgreSQL's description of it. */
    @Override
    public List<Object[]> settingRows() {
        return org.tusk.sql.settings.SettingsView.rows(settings);
    }

    /** A WARNING or NOTICE raised by a function (pg_cancel_backend's unknown PID), sent before the rows. */
    @Override
    public void notice(ErrorFields notice) {
        if (noticeSink != null) {
            noticeSink.notice(notice);
        }
    }

    /**
     * A reg* result value in binary is its OID: the name the output function printed is looked up again
     * with the type's input function, in this session's catalogs and search path.
     */
    @Override
    public byte[] binaryValue(int typeOid, String text) {
        if (org.tusk.protocol.OidFormats.isRegType(typeOid)) {
            Object oid = TypeInput.parse(SqlType.byOid(typeOid), text, this);
            return org.tusk.protocol.OidFormats.regSend(((Number) oid).longValue());
        }
        RowType composite = RecordWire.compositeType(compositeCatalog(), typeOid);
        if (composite != null) {
            return RecordWire.send(text, composite, compositeCatalog(), this);
        }
        return SqlSession.super.binaryValue(typeOid, text);
    }

    /** The shared codec's types, and composite types (record_send and record_recv need the catalog). */
    @Override
    public boolean binaryFormat(int typeOid) {
        return SqlSession.super.binaryFormat(typeOid) || RecordWire.compositeType(compositeCatalog(), typeOid) != null;
    }

    @Override
    public String binaryParameterText(int typeOid, byte[] value) {
        RowType composite = RecordWire.compositeType(compositeCatalog(), typeOid);
        if (composite != null) {
            return RecordWire.receive(value, composite, compositeCatalog(), this);
        }
        return SqlSession.super.binaryParameterText(typeOid, value);
    }

    /** The catalog composite types are looked up in, null without a database. */
    private org.tusk.sql.schema.Catalog compositeCatalog() {
        Database d = db();
        return d == null ? null : d.catalog();
    }

    /** Closes every portal (the transaction ended, or failed in a block), deleting their results' files. */
    private void closePortals() {
        for (Portal p : portals.values()) {
            if (p.result != null) {
                p.result.close();
            }
        }
        portals.clear();
    }

    /** This session's user-defined functions (CREATE FUNCTION), rebuilt after catalog changes. */
    private final org.tusk.sql.func.UserFunctions userFunctions = new org.tusk.sql.func.UserFunctions();

    @Override
    public List<Routine> userFunctions(List<String> name) {
        return userFunctions.lookup(this, name);
    }

    /** max_stack_depth as SHOW prints it, for the HINT of {@link StackDepth#exceeded}. */
    private String maxStackDepth() {
        return settings.get("max_stack_depth");
    }

    /**
     * COMMIT or ROLLBACK in a procedure run by a CALL in its own transaction (_SPI_commit, _SPI_rollback):
     * the transaction ends and the next one starts at once, with a fresh snapshot, still inside the CALL's
     * implicit block, which commits the last one when the statement ends.
     */
    @Override
    public void endTransactionInProcedure(boolean commit) {
        if (commit) {
            commitWork();
        } else {
            rollbackWork();
        }
        savepoints.clear();
        if (accessChecks != null) {
            accessChecks.transactionEnded();
        }
        startTransaction();
        startStatement();
    }

    /** The owner of the SECURITY DEFINER function running now, who is the current user meanwhile; or null. */
    private String securityDefiner;

    @Override
    public String runAs(String user) {
        String previous = securityDefiner;
        securityDefiner = user;
        return previous;
    }

    @Override
    public boolean hasOpenCursors() {
        return cursors.any();
    }

    // ---- deferred after-trigger events (trigger.AfterTriggerQueue)

    /** Runs {@code action} on the backend's large-object descriptors, if the session has storage. */
    private void largeObjects(java.util.function.Consumer<org.tusk.sql.largeobject.Descriptors> action) {
        if (db() instanceof BackendDatabase b) {
            action.accept(b.largeObjects());
        }
    }

    /** Runs {@code action} on the session's deferred-event queue, if the session has storage. */
    private void afterTriggers(java.util.function.Consumer<org.tusk.sql.trigger.AfterTriggerQueue> action) {
        Database d = db();
        if (d != null) {
            action.accept(org.tusk.sql.trigger.AfterTriggerQueue.of(d.catalog()));
        }
    }

    /**
     * PreCommit's AfterTriggerFireDeferred: the deferred constraint checks and constraint triggers run before
     * anything else of the commit, in a fresh snapshot; an error rolls the transaction back and is COMMIT's
     * reply.
     */
    private void fireDeferredTriggers() {
        Database d = db();
        if (d == null) {
            return;
        }
        org.tusk.sql.trigger.AfterTriggerQueue q = org.tusk.sql.trigger.AfterTriggerQueue.of(d.catalog());
        if (q.isEmpty()) {
            return;
        }
        try {
            startStatement();
            q.fireAtCommit(this);
        } catch (SqlException | AccessException e) {
            cursors.atAbort();
            storage.abort();
            notifications.rollback();
            settings.rollback();
            q.clear();
            endTransaction();
            throw e instanceof AccessException a ? StorageTransaction.toSql(a) : e;
        }
    }

    /**
     * PreCommit_Portals: each WITH HOLD cursor of the transaction reads the rest of its rows now, in its
     * own snapshot, so that it outlives the transaction; an error rolls the transaction back and is
     * COMMIT's reply.
     */
    private void persistHeldCursors() {
        try {
            cursors.persistHeld(SelectExecutor.workMem(this));
        } catch (SqlException | AccessException e) {
            rollbackWork();
            endTransaction();
            throw e instanceof AccessException a ? StorageTransaction.toSql(a) : e;
        }
    }

    private void clearDeferredTriggers() {
        afterTriggers(org.tusk.sql.trigger.AfterTriggerQueue::clear);
    }
}

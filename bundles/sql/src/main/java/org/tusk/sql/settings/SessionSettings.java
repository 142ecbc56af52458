package org.tusk.sql.settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;

/**
 * One session's configuration parameters. Values are seeded from the built-in defaults, then the
 * server's settings, then the client's startup packet; those are also the values RESET returns to.
 *
 * <p>Changes are transactional, as in PostgreSQL: a SET made in a transaction that rolls back is
 * undone, and SET LOCAL lasts only until the transaction ends. This is kept with two copies of the
 * values: the ones to restore on rollback, and the ones to keep on commit (updated by every SET that
 * is not LOCAL). The copies are taken lazily, at the first change a transaction makes: most
 * transactions change nothing but their own characteristics (transaction_isolation,
 * transaction_read_only), which are simply put back when they end, and copying a few hundred
 * entries twice per transaction was a visible part of a short transaction's cost.
 */
public final class SessionSettings {
    private static final String ISOLATION = "transaction_isolation";
    private static final String READ_ONLY = "transaction_read_only";

    /** Values RESET returns to, by lower-case name. */
    private final Map<String, String> resetValues = new HashMap<>();
    /** Where each starting value that is not the built-in default came from ("configuration file", "client"). */
    private final Map<String, String> resetSources = new HashMap<>();
    /** Current values, by lower-case name. */
    private Map<String, String> values = new HashMap<>();
    /** Names of custom ("prefix.name") parameters as first written. */
    private final Map<String, String> customNames = new HashMap<>();
    private Map<String, String> beforeTransaction;
    private Map<String, String> afterCommit;
    /** Whether a transaction is open (between {@link #beginTransaction} and its commit or rollback). */
    private boolean inTransaction;
    /** transaction_isolation and transaction_read_only before the open transaction set its own. */
    private String isolationBefore;
    private String readOnlyBefore;
    /** Whether a value may differ from what the client last saw (checked by {@link #reportChanges}). */
    private boolean reportPending;
    private final Map<String, String> lastReported = new HashMap<>();
    /** The two maps as each open savepoint found them, outermost first. */
    private final List<Savepoint> savepoints = new ArrayList<>();

    private record Savepoint(Map<String, String> values, Map<String, String> afterCommit) {
    }

    /**
     * Seeds a session's settings. Startup-packet errors are FATAL, as the session cannot start.
     *
     * @param user the session user (session_authorization)
     * @param serverSettings postgresql.conf names in lower case; unknown ones and values this engine
     *        cannot represent are ignored, since they concern other parts of the server
     * @param startupParameters the client's run-time parameters, including "options"
     */
    public static SessionSettings create(String user, Map<String, String> serverSettings,
            Map<String, String> startupParameters) {
        SessionSettings s = new SessionSettings();
        for (Setting def : SettingCatalog.all()) {
            s.resetValues.put(key(def.name()), def.bootValue());
        }
        s.resetValues.put("session_authorization", user);
        serverSettings.forEach((name, value) -> {
            Setting def = SettingCatalog.lookup(name);
            if (def == null && name.indexOf('.') > 0 && !name.endsWith(".")) {
                // A custom ("prefix.name") setting from postgresql.conf is a placeholder every session sees.
                s.customNames.putIfAbsent(key(name), name);
                s.resetValues.put(key(name), value);
            } else if (def != null) {
                try {
                    s.resetValues.put(key(def.name()), def.parser().parse(value, name));
                    s.resetSources.put(key(def.name()), "configuration file");
                } catch (SqlException e) {
                    // Not representable here; keep the default rather than refuse every connection.
                }
            }
        });
        try {
            startupParameters.forEach((name, value) -> {
                switch (name) {
                    case "user", "database", "replication" -> {
                    }
                    case "options" -> {
                        for (String[] pair : StartupOptions.parse(value)) {
                            s.applyStartup(pair[0], pair[1]);
                        }
                    }
                    default -> s.applyStartup(name, value);
                }
            });
        } catch (SqlException e) {
            throw new SqlException(e.fields().toBuilder().set(ErrorFields.SEVERITY, "FATAL")
                    .set(ErrorFields.SEVERITY_NONLOCALIZED, "FATAL").build());
        }
        s.values = new HashMap<>(s.resetValues);
        for (String name : SettingCatalog.REPORTED) {
            s.lastReported.put(key(name), s.values.get(key(name)));
        }
        return s;
    }

    private void applyStartup(String name, String value) {
        String k = key(name);
        Setting def = SettingCatalog.lookup(name);
        if (def == null) {
            requireCustom(name);
            customNames.putIfAbsent(k, name);
            resetValues.put(k, value);
            resetSources.put(k, "client");
            return;
        }
        checkContext(def, name);
        resetValues.put(key(def.name()), def.parser().parse(value, name));
        resetSources.put(key(def.name()), "client");
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Only names with a dot may be invented (custom placeholders); others must exist. */
    private static void requireCustom(String name) {
        if (name.indexOf('.') <= 0 || name.endsWith(".")) {
            throw unrecognized(name);
        }
    }

    private static SqlException unrecognized(String name) {
        return new SqlException("42704", "unrecognized configuration parameter \"" + name + "\"");
    }

    private static void checkContext(Setting def, String givenName) {
        switch (def.context()) {
            case INTERNAL -> throw new SqlException("55P02", "parameter \"" + givenName + "\" cannot be changed");
            case POSTMASTER -> throw new SqlException("55P02", "parameter \"" + givenName
                    + "\" cannot be changed without restarting the server");
            case USER, SUPERUSER -> {
            }
        }
    }

    /** SET of a superuser-only parameter (PGC_SUSET) by a role that is not one: 42501, as set_config_option. */
    private void checkSuperuser(Setting def, String givenName) {
        if (def.context() == Setting.Context.SUPERUSER && !"on".equals(values.get("is_superuser"))) {
            throw new SqlException("42501", "permission denied to set parameter \"" + givenName + "\"");
        }
    }

    // ---- reading

    /** The current value; 42704 if the parameter does not exist. */
    public String get(String name) {
        String k = key(name);
        String v = values.get(k);
        if (v == null) {
            throw unrecognized(name);
        }
        return v;
    }

    /** The name SHOW prints: the canonical spelling, or a custom name as first set. */
    public String displayName(String name) {
        Setting def = SettingCatalog.lookup(name);
        if (def != null) {
            return def.name();
        }
        return customNames.getOrDefault(key(name), name);
    }

    /** The value RESET would return to (pg_settings' reset_val). */
    public String resetValue(String name) {
        return resetValues.get(key(name));
    }

    /**
     * Where the current value comes from, as pg_settings' source column names it: "session" once SET has
     * changed it, else where the starting value came from ("client", "configuration file", "default").
     * transaction_isolation and transaction_read_only are "override", as each transaction sets them.
     */
    public String source(String name) {
        String k = key(name);
        if (k.equals(ISOLATION) || k.equals(READ_ONLY)) {
            return "override";
        }
        if (!java.util.Objects.equals(values.get(k), resetValues.get(k))) {
            return "session";
        }
        return resetSources.getOrDefault(k, "default");
    }

    /** Whether {@code name} takes a list of values. */
    public static boolean isList(String name) {
        Setting def = SettingCatalog.lookup(name);
        return def != null && def.list();
    }

    /** Whether {@code name}'s list items are names, quoted when needed. */
    public static boolean quotesNames(String name) {
        Setting def = SettingCatalog.lookup(name);
        return def != null && def.quoteNames();
    }

    /**
     * The parameters SHOW ALL leaves out (GUC_NO_SHOW_ALL in PostgreSQL 15's guc.c): they describe the
     * session's role, are still shown by name, and are not in pg_settings either.
     */
    private static final java.util.Set<String> NO_SHOW_ALL = java.util.Set.of("is_superuser", "role",
            "session_authorization");

    /** SHOW ALL: name, setting and description of every parameter, by name regardless of case. */
    public List<String[]> all() {
        List<String[]> rows = new ArrayList<>();
        for (Setting def : SettingCatalog.all()) {
            if (NO_SHOW_ALL.contains(key(def.name()))) {
                continue;
            }
            rows.add(new String[] {def.name(), values.get(key(def.name())), def.description()});
        }
        customNames.forEach((k, name) -> {
            if (values.containsKey(k)) {
                rows.add(new String[] {name, values.get(k), null});
            }
        });
        rows.sort(Comparator.comparing((String[] r) -> r[0], String.CASE_INSENSITIVE_ORDER));
        return rows;
    }

    /** The reported parameters and their values, in PostgreSQL's order, for session start. */
    public List<Map.Entry<String, String>> reported() {
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (String name : SettingCatalog.REPORTED) {
            list.add(Map.entry(name, values.get(key(name))));
        }
        return list;
    }

    /** Sends ParameterStatus for each reported parameter whose value differs from what the client last saw. */
    public void reportChanges(ResultSink sink) {
        if (!reportPending) {
            return;
        }
        reportPending = false;
        for (String name : SettingCatalog.REPORTED) {
            String k = key(name);
            String v = values.get(k);
            if (!v.equals(lastReported.get(k))) {
                lastReported.put(k, v);
                sink.parameterStatus(name, v);
            }
        }
    }

    // ---- changing

    /**
     * SET name = value (or SET LOCAL). Must be called inside a transaction ({@link #beginTransaction}).
     *
     * @throws SqlException 42704 unknown, 55P02 not changeable, 22023 invalid value
     */
    public void set(String name, String value, boolean local) {
        String k = key(name);
        Setting def = SettingCatalog.lookup(name);
        String normal;
        if (def == null) {
            requireCustom(name);
            customNames.putIfAbsent(k, name);
            normal = value;
        } else {
            checkContext(def, name);
            checkSuperuser(def, name);
            normal = def.parser().parse(value, name);
            k = key(def.name());
        }
        assign(k, normal, local || k.equals(ISOLATION) || k.equals(READ_ONLY));
    }

    /** SET name TO DEFAULT and RESET name: back to the session's starting value. */
    public void reset(String name) {
        Setting def = SettingCatalog.lookup(name);
        String k = key(name);
        if (def == null) {
            if (!values.containsKey(k)) {
                requireCustom(name);
                customNames.putIfAbsent(k, name);
            }
            assign(k, resetValues.getOrDefault(k, ""), false);
            return;
        }
        checkContext(def, name);
        checkSuperuser(def, name);
        k = key(def.name());
        if (k.equals(ISOLATION) || k.equals(READ_ONLY)) {
            assign(k, values.get("default_" + k), true);
            return;
        }
        assign(k, resetValues.get(k), false);
    }

    /** RESET ALL: every parameter that may be changed goes back to its starting value. */
    public void resetAll() {
        for (Setting def : SettingCatalog.all()) {
            if (def.context() == Setting.Context.USER
                    || def.context() == Setting.Context.SUPERUSER && "on".equals(values.get("is_superuser"))) {
                reset(def.name());
            }
        }
        for (String k : customNames.keySet()) {
            if (values.containsKey(k)) {
                assign(k, resetValues.getOrDefault(k, ""), false);
            }
        }
    }

    private void assign(String k, String value, boolean local) {
        copyForTransaction();
        reportPending = true;
        if (!local) {
            // A plain SET inside a function overrides the function's SET clause: it stays after the call.
            for (FunctionFrame f : functionFrames) {
                if (f.saved.containsKey(k)) {
                    f.overridden.add(k);
                }
            }
        }
        values.put(k, value);
        if (!local && afterCommit != null) {
            afterCommit.put(k, value);
        }
    }

    // ---- a function's SET clauses (fmgr_security_definer with its own GUC nest level)

    /** What one running function's SET clauses replaced: the values before, and those a plain SET took over. */
    private static final class FunctionFrame {
        final Map<String, String> saved = new HashMap<>();
        final java.util.Set<String> overridden = new java.util.HashSet<>();
    }

    private final List<FunctionFrame> functionFrames = new ArrayList<>();

    /**
     * A function with SET clauses starts: each {@code name=value} item of its proconfig holds (as a SET
     * LOCAL would) until {@link #leaveFunction}; returns what to hand that. A value that cannot be set now
     * (a superuser-only parameter for a caller who is not one) fails the call, as in PostgreSQL.
     */
    public int enterFunction(List<String> config) {
        int depth = functionFrames.size();
        FunctionFrame frame = new FunctionFrame();
        functionFrames.add(frame);
        try {
            for (String item : config) {
                int eq = item.indexOf('=');
                String name = item.substring(0, eq);
                Setting def = SettingCatalog.lookup(name);
                String k = key(def == null ? name : def.name());
                if (!frame.saved.containsKey(k)) {
                    frame.saved.put(k, values.get(k));
                }
                set(name, item.substring(eq + 1), true);
            }
        } catch (RuntimeException e) {
            leaveFunction(depth);
            throw e;
        }
        return depth;
    }

    /** The function entered at {@code depth} returns or fails: its SET clauses' values are undone. */
    public void leaveFunction(int depth) {
        while (functionFrames.size() > depth) {
            FunctionFrame f = functionFrames.removeLast();
            f.saved.forEach((k, previous) -> {
                if (!f.overridden.contains(k)) {
                    // A custom parameter first set by the clause stays defined, empty, as PostgreSQL's placeholder.
                    values.put(k, previous == null ? "" : previous);
                    reportPending = true;
                }
            });
        }
    }

    /**
     * Checks one SET clause of CREATE or ALTER FUNCTION (validate_option_array_item) and returns the
     * proconfig item it is stored as: {@code name=value} under the parameter's own spelling ("DateStyle").
     */
    public static String functionSetting(String name, String value, boolean superuser) {
        Setting def = SettingCatalog.lookup(name);
        if (def == null) {
            requireCustom(name);
            return name + "=" + value;
        }
        checkContext(def, name);
        if (def.context() == Setting.Context.SUPERUSER && !superuser) {
            throw new SqlException("42501", "permission denied to set parameter \"" + name + "\"");
        }
        def.parser().parse(value, name);
        return def.name() + "=" + value;
    }

    /** The spelling proconfig uses for {@code name}: the parameter's own, or as written for a custom one. */
    public static String canonicalName(String name) {
        Setting def = SettingCatalog.lookup(name);
        if (def == null) {
            requireCustom(name);
            return name;
        }
        return def.name();
    }

    // ---- transactions

    /** A transaction starts: remember what to restore, and give it the default transaction characteristics. */
    public void beginTransaction() {
        inTransaction = true;
        beforeTransaction = null;
        afterCommit = null;
        isolationBefore = values.get(ISOLATION);
        readOnlyBefore = values.get(READ_ONLY);
        values.put(ISOLATION, values.get("default_transaction_isolation"));
        values.put(READ_ONLY, values.get("default_transaction_read_only"));
    }

    /**
     * The open transaction is about to change a value for the first time: take the two copies (both
     * as the values were before the transaction began).
     */
    private void copyForTransaction() {
        if (!inTransaction || beforeTransaction != null) {
            return;
        }
        Map<String, String> before = new HashMap<>(values);
        before.put(ISOLATION, isolationBefore);
        before.put(READ_ONLY, readOnlyBefore);
        beforeTransaction = before;
        afterCommit = new HashMap<>(before);
    }

    /** Keeps the session-level changes of the transaction and drops its SET LOCALs. */
    public void commit() {
        endTransaction(afterCommit);
    }

    /** Undoes every change the transaction made. */
    public void rollback() {
        endTransaction(beforeTransaction);
    }

    private void endTransaction(Map<String, String> kept) {
        if (kept != null) {
            values = kept;
            reportPending = true;
        } else if (inTransaction) {
            // Nothing was set: only the transaction's own characteristics go back.
            values.put(ISOLATION, isolationBefore);
            values.put(READ_ONLY, readOnlyBefore);
        }
        inTransaction = false;
        beforeTransaction = null;
        afterCommit = null;
        savepoints.clear();
    }

    // ---- savepoints (subtransactions)

    /** SAVEPOINT: a new innermost level whose changes can be undone on their own. */
    public void savepoint() {
        copyForTransaction();
        savepoints.add(new Savepoint(new HashMap<>(values), afterCommit == null ? null : new HashMap<>(afterCommit)));
    }

    /** RELEASE of the savepoint at {@code level} (0 the outermost) and of every later one: their changes stay. */
    public void releaseSavepoint(int level) {
        savepoints.subList(level, savepoints.size()).clear();
    }

    /**
     * ROLLBACK TO the savepoint at {@code level}: undoes what was set since, drops the later savepoints
     * and keeps this one (it can be rolled back to again).
     */
    public void rollbackToSavepoint(int level) {
        Savepoint sp = savepoints.get(level);
        savepoints.subList(level + 1, savepoints.size()).clear();
        values = new HashMap<>(sp.values());
        reportPending = true;
        afterCommit = sp.afterCommit() == null ? null : new HashMap<>(sp.afterCommit());
    }

    /**
     * Sets a parameter that SET cannot change by name (role, session_authorization, is_superuser):
     * SET ROLE and SET SESSION AUTHORIZATION check their argument first and then change these like
     * any setting, so that they roll back with the transaction and SET LOCAL ends with it. With
     * {@code value} null it goes back to its starting value.
     */
    public void setChecked(String name, String value, boolean local) {
        String k = key(name);
        assign(k, value == null ? resetValues.get(k) : value, local);
    }

    /**
     * Applies the ALTER ROLE/DATABASE ... SET defaults found at login ({@code name=value} items of
     * pg_db_role_setting) as starting values from {@code source} ("database", "user", ...): called from the
     * least to the most specific, and never over a value the client's startup packet gave. An item that is
     * no longer valid is passed over, as PostgreSQL does with a warning, rather than refuse the login.
     */
    public void applyLoginSettings(String source, List<?> items) {
        for (Object o : items) {
            String item = String.valueOf(o);
            int eq = item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = item.substring(0, eq);
            Setting def = SettingCatalog.lookup(name);
            String k = key(def == null ? name : def.name());
            if ("client".equals(resetSources.get(k))) {
                continue;
            }
            String value;
            try {
                if (def == null) {
                    requireCustom(name);
                    value = item.substring(eq + 1);
                } else {
                    checkContext(def, name);
                    value = def.parser().parse(item.substring(eq + 1), name);
                }
            } catch (SqlException e) {
                continue;
            }
            if (def == null) {
                customNames.putIfAbsent(k, name);
            }
            resetValues.put(k, value);
            resetSources.put(k, source);
            values.put(k, value);
            if (lastReported.containsKey(k)) {
                lastReported.put(k, value);
            }
        }
    }

    /**
     * Fixes a parameter the server learns only once the session's role is known (is_superuser, from the
     * login role's pg_authid row): its value, the one RESET goes back to, and the one reported at
     * session start.
     */
    public void setStartValue(String name, String value) {
        String k = key(name);
        resetValues.put(k, value);
        values.put(k, value);
        lastReported.put(k, value);
    }
}

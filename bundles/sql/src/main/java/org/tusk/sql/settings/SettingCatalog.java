package org.tusk.sql.settings;

import static org.tusk.sql.settings.Setting.Context.INTERNAL;
import static org.tusk.sql.settings.Setting.Context.POSTMASTER;
import static org.tusk.sql.settings.Setting.Context.SUPERUSER;
import static org.tusk.sql.settings.Setting.Context.USER;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The configuration parameters this engine knows, with PostgreSQL 15's defaults. Names are looked up
 * without regard to case. {@link #REPORTED} is the order in which PostgreSQL 15 sends ParameterStatus
 * messages at session start.
 */
public final class SettingCatalog {
    /** The version reported to clients: PostgreSQL 15's protocol and behaviour. */
    public static final String SERVER_VERSION = "15.0 (Tusk)";
    public static final String SERVER_VERSION_NUM = "150000";

    public static final List<String> REPORTED = List.of("application_name", "client_encoding", "DateStyle",
            "default_transaction_read_only", "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser",
            "server_encoding", "server_version", "session_authorization", "standard_conforming_strings",
            "TimeZone");

    private static final String[] ISOLATIONS = {"serializable", "repeatable read", "read committed",
        "read uncommitted"};
    private static final long INT_MAX = Integer.MAX_VALUE;

    private static final Map<String, Setting> BY_LOWER_NAME = new LinkedHashMap<>();

    static {
        define("application_name", USER, "", "Sets the application name to be reported in statistics and logs.",
                ValueParsers.string());
        define("client_encoding", USER, "UTF8", "Sets the client's character set encoding.",
                ValueParsers.clientEncoding());
        define("DateStyle", USER, "ISO, MDY", "Sets the display format for date and time values.",
                ValueParsers.dateStyle());
        define("IntervalStyle", USER, "postgres", "Sets the display format for interval values.",
                ValueParsers.enumeration("postgres", "postgres_verbose", "sql_standard", "iso_8601"));
        define("TimeZone", USER, "GMT", "Sets the time zone for displaying and interpreting time stamps.",
                ValueParsers.timeZone());
        defineList("search_path", USER, "\"$user\", public",
                "Sets the schema search order for names that are not schema-qualified.");
        define("statement_timeout", USER, "0", "Sets the maximum allowed duration of any statement.",
                ValueParsers.milliseconds(INT_MAX));
        define("lock_timeout", USER, "0", "Sets the maximum allowed duration of any wait for a lock.",
                ValueParsers.milliseconds(INT_MAX));
        define("idle_in_transaction_session_timeout", USER, "0",
                "Sets the maximum allowed idle time between queries, when in a transaction.",
                ValueParsers.milliseconds(INT_MAX));
        define("extra_float_digits", USER, "1",
                "Sets the number of digits displayed for floating-point values.", ValueParsers.integer(-15, 3));
        define("standard_conforming_strings", USER, "on", "Causes '...' strings to treat backslashes literally.",
                ValueParsers.bool());
        define("escape_string_warning", USER, "on", "Warn about backslash escapes in ordinary string literals.",
                ValueParsers.bool());
        define("default_transaction_isolation", USER, "read committed",
                "Sets the transaction isolation level of each new transaction.",
                ValueParsers.enumeration(ISOLATIONS));
        define("transaction_isolation", USER, "read committed",
                "Sets the current transaction's isolation level.", ValueParsers.enumeration(ISOLATIONS));
        define("default_transaction_read_only", USER, "off",
                "Sets the default read-only status of new transactions.", ValueParsers.bool());
        define("transaction_read_only", USER, "off", "Sets the current transaction's read-only status.",
                ValueParsers.bool());
        define("client_min_messages", USER, "notice", "Sets the message levels that are sent to the client.",
                ValueParsers.enumeration("debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice",
                        "warning", "error"));
        define("bytea_output", USER, "hex", "Sets the output format for bytea.",
                ValueParsers.enumeration("escape", "hex"));
        define("synchronous_commit", USER, "on", "Sets the current transaction's synchronization level.",
                ValueParsers.enumeration("local", "remote_write", "remote_apply", "on", "off"));
        define("deadlock_timeout", USER, "1s",
                "Sets the time to wait on a lock before checking for deadlock.", ValueParsers.milliseconds(INT_MAX));
        define("work_mem", USER, "4MB", "Sets the maximum memory to be used for query workspaces.",
                ValueParsers.kilobytes(INT_MAX));
        // Read by ddl.IndexBuilder: an index build's sort memory before it spills (storage's BTreeBuild).
        define("maintenance_work_mem", USER, "64MB", "Sets the maximum memory to be used for maintenance operations.",
                ValueParsers.kilobytes(1024, INT_MAX));
        // Named in the HINT of 54001 "stack depth limit exceeded" (session.StackDepth); see the README.
        define("max_stack_depth", SUPERUSER, "2MB", "Sets the maximum stack depth, in kilobytes.",
                ValueParsers.kilobytes(100, INT_MAX));
        // Read by trigger.TriggerFiring and dml.ForeignKeys: in "replica" only ENABLE REPLICA/ALWAYS triggers fire.
        define("session_replication_role", SUPERUSER, "origin",
                "Sets the session's behavior for triggers and rewrite rules.",
                ValueParsers.enumeration("origin", "replica", "local"));
        define("session_authorization", INTERNAL, "", "Sets the session user name.", ValueParsers.string());
        define("role", INTERNAL, "none", "Sets the current role.", ValueParsers.string());
        define("server_version", INTERNAL, SERVER_VERSION, "Shows the server version.", ValueParsers.string());
        define("server_version_num", INTERNAL, SERVER_VERSION_NUM, "Shows the server version as an integer.",
                ValueParsers.string());
        define("server_encoding", INTERNAL, "UTF8", "Shows the server (database) character set encoding.",
                ValueParsers.string());
        define("integer_datetimes", INTERNAL, "on", "Shows whether datetimes are integer based.",
                ValueParsers.bool());
        define("in_hot_standby", INTERNAL, "off", "Shows whether hot standby is currently active.",
                ValueParsers.bool());
        define("is_superuser", INTERNAL, "on", "Shows whether the current user is a superuser.",
                ValueParsers.bool());
        define("max_identifier_length", INTERNAL, "63", "Shows the maximum identifier length.",
                ValueParsers.string());
        define("block_size", INTERNAL, "8192", "Shows the size of a disk block.", ValueParsers.string());
        define("max_connections", POSTMASTER, "100", "Sets the maximum number of concurrent connections.",
                ValueParsers.integer(1, 262143));
        define("shared_buffers", POSTMASTER, "128MB",
                "Sets the number of shared memory buffers used by the server.", ValueParsers.string());
        define("port", POSTMASTER, "5432", "Sets the TCP port the server listens on.",
                ValueParsers.integer(1, 65535));
        define("listen_addresses", POSTMASTER, "localhost",
                "Sets the host name or IP address(es) to listen to.", ValueParsers.string());
        define("default_statistics_target", USER, "100", "Sets the default statistics target.",
                ValueParsers.integer(1, 10000));
        // Cost-based vacuum delay: vacuumdb --analyze-in-stages sets vacuum_cost_delay = 0. VACUUM here does
        // not nap, so the settings are kept and shown but change nothing.
        define("vacuum_cost_delay", USER, "0", "Vacuum cost delay in milliseconds.", ValueParsers.real(0, 100));
        define("vacuum_cost_limit", USER, "200", "Vacuum cost amount available before napping.",
                ValueParsers.integer(1, 10000));
        definePlannerSettings();
        defineRestoreSettings();
    }

    /**
     * What pg_dump sets for itself and writes at the top of every dump (so psql and pg_restore set them
     * before restoring): they must be accepted; check_function_bodies is honoured by CREATE FUNCTION, the
     * others describe behaviour Tusk has anyway (no row security, no synchronized scans, no XML, the
     * default tablespace and the heap access method only).
     */
    private static void defineRestoreSettings() {
        define("check_function_bodies", USER, "on", "Check routine bodies during CREATE FUNCTION and CREATE PROCEDURE.",
                ValueParsers.bool());
        define("row_security", USER, "on", "Enable row security.", ValueParsers.bool());
        define("synchronize_seqscans", USER, "on", "Enable synchronized sequential scans.", ValueParsers.bool());
        define("xmloption", USER, "content",
                "Sets whether XML data in implicit parsing and serialization operations is to be considered as "
                        + "documents or content fragments.", ValueParsers.enumeration("content", "document"));
        define("default_tablespace", USER, "",
                "Sets the default tablespace to create tables and indexes in.", ValueParsers.string());
        define("default_table_access_method", USER, "heap", "Sets the default table access method for new tables.",
                ValueParsers.string());
    }

    /** The planner's cost constants and method switches (PostgreSQL's "Query Tuning" group), read by plan.Costs. */
    private static void definePlannerSettings() {
        define("seq_page_cost", USER, "1",
                "Sets the planner's estimate of the cost of a sequentially fetched disk page.",
                ValueParsers.real(0, Double.MAX_VALUE));
        define("random_page_cost", USER, "4",
                "Sets the planner's estimate of the cost of a nonsequentially fetched disk page.",
                ValueParsers.real(0, Double.MAX_VALUE));
        define("cpu_tuple_cost", USER, "0.01",
                "Sets the planner's estimate of the cost of processing each tuple (row).",
                ValueParsers.real(0, Double.MAX_VALUE));
        define("cpu_index_tuple_cost", USER, "0.005",
                "Sets the planner's estimate of the cost of processing each index entry during an index scan.",
                ValueParsers.real(0, Double.MAX_VALUE));
        define("cpu_operator_cost", USER, "0.0025",
                "Sets the planner's estimate of the cost of processing each operator or function call.",
                ValueParsers.real(0, Double.MAX_VALUE));
        define("effective_cache_size", USER, "4GB",
                "Sets the planner's assumption about the total size of the data caches.",
                ValueParsers.kilobytes(INT_MAX));
        String[][] methods = {{"seqscan", "sequential-scan plans"}, {"indexscan", "index-scan plans"},
            {"indexonlyscan", "index-only-scan plans"}, {"bitmapscan", "bitmap-scan plans"},
            {"sort", "explicit sort steps"}, {"hashjoin", "hash join plans"}, {"mergejoin", "merge join plans"},
            {"nestloop", "nested-loop join plans"}, {"material", "materialization"},
            {"hashagg", "hashed aggregation plans"}};
        for (String[] m : methods) {
            define("enable_" + m[0], USER, "on", "Enables the planner's use of " + m[1] + ".", ValueParsers.bool());
        }
        define("geqo", USER, "on", "Enables genetic query optimization.", ValueParsers.bool());
        define("geqo_threshold", USER, "12",
                "Sets the threshold of FROM items beyond which GEQO is used.", ValueParsers.integer(2, INT_MAX));
        define("join_collapse_limit", USER, "8",
                "Sets the FROM-list size beyond which JOIN constructs are not flattened.",
                ValueParsers.integer(1, INT_MAX));
        define("from_collapse_limit", USER, "8",
                "Sets the FROM-list size beyond which subqueries are not collapsed.",
                ValueParsers.integer(1, INT_MAX));
    }

    private SettingCatalog() {
    }

    private static void define(String name, Setting.Context context, String boot, String description,
            Setting.ValueParser parser) {
        BY_LOWER_NAME.put(name.toLowerCase(Locale.ROOT), new Setting(name, context, boot, REPORTED.contains(name),
                name.equals("DateStyle"), false, description, parser));
    }

    private static void defineList(String name, Setting.Context context, String boot, String description) {
        BY_LOWER_NAME.put(name.toLowerCase(Locale.ROOT), new Setting(name, context, boot, REPORTED.contains(name),
                true, true, description, ValueParsers.string()));
    }

    /** The parameter with this name in any case, or null. */
    public static Setting lookup(String name) {
        return BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    public static Collection<Setting> all() {
        return BY_LOWER_NAME.values();
    }
}

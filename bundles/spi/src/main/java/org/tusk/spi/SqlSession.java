package org.tusk.spi;

import java.util.List;
import java.util.Map;

import org.tusk.protocol.ColumnDescription;

/**
 * One client's SQL session: its settings, its transaction state and the statements it runs.
 * Confined to the backend that opened it.
 */
public interface SqlSession extends AutoCloseable {

    /**
     * The settings PostgreSQL reports with ParameterStatus after authentication, in PostgreSQL's order
     * (application_name, client_encoding, DateStyle, ...).
     */
    List<Map.Entry<String, String>> reportedSettings();

    /**
     * Runs a simple-protocol Query message: every statement in {@code sql}, in order, each one's
     * results going to {@code sink}. Stops at the first error, which is thrown.
     *
     * @throws SqlException for the first statement that fails
     */
    void executeSimpleQuery(String sql, ResultSink sink);

    // ---- extended query protocol --------------------------------------------------------------
    //
    // Names are the protocol's: "" is the unnamed statement or portal. The engine keeps prepared
    // statements and portals; the backend decodes and encodes the wire (binary values included, with
    // org.tusk.protocol.BinaryFormats), so values cross this seam in text format only. Each method
    // throws SqlException for an error; the backend then reports it, calls abortTransaction() and
    // skips to Sync. The defaults refuse (0A000) for engines without the extended protocol; sync and
    // abortTransaction default to doing nothing.

    /**
     * Parse: parses and analyzes {@code sql} (at most one statement) once and stores it under
     * {@code name}, replacing the unnamed statement. {@code parameterTypes} are type OIDs, 0 where
     * unspecified; the engine infers those (and any further {@code $n}) from context.
     *
     * @throws SqlException 42P05 if a named statement exists, 42601 for several commands, analysis errors
     */
    default StatementDescription prepare(String name, String sql, int[] parameterTypes) {
        throw unsupported();
    }

    /**
     * The parameter types and result columns of a prepared statement (Describe 'S'; also used by the
     * backend at Bind to decode binary parameters).
     *
     * @throws SqlException 26000 if it does not exist
     */
    default StatementDescription describeStatement(String name) {
        throw unsupported();
    }

    /**
     * Bind: creates portal {@code portal} from {@code statement} with these parameter values (text
     * format, {@code null} for NULL), replacing the unnamed portal. The portal lives until Close or the
     * end of its transaction.
     *
     * @throws SqlException 26000, 08P01 (wrong number of values), 25P02, 42P03, input errors (22P02, ...)
     */
    default void bind(String portal, String statement, List<String> parameters) {
        throw unsupported();
    }

    /**
     * The result columns of a portal (Describe 'P'), {@code null} if it returns no rows.
     *
     * @throws SqlException 34000 if it does not exist
     */
    default List<ColumnDescription> describePortal(String portal) {
        throw unsupported();
    }

    /**
     * Execute: runs or continues a portal, sending at most {@code maxRows} rows (0: no limit) to
     * {@code sink} and then its command tag (or emptyQuery), but no row description. Returns
     * {@code true} if the portal was suspended because {@code maxRows} rows were sent (no tag then);
     * a later call continues it.
     *
     * @throws SqlException 34000, 25P02, execution errors
     */
    default boolean execute(String portal, int maxRows, ResultSink sink) {
        throw unsupported();
    }

    /** Close 'S': drops a prepared statement; one that does not exist is not an error. */
    default void closeStatement(String name) {
        throw unsupported();
    }

    /** Close 'P': drops a portal; one that does not exist is not an error. */
    default void closePortal(String name) {
        throw unsupported();
    }

    /**
     * Sync: commits the implicit transaction the messages since the last Sync ran in (outside a
     * transaction block), and reports settings changed since the last report to {@code sink}.
     */
    default void sync(ResultSink sink) {
        // nothing to commit in an engine without the extended protocol
    }

    /**
     * An error was reported outside the engine (the backend's own checks of an extended-protocol
     * message): abort the current transaction as any ERROR does, ending an implicit one and putting an
     * explicit block into the failed state. Calling it after the engine's own error is harmless.
     */
    default void abortTransaction() {
        // nothing to abort in an engine without the extended protocol
    }

    // ---- function call (the protocol's fast path, 'F')

    /**
     * The argument and result types of the function with this OID (pg_proc.oid), for a FunctionCall
     * message; the backend uses them to decode binary arguments and encode a binary result.
     *
     * @throws SqlException 42883 "function with OID n does not exist", as PostgreSQL, when there is none
     */
    default FunctionDescription describeFunction(int functionOid) {
        throw new SqlException("42883", "function with OID " + Integer.toUnsignedString(functionOid)
                + " does not exist");
    }

    /**
     * Runs a FunctionCall: calls the function with these arguments (text format, {@code null} for
     * NULL) in the implicit transaction a simple query would have, and returns its result in text
     * format ({@code null} for NULL).
     *
     * @throws SqlException 42883, 25P02 in a failed transaction block, the function's own errors
     */
    default String callFunction(int functionOid, List<String> arguments) {
        throw new SqlException("42883", "function with OID " + Integer.toUnsignedString(functionOid)
                + " does not exist");
    }

    /** A function reachable by FunctionCall: its argument type OIDs and result type OID. */
    record FunctionDescription(int[] argumentTypes, int resultType) {
    }

    private static SqlException unsupported() {
        return new SqlException("0A000", "extended query protocol is not supported by this SQL engine");
    }

    /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block (ReadyForQuery's byte). */
    char transactionStatus();

    @Override
    void close();

    /**
     * The binary form (format code 1) of a result value given in its type's text output form. The shared
     * codec decides it from the text for most types; an engine overrides this for the types whose text
     * does not say the value, such as the reg* types, sent as the OID that a name like {@code pg_class}
     * stands for in the engine's catalogs.
     *
     * @throws IllegalArgumentException if the text is not a value of the type
     */
    default byte[] binaryValue(int typeOid, String text) {
        return org.tusk.protocol.BinaryFormats.fromText(typeOid, text);
    }

    /**
     * Whether values of the type with this OID have a binary format here: the shared codec's types, and any an
     * engine adds whose binary form needs its catalogs (a composite type's record_send names its fields' types).
     */
    default boolean binaryFormat(int typeOid) {
        return org.tusk.protocol.BinaryFormats.supports(typeOid);
    }

    /**
     * The text form of a binary (format code 1) parameter value of the type with this OID, for the engine to
     * parse: the shared codec's, unless the engine knows the type better (a composite type's record_recv).
     *
     * @throws IllegalArgumentException if the bytes are not a value of the type (22P03 for the caller)
     */
    default String binaryParameterText(int typeOid, byte[] value) {
        return org.tusk.protocol.BinaryFormats.toText(typeOid, value);
    }
}

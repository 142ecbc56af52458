package org.tusk.client;

import org.tusk.protocol.ErrorFields;

/**
 * An ErrorResponse from the server, with every field it sent (severity, SQLSTATE, message, detail,
 * hint, position, where, schema/table/column/constraint, file/line/routine, and unknown codes).
 */
public class ServerException extends PgException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorFields fields;

    public ServerException(ErrorFields fields) {
        super(format(fields));
        this.fields = fields;
    }

    /**
     * With a message of the client's own around the server's: a refusal at connection time reads
     * {@code connection to server at "H" (ADDR), port P failed: FATAL:  ...}, as libpq says it.
     */
    public ServerException(String message, ErrorFields fields) {
        super(message);
        this.fields = fields;
    }

    public ErrorFields fields() {
        return fields;
    }

    /** The SQLSTATE (field 'C'). */
    public String sqlState() {
        return fields.sqlState();
    }

    /** The severity, not localized (field 'V', else 'S'). */
    public String severity() {
        String v = fields.get(ErrorFields.SEVERITY_NONLOCALIZED);
        return v != null ? v : fields.severity();
    }

    /** The primary message (field 'M'). */
    public String serverMessage() {
        return fields.message();
    }

    /** Field 'P': 1-based character position in the query, or 0 when absent. */
    public int position() {
        String p = fields.get(ErrorFields.POSITION);
        try {
            return p == null ? 0 : Integer.parseInt(p);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String format(ErrorFields f) {
        String sev = f.get(ErrorFields.SEVERITY);
        return (sev == null ? "ERROR" : sev) + ":  " + f.message();
    }
}

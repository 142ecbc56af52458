package org.tusk.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of an ErrorResponse or NoticeResponse, keyed by PostgreSQL's one-byte field codes, in
 * the order the server sends them. Unknown codes from a peer are kept, as the protocol asks clients
 * to ignore but tolerate them.
 */
public final class ErrorFields {

    public static final byte SEVERITY = 'S';
    public static final byte SEVERITY_NONLOCALIZED = 'V';
    public static final byte CODE = 'C';
    public static final byte MESSAGE = 'M';
    public static final byte DETAIL = 'D';
    public static final byte HINT = 'H';
    public static final byte POSITION = 'P';
    public static final byte INTERNAL_POSITION = 'p';
    public static final byte INTERNAL_QUERY = 'q';
    public static final byte WHERE = 'W';
    public static final byte SCHEMA = 's';
    public static final byte TABLE = 't';
    public static final byte COLUMN = 'c';
    public static final byte DATA_TYPE = 'd';
    public static final byte CONSTRAINT = 'n';
    public static final byte FILE = 'F';
    public static final byte LINE = 'L';
    public static final byte ROUTINE = 'R';

    /** PostgreSQL's order of fields in a message. */
    private static final byte[] ORDER = {SEVERITY, SEVERITY_NONLOCALIZED, CODE, MESSAGE, DETAIL, HINT, POSITION,
        INTERNAL_POSITION, INTERNAL_QUERY, WHERE, SCHEMA, TABLE, COLUMN, DATA_TYPE, CONSTRAINT, FILE, LINE, ROUTINE};

    private final Map<Byte, String> fields;

    private ErrorFields(Map<Byte, String> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    /** Starts an error or notice with its severity (ERROR, FATAL, PANIC, WARNING, NOTICE, ...), SQLSTATE and message. */
    public static Builder of(String severity, String sqlState, String message) {
        return new Builder().set(SEVERITY, severity).set(SEVERITY_NONLOCALIZED, severity).set(CODE, sqlState)
                .set(MESSAGE, message);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String get(byte code) {
        return fields.get(code);
    }

    public String severity() {
        return fields.get(SEVERITY);
    }

    public String sqlState() {
        return fields.get(CODE);
    }

    public String message() {
        return fields.get(MESSAGE);
    }

    /** All fields in PostgreSQL's order, unknown codes last. */
    public Map<Byte, String> asMap() {
        Map<Byte, String> ordered = new LinkedHashMap<>();
        for (byte code : ORDER) {
            String v = fields.get(code);
            if (v != null) {
                ordered.put(code, v);
            }
        }
        fields.forEach(ordered::putIfAbsent);
        return ordered;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.fields.putAll(fields);
        return b;
    }

    @Override
    public String toString() {
        return severity() + ": " + message() + " (" + sqlState() + ")";
    }

    /** Decodes the body of an ErrorResponse or NoticeResponse. */
    public static ErrorFields decode(MessageBody body) throws ProtocolException {
        Builder b = new Builder();
        while (true) {
            byte code = body.readByte();
            if (code == 0) {
                break;
            }
            b.set(code, body.readCString());
        }
        return b.build();
    }

    /** Collects fields; {@code null} values are ignored so optional fields can be passed straight in. */
    public static final class Builder {
        private final Map<Byte, String> fields = new LinkedHashMap<>();

        public Builder set(byte code, String value) {
            if (value != null) {
                fields.put(code, value);
            }
            return this;
        }

        public Builder detail(String detail) {
            return set(DETAIL, detail);
        }

        public Builder hint(String hint) {
            return set(HINT, hint);
        }

        /** The 1-based character position of the error; one below 1 (none known) leaves the field out. */
        public Builder position(int position) {
            return position < 1 ? this : set(POSITION, Integer.toString(position));
        }

        public ErrorFields build() {
            return new ErrorFields(new LinkedHashMap<>(fields));
        }
    }
}

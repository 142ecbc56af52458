package org.tusk.client;

import org.tusk.protocol.ErrorFields;

/** A NoticeResponse (NOTICE, WARNING, INFO, LOG, DEBUG) with all its fields. */
public record Notice(ErrorFields fields) {

    public String severity() {
        String v = fields.get(ErrorFields.SEVERITY_NONLOCALIZED);
        return v != null ? v : fields.severity();
    }

    public String sqlState() {
        return fields.sqlState();
    }

    public String message() {
        return fields.message();
    }
}

package org.tusk.sql.trigger;

/** pg_trigger.tgtype's bits, as PostgreSQL's catalog/pg_trigger.h defines them (TRIGGER_TYPE_*). */
public final class TriggerType {
    public static final int ROW = 1;
    public static final int BEFORE = 2;
    public static final int INSERT = 4;
    public static final int DELETE = 8;
    public static final int UPDATE = 16;
    public static final int TRUNCATE = 32;
    public static final int INSTEAD = 64;

    private TriggerType() {
    }

    /** TG_OP's word for an event bit. */
    static String op(int event) {
        return switch (event) {
            case INSERT -> "INSERT";
            case DELETE -> "DELETE";
            case UPDATE -> "UPDATE";
            default -> "TRUNCATE";
        };
    }
}

package org.tusk.sql.trigger;

import java.util.List;

import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;

/**
 * What a trigger function is told about the event that fired it (PostgreSQL's TriggerData): the trigger,
 * when and at which level it fires, the operation, the relation, and the old and new rows (SQL values in
 * the relation's column order; null where the operation has none, and always null for statement triggers).
 */
public record TriggerData(TriggerDef trigger, boolean before, boolean row, int event, Relation relation,
        Object[] oldRow, Object[] newRow) {

    public String name() {
        return trigger.name();
    }

    /** TG_WHEN. */
    public String when() {
        return trigger.insteadOf() ? "INSTEAD OF" : before ? "BEFORE" : "AFTER";
    }

    /** TG_LEVEL. */
    public String level() {
        return row ? "ROW" : "STATEMENT";
    }

    /** TG_OP. */
    public String op() {
        return TriggerType.op(event);
    }

    public List<String> args() {
        return trigger.args();
    }

    public List<Column> columns() {
        return relation.columns();
    }
}

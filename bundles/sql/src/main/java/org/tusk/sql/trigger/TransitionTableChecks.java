package org.tusk.sql.trigger;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.schema.Relation;

/** CreateTrigger's checks of a REFERENCING clause, in its order and with its messages. */
final class TransitionTableChecks {

    private TransitionTableChecks() {
    }

    static void check(DdlCommand.CreateTrigger c, Relation table) {
        if (table.kind() == 'v') {
            throw new SqlException(ErrorFields.of("ERROR", "42809", "\"" + table.name() + "\" is a view")
                    .detail("Triggers on views cannot have transition tables.").build());
        }
        if (c.timing() != 0) {
            throw new SqlException("42P17", "transition table name can only be specified for an AFTER trigger");
        }
        if ((c.events() & TriggerType.TRUNCATE) != 0) {
            throw new SqlException("0A000", "TRUNCATE triggers with transition tables are not supported");
        }
        if (Integer.bitCount(c.events()) > 1) {
            throw new SqlException("0A000", "transition tables cannot be specified for triggers with more than one "
                    + "event");
        }
        if (!c.updateColumns().isEmpty()) {
            throw new SqlException("0A000", "transition tables cannot be specified for triggers with column lists");
        }
        if (c.newTable() != null && (c.events() & (TriggerType.INSERT | TriggerType.UPDATE)) == 0) {
            throw new SqlException("42P17", "NEW TABLE can only be specified for an INSERT or UPDATE trigger");
        }
        if (c.oldTable() != null && (c.events() & (TriggerType.DELETE | TriggerType.UPDATE)) == 0) {
            throw new SqlException("42P17", "OLD TABLE can only be specified for a DELETE or UPDATE trigger");
        }
        if (c.oldTable() != null && c.oldTable().equals(c.newTable())) {
            throw new SqlException("42P17", "OLD TABLE name and NEW TABLE name cannot be the same");
        }
    }
}

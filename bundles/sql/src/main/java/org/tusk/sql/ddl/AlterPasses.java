package org.tusk.sql.ddl;

import java.util.Comparator;
import java.util.List;

import org.tusk.sql.ast.DdlCommand;

/**
 * The order in which PostgreSQL runs the actions of one ALTER TABLE: not as written but pass by pass
 * (tablecmds.c's AT_PASS_*), all drops first, then type changes, added columns, constraints, column
 * attributes and the rest, written order kept within a pass. It decides what each action sees (ADD
 * CONSTRAINT ... CHECK (d > 0), ADD COLUMN d works) and which error of several comes first.
 */
final class AlterPasses {

    private static final int DROP = 0;
    private static final int ALTER_TYPE = 1;
    private static final int ADD_COL = 4;
    private static final int ADD_CONSTR = 5;
    private static final int COL_ATTRS = 6;
    private static final int ADD_OTHERCONSTR = 9;
    private static final int MISC = 10;

    private AlterPasses() {
    }

    /** {@code actions} in execution order. */
    static List<DdlCommand.AlterAction> order(List<DdlCommand.AlterAction> actions) {
        return actions.stream().sorted(Comparator.comparingInt(AlterPasses::pass)).toList();
    }

    private static int pass(DdlCommand.AlterAction a) {
        return switch (a) {
            case DdlCommand.DropColumn d -> DROP;
            case DdlCommand.DropConstraint d -> DROP;
            case DdlCommand.ColumnDefault d -> d.value() == null ? DROP : ADD_OTHERCONSTR;
            case DdlCommand.ColumnNotNull n -> n.notNull() ? COL_ATTRS : DROP;
            case DdlCommand.AlterColumnType t -> ALTER_TYPE;
            case DdlCommand.AddColumn c -> ADD_COL;
            case DdlCommand.AddConstraint c -> ADD_CONSTR;
            default -> MISC;
        };
    }
}

package org.tusk.sql.trigger;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_TRIGGER;

import java.util.List;
import java.util.function.IntSupplier;

import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.EvalContext;

/**
 * The internal pg_trigger rows of a foreign key (tablecmds.c's createForeignKeyActionTriggers and
 * createForeignKeyCheckTriggers): "RI_ConstraintTrigger_a_OID" on the referenced table for DELETE and UPDATE,
 * "RI_ConstraintTrigger_c_OID" on the referencing table for INSERT and UPDATE. Tusk checks keys in
 * {@code dml.ForeignKeys}, not by calling the RI_FKey_* functions, but keeps the rows because they are where
 * PostgreSQL records that a key is switched off: ALTER TABLE ... DISABLE TRIGGER ALL (what pg_restore
 * --disable-triggers and a data-only pg_dump write) sets their tgenabled, and {@link #fires} is what the key
 * checks ask. A key made before these rows existed has none and is always on, as 'O'.
 */
public final class ForeignKeyTriggers {
    private static final int CHECK_INS = 1644;
    private static final int CHECK_UPD = 1645;
    /** RI_FKey_{cascade,restrict,setnull,setdefault,noaction}_del; the _upd function is one more. */
    private static final String ACTIONS = "crnda";
    private static final int FIRST_ACTION = 1646;
    private static final List<String> FUNCTION_NAMES = List.of("RI_FKey_check_ins", "RI_FKey_check_upd",
            "RI_FKey_cascade_del", "RI_FKey_cascade_upd", "RI_FKey_restrict_del", "RI_FKey_restrict_upd",
            "RI_FKey_setnull_del", "RI_FKey_setnull_upd", "RI_FKey_setdefault_del", "RI_FKey_setdefault_upd",
            "RI_FKey_noaction_del", "RI_FKey_noaction_upd");

    private ForeignKeyTriggers() {
    }

    /**
     * Writes the four rows of foreign key {@code constraint} of {@code child} referencing {@code parent} through
     * index {@code index}. As in PostgreSQL, only a NO ACTION trigger follows the key's deferrability.
     */
    public static void create(CatalogTables tables, IntSupplier newOid, int constraint, int child, int parent,
            int index, char onDelete, char onUpdate, boolean deferrable, boolean initiallyDeferred) {
        insert(tables, newOid.getAsInt(), 'a', parent, actionFunction(onDelete, false), TriggerType.DELETE, child,
                index, constraint, onDelete == 'a' && deferrable, onDelete == 'a' && initiallyDeferred);
        insert(tables, newOid.getAsInt(), 'a', parent, actionFunction(onUpdate, true), TriggerType.UPDATE, child,
                index, constraint, onUpdate == 'a' && deferrable, onUpdate == 'a' && initiallyDeferred);
        insert(tables, newOid.getAsInt(), 'c', child, CHECK_INS, TriggerType.INSERT, parent, index, constraint,
                deferrable, initiallyDeferred);
        insert(tables, newOid.getAsInt(), 'c', child, CHECK_UPD, TriggerType.UPDATE, parent, index, constraint,
                deferrable, initiallyDeferred);
    }

    private static int actionFunction(char action, boolean update) {
        int i = ACTIONS.indexOf(action);
        return FIRST_ACTION + 2 * Math.max(i, 0) + (update ? 1 : 0);
    }

    private static void insert(CatalogTables tables, int oid, char kind, int relid, int function, int event,
            int other, int index, int constraint, boolean deferrable, boolean initiallyDeferred) {
        tables.insert(CatalogRow.create(PG_TRIGGER).set("oid", oid).set("tgrelid", relid).set("tgparentid", 0)
                .set("tgname", "RI_ConstraintTrigger_" + kind + "_" + Integer.toUnsignedString(oid))
                .set("tgfoid", function).set("tgtype", (short) (TriggerType.ROW | event)).set("tgenabled", 'O')
                .set("tgisinternal", true).set("tgconstrrelid", other).set("tgconstrindid", index)
                .set("tgconstraint", constraint).set("tgdeferrable", deferrable)
                .set("tginitdeferred", initiallyDeferred).set("tgnargs", (short) 0).set("tgattr", List.of())
                .set("tgargs", new byte[0]).set("tgqual", null).set("tgoldtable", null).set("tgnewtable", null));
    }

    /** Removes the rows of foreign key {@code constraint} (it is being dropped). */
    public static void drop(CatalogTables tables, int constraint) {
        tables.deleteWhere(PG_TRIGGER, r -> r.oid("tgconstraint") == constraint && r.bool("tgisinternal"));
    }

    /**
     * Whether the key's check or action on {@code relid} for {@code event} ({@link TriggerType#INSERT},
     * UPDATE or DELETE) runs in this session: its trigger's tgenabled under session_replication_role.
     */
    public static boolean fires(EvalContext ctx, int relid, int constraint, int event) {
        char enabled = 'O';
        if (ctx.db() != null && ctx.db().catalog() instanceof RelationCache rc) {
            for (TriggerDef t : TriggerCache.of(rc).internal(relid)) {
                if (t.constraint() == constraint && t.on(event)) {
                    enabled = t.enabled();
                    break;
                }
            }
        }
        return ReplicationRole.fires(ctx, enabled);
    }

    /** The RI function's name for pg_get_triggerdef (Tusk's pg_proc has no rows for them), or null. */
    public static String functionName(int oid) {
        int i = oid - CHECK_INS;
        return i >= 0 && i < FUNCTION_NAMES.size() ? FUNCTION_NAMES.get(i) : null;
    }
}

package org.tusk.sql.trigger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.catalog.CatalogRow;

/**
 * A trigger as its pg_trigger row describes it.
 *
 * @param type    tgtype: the bits of {@link TriggerType}
 * @param enabled tgenabled: 'O' fires (origin and local), 'D' disabled, 'A' always, 'R' replica only (see ReplicationRole)
 * @param args    the arguments (tgargs split at its NULs)
 * @param columns tgattr: the attnums of UPDATE OF, empty if none
 * @param when    the WHEN condition as SQL text (Tusk keeps text in tgqual), or null
 * @param constraint the pg_constraint row of a constraint trigger (tgconstraint), 0 for a plain trigger
 * @param constraintRelid tgconstrrelid: the FROM table of CREATE CONSTRAINT TRIGGER, or 0
 * @param oldTable tgoldtable: REFERENCING OLD TABLE's name, or null (and newTable, tgnewtable)
 */
public record TriggerDef(int oid, int relid, String name, int function, int type, char enabled, List<String> args,
        List<Integer> columns, String when, int constraint, int constraintRelid, boolean deferrable,
        boolean initiallyDeferred, String oldTable, String newTable) {

    public TriggerDef {
        args = List.copyOf(args);
        columns = List.copyOf(columns);
    }

    /** A trigger that is not a constraint trigger. */
    public TriggerDef(int oid, int relid, String name, int function, int type, char enabled, List<String> args,
            List<Integer> columns, String when) {
        this(oid, relid, name, function, type, enabled, args, columns, when, 0, 0, false, false, null, null);
    }

    /** Reads a pg_trigger row. */
    public static TriggerDef fromRow(CatalogRow r) {
        List<String> args = new ArrayList<>();
        byte[] raw = (byte[]) r.get("tgargs");
        int n = r.int2("tgnargs");
        int start = 0;
        for (int i = 0; raw != null && i < raw.length && args.size() < n; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        List<Integer> columns = new ArrayList<>();
        Object attr = r.get("tgattr");
        if (attr instanceof List<?> l) {
            for (Object o : l) {
                columns.add(((Number) o).intValue());
            }
        }
        return new TriggerDef(r.oid("oid"), r.oid("tgrelid"), r.text("tgname"), r.oid("tgfoid"), r.int2("tgtype"),
                r.character("tgenabled"), args, columns, (String) r.get("tgqual"), r.oid("tgconstraint"),
                r.oid("tgconstrrelid"), r.bool("tgdeferrable"), r.bool("tginitdeferred"), (String) r.get("tgoldtable"),
                (String) r.get("tgnewtable"));
    }

    /** tgargs: each argument followed by a NUL byte. */
    static byte[] encodeArgs(List<String> args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String a : args) {
            out.writeBytes(a.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    public boolean row() {
        return (type & TriggerType.ROW) != 0;
    }

    public boolean before() {
        return (type & TriggerType.BEFORE) != 0;
    }

    public boolean insteadOf() {
        return (type & TriggerType.INSTEAD) != 0;
    }

    /** Whether it fires on this event ({@link TriggerType#INSERT}, ...). */
    public boolean on(int event) {
        return (type & event) != 0;
    }
}

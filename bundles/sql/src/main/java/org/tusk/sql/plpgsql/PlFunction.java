package org.tusk.sql.plpgsql;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.func.FunctionDefinition;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeCatalog;

/**
 * A compiled PL/pgSQL function (PLpgSQL_function): its variables, each a slot of the call's frame (the
 * arguments first, so {@code $n} is the n-th argument; then FOUND, the OUT columns, and every block's
 * declarations), and its statement tree. One per function and session, shared by recursive calls, each of
 * which has its own frame.
 */
final class PlFunction {
    private final String name;
    /** How CONTEXT lines name it: "f(integer)", or inline_code_block for DO. */
    final String contextName;
    final FunctionDefinition definition;
    private final List<PlAst.Var> vars = new ArrayList<>();
    private final List<SqlType> types = new ArrayList<>();
    private final List<Integer> typmods = new ArrayList<>();
    final int foundSlot;
    /** A trigger function's first trigger variable (NEW, then OLD, TG_NAME, ...), or -1. */
    final int triggerSlot;
    static final String[] TRIGGER_VARS = {"new", "old", "tg_name", "tg_when", "tg_level", "tg_op", "tg_relid",
        "tg_relname", "tg_table_name", "tg_table_schema", "tg_nargs", "tg_argv"};
    private static final SqlType[] TRIGGER_TYPES = {SqlType.TEXT, SqlType.TEXT, SqlType.NAME, SqlType.TEXT,
        SqlType.TEXT, SqlType.TEXT, SqlType.OID, SqlType.NAME, SqlType.NAME, SqlType.NAME, SqlType.INT4,
        SqlType.TEXT_ARRAY};
    /** The row variables declared table%ROWTYPE (or with a table's name): their fields, all NULL. */
    private final java.util.Map<Integer, RecordValue> rowTypes = new java.util.HashMap<>();
    final List<Integer> outSlots = new ArrayList<>();
    /** The bound cursors' declarations, by the slot of their refcursor variable. */
    private final java.util.Map<Integer, PlAst.CursorDecl> cursors = new java.util.HashMap<>();
    final PlAst.Block body;

    /** The catalogs a declaration's {@code table.column%TYPE} reads, while compiling only (else null). */
    private EvalContext catalogs;

    PlFunction(String source, FunctionDefinition definition, EvalContext ctx) {
        this(source, definition, -1, ctx);
    }

    /**
     * Compiles {@code source}; {@code bodyPosition} is where the body starts in the statement being run
     * (CREATE FUNCTION or DO), so that a syntax error points into it, or -1 when compiled for a call.
     */
    PlFunction(String source, FunctionDefinition definition, int bodyPosition, EvalContext ctx) {
        this.catalogs = ctx;
        this.definition = definition;
        this.name = definition == null ? "inline_code_block" : definition.name();
        this.contextName = definition == null ? "inline_code_block" : definition.signature();
        java.util.Map<String, Integer> outer = new java.util.HashMap<>();
        if (definition != null) {
            for (int i = 0; i < definition.argTypes().size(); i++) {
                String argName = definition.argNames().get(i) == null ? "$" + (i + 1) : definition.argNames().get(i);
                org.tusk.sql.types.RowType rowType = definition.argRowTypes().get(i);
                PlAst.Var v = rowType == null ? add(argName, definition.argTypes().get(i), -1, false)
                        : compositeArgument(argName, rowType);
                if (definition.argNames().get(i) != null) {
                    outer.put(v.name(), v.slot());
                }
            }
        }
        foundSlot = add("found", SqlType.BOOL, -1, false).slot();
        outer.put("found", foundSlot);
        if (definition != null && definition.result() == SqlType.TRIGGER) {
            if (!definition.argTypes().isEmpty()) {
                throw org.tusk.sql.func.ErrorContext.add(new SqlException(ErrorFields.of("ERROR", "42P13",
                        "trigger functions cannot have declared arguments").hint("The arguments of the trigger can "
                                + "be accessed through TG_NARGS and TG_ARGV instead.").build()),
                        "compilation of PL/pgSQL function \"" + definition.name() + "\" near line 1");
            }
            // plpgsql_compile's trigger variables, in TriggerVars' order
            triggerSlot = vars.size();
            for (int i = 0; i < TRIGGER_VARS.length; i++) {
                PlAst.Var v = add(TRIGGER_VARS[i], TRIGGER_TYPES[i], -1, i < 2);
                outer.put(v.name(), v.slot());
            }
        } else {
            triggerSlot = -1;
        }
        if (definition != null && definition.returnsRows()) {
            for (int i = 0; i < definition.columns().size(); i++) {
                PlAst.Var v = add(definition.columns().get(i), definition.columnTypes().get(i), -1, false);
                outer.put(v.name(), v.slot());
                outSlots.add(v.slot());
            }
        }
        this.body = new PlParser(source, this).parse(outer, bodyPosition);
        this.catalogs = null;
    }

    String name() {
        return name;
    }

    private PlAst.Var add(String varName, SqlType type, int typmod, boolean record) {
        PlAst.Var v = new PlAst.Var(varName, vars.size(), type.displayName(), false, false, null, record);
        vars.add(v);
        types.add(type);
        typmods.add(typmod);
        return v;
    }

    /** A DECLAREd variable: a new slot with the type its text names (record: any row). */
    PlAst.Var declare(String varName, String typeText, boolean constant, boolean notNull, PlExpr initial,
            boolean record) {
        SqlType type = SqlType.TEXT;
        int typmod = -1;
        if (!record) {
            String lower = typeText.strip().toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith("%rowtype")) {
                String table = typeText.strip().substring(0, typeText.strip().length() - 8).strip();
                Relation r = relation(table);
                if (r == null) {
                    throw new SqlException("42P01", "relation \"" + table + "\" does not exist");
                }
                return rowVariable(varName, typeText, constant, notNull, initial, r);
            }
            if (lower.endsWith("%type")) {
                int[] found = typeOf(typeText.strip().substring(0, typeText.strip().length() - 5));
                PlAst.Var v = new PlAst.Var(varName, vars.size(), typeText, constant, notNull, initial, record);
                vars.add(v);
                types.add(SqlType.byOid(found[0]));
                typmods.add(found[1]);
                return v;
            }
            Expr e = Parser.parseExpression("NULL::" + typeText);
            if (!(e instanceof Expr.TypeCast cast)) {
                throw new SqlException("42601", "syntax error at or near \"" + typeText + "\"");
            }
            TypeCatalog.Resolved r;
            try {
                r = TypeCatalog.resolve(cast.type());
            } catch (SqlException unknown) {
                // a table's name is also the name of its row type
                Relation table = unknown.sqlState().equals("42704") ? relation(typeText.strip()) : null;
                if (table == null) {
                    throw unknown;
                }
                return rowVariable(varName, typeText, constant, notNull, initial, table);
            }
            type = r.type();
            typmod = r.typmod();
        }
        PlAst.Var v = new PlAst.Var(varName, vars.size(), typeText, constant, notNull, initial, record);
        vars.add(v);
        types.add(type);
        typmods.add(typmod);
        return v;
    }

    /** An argument of a composite type: a row variable whose fields the call's row value fills. */
    private PlAst.Var compositeArgument(String argName, org.tusk.sql.types.RowType rowType) {
        PlAst.Var v = add(argName, SqlType.RECORD, -1, true);
        rowTypes.put(v.slot(), new RecordValue(rowType.fieldNames(), rowType.fieldTypes(),
                new Object[rowType.size()]));
        return v;
    }

    private PlAst.Var rowVariable(String varName, String typeText, boolean constant, boolean notNull,
            PlExpr initial, Relation table) {
        PlAst.Var v = new PlAst.Var(varName, vars.size(), typeText, constant, notNull, initial, true);
        vars.add(v);
        types.add(SqlType.TEXT);
        typmods.add(-1);
        List<String> names = new ArrayList<>();
        List<SqlType> columnTypes = new ArrayList<>();
        for (Column c : table.columns()) {
            names.add(c.name());
            columnTypes.add(c.type());
        }
        rowTypes.put(v.slot(), new RecordValue(names, columnTypes, new Object[names.size()]));
        return v;
    }

    /** The relation a (possibly qualified, possibly quoted) name names while compiling, or null. */
    private Relation relation(String reference) {
        if (catalogs == null || catalogs.db() == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String p : reference.split("\\.")) {
            String t = p.strip();
            parts.add(t.startsWith("\"") && t.endsWith("\"") && t.length() > 1 ? t.substring(1, t.length() - 1)
                    : t.toLowerCase(java.util.Locale.ROOT));
        }
        if (parts.size() > 2) {
            return null;
        }
        Relation r = catalogs.db().catalog().lookup(parts.size() == 2 ? parts.get(0) : null, parts.getLast());
        return r != null && (r.kind() == 'r' || r.kind() == 'v' || r.kind() == 'p' || r.kind() == 'c') ? r : null;
    }

    /** A row variable's value at its block's entry (every field NULL), or null for a plain record. */
    RecordValue rowTemplate(int slot) {
        RecordValue t = rowTypes.get(slot);
        return t == null ? null : new RecordValue(t.names(), t.types(), new Object[t.names().size()]);
    }

    void bindCursor(int slot, PlAst.CursorDecl declaration) {
        cursors.put(slot, declaration);
    }

    /** A bound cursor's declaration, or null for an unbound refcursor variable (or any other). */
    PlAst.CursorDecl cursor(int slot) {
        return cursors.get(slot);
    }

    PlAst.Var var(int slot) {
        return vars.get(slot);
    }

    int slots() {
        return vars.size();
    }

    SqlType slotType(int slot) {
        return types.get(slot);
    }

    int slotTypmod(int slot) {
        return typmods.get(slot);
    }

    /** A CASE selector's slot takes the type of the selector's value. */
    void setSlotType(int slot, SqlType type) {
        types.set(slot, type);
    }

    boolean isRecord(int slot) {
        return vars.get(slot).record();
    }

    /**
     * What {@code name%TYPE} names: a variable declared before (the innermost of that name), or a table's
     * column ({@code table.column}, {@code schema.table.column}), as {type OID, typmod}.
     */
    private int[] typeOf(String reference) {
        List<String> parts = new ArrayList<>();
        for (String p : reference.split("\\.")) {
            String t = p.strip();
            parts.add(t.startsWith("\"") && t.endsWith("\"") && t.length() > 1 ? t.substring(1, t.length() - 1)
                    : t.toLowerCase(java.util.Locale.ROOT));
        }
        if (parts.size() == 1) {
            for (int i = vars.size() - 1; i >= 0; i--) {
                if (vars.get(i).name().equals(parts.getFirst())) {
                    return new int[] {types.get(i).oid(), typmods.get(i)};
                }
            }
        } else if (parts.size() <= 3 && catalogs != null && catalogs.db() != null) {
            Relation r = catalogs.db().catalog().lookup(parts.size() == 3 ? parts.get(0) : null,
                    parts.get(parts.size() - 2));
            if (r != null) {
                for (Column c : r.columns()) {
                    if (c.name().equals(parts.getLast())) {
                        return new int[] {c.type().oid(), c.typmod()};
                    }
                }
            }
        }
        // pl_gram.y reads an unknown name%TYPE as a type name, which does not parse at the %; the position
        // is within the declared type's text
        throw new SqlException(ErrorFields.of("ERROR", "42601", "syntax error at or near \"%\"")
                .position(reference.length() + 1).set(ErrorFields.WHERE, "invalid type name \"" + reference
                        + "%type\"").build());
    }
}

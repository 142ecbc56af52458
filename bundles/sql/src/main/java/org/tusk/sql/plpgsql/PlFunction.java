package org.tusk.sql.plpgsql;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.func.FunctionDefinition;
import org.tusk.sql.parser.Parser;
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
    final List<Integer> outSlots = new ArrayList<>();
    final PlAst.Block body;

    PlFunction(String source, FunctionDefinition definition) {
        this.definition = definition;
        this.name = definition == null ? "inline_code_block" : definition.name();
        this.contextName = definition == null ? "inline_code_block" : definition.signature();
        java.util.Map<String, Integer> outer = new java.util.HashMap<>();
        if (definition != null) {
            for (int i = 0; i < definition.argTypes().size(); i++) {
                PlAst.Var v = add(definition.argNames().get(i) == null ? "$" + (i + 1) : definition.argNames().get(i),
                        definition.argTypes().get(i), -1, false);
                if (definition.argNames().get(i) != null) {
                    outer.put(v.name(), v.slot());
                }
            }
        }
        foundSlot = add("found", SqlType.BOOL, -1, false).slot();
        outer.put("found", foundSlot);
        if (definition != null && definition.returnsRows()) {
            for (int i = 0; i < definition.columns().size(); i++) {
                PlAst.Var v = add(definition.columns().get(i), definition.columnTypes().get(i), -1, false);
                outer.put(v.name(), v.slot());
                outSlots.add(v.slot());
            }
        }
        this.body = new PlParser(source, this).parse(outer);
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
            if (typeText.toLowerCase(java.util.Locale.ROOT).endsWith("%type")
                    || typeText.toLowerCase(java.util.Locale.ROOT).endsWith("%rowtype")) {
                throw new SqlException("0A000", "%TYPE and %ROWTYPE are not supported yet");
            }
            Expr e = Parser.parseExpression("NULL::" + typeText);
            if (!(e instanceof Expr.TypeCast cast)) {
                throw new SqlException("42601", "syntax error at or near \"" + typeText + "\"");
            }
            TypeCatalog.Resolved r = TypeCatalog.resolve(cast.type());
            type = r.type();
            typmod = r.typmod();
        }
        PlAst.Var v = new PlAst.Var(varName, vars.size(), typeText, constant, notNull, initial, record);
        vars.add(v);
        types.add(type);
        typmods.add(typmod);
        return v;
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
}

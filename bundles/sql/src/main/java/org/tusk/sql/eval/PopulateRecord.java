package org.tusk.sql.eval;

import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.json.JsonParser;
import org.tusk.sql.json.JsonValue;
import org.tusk.sql.json.JsonWriter;
import org.tusk.sql.json.Jsonb;
import org.tusk.sql.types.RecordValue;
import org.tusk.sql.types.RowType;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeInput;

/**
 * json_populate_record and jsonb_populate_record (jsonfuncs.c's populate_record) in a select list: the row
 * type is the first argument's ({@code null::mytype}, a whole row), known at analysis; each field takes
 * the object's member of its name (a string's text, any other value's JSON text, through the field type's
 * input function; JSON null is NULL), else the base row's field.
 */
final class PopulateRecord {

    private PopulateRecord() {
    }

    static boolean handles(String name, int args) {
        return args == 2 && (name.equals("json_populate_record") || name.equals("jsonb_populate_record"));
    }

    static Expression call(Analyzer a, String name, List<Expression> args, int position) {
        Expression base = args.get(0);
        if (base.type() != SqlType.RECORD) {
            throw SqlException.at("42804", "first argument of " + name + " must be a row type", position);
        }
        RowType type = RowValues.rowTypeOf(base);
        if (type == null) {
            throw SqlException.at("42804", "could not determine row type for result of " + name, position);
        }
        boolean jsonb = name.startsWith("jsonb");
        Expression json = a.coerceTo(args.get(1), jsonb ? SqlType.JSONB : SqlType.JSON, -1);
        Routine r = new Routine(name, List.of(SqlType.RECORD, json.type()), SqlType.RECORD, false,
                new Populate(type, name));
        return new Expression.Call(r, List.of(base, json));
    }

    /** The routine: the base row with the object's members in place of its fields. */
    record Populate(RowType rowType, String name) implements Routine.Body, RowValues.RowTyped {
        @Override
        public Object apply(Object[] args, EvalContext ctx) {
            RecordValue base = (RecordValue) args[0];
            if (args[1] == null) {
                return base;
            }
            JsonValue root = args[1] instanceof Jsonb j ? j.root() : JsonParser.parseJsonb((String) args[1]);
            if (!(root instanceof JsonValue.Obj object)) {
                throw new SqlException("22023", "cannot call " + name + " on a non-object");
            }
            Object[] values = new Object[rowType.size()];
            for (int i = 0; i < values.length; i++) {
                JsonValue v = object.get(rowType.fieldNames().get(i));
                if (v == null) {
                    values[i] = base == null ? null : base.get(i);
                } else if (v instanceof JsonValue.Null) {
                    values[i] = null;
                } else {
                    String text = v instanceof JsonValue.Str s ? s.value() : JsonWriter.jsonb(v);
                    values[i] = TypeInput.parse(rowType.fieldTypes().get(i), text, ctx);
                }
            }
            return new RecordValue(rowType, values);
        }
    }
}

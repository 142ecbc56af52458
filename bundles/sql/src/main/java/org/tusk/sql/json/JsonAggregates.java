package org.tusk.sql.json;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.exec.AggFunction;
import org.tusk.sql.types.SqlType;

/**
 * json_agg, jsonb_agg, json_object_agg and jsonb_object_agg. They are not strict: a NULL value is
 * aggregated as JSON null (a NULL key is an error), and no rows give NULL. json's results are written as
 * json.c writes them: "[1, 2]" with a line break before each later array element, "{ "k" : v }".
 */
public final class JsonAggregates {

    /** A chosen aggregate: its implementation, result type and the types its arguments are converted to. */
    public record Resolved(AggFunction function, SqlType result, List<SqlType> argTypes) {
    }

    private JsonAggregates() {
    }

    /** Whether {@code name} is one of these aggregates. */
    public static boolean handles(String name) {
        return name.equals("json_agg") || name.equals("jsonb_agg") || name.equals("json_object_agg")
                || name.equals("jsonb_object_agg");
    }

    /** The aggregate for these argument types, or null if none fits. */
    public static Resolved resolve(String name, List<SqlType> types) {
        List<SqlType> args = types.stream().map(t -> t == SqlType.UNKNOWN ? SqlType.TEXT : t).toList();
        boolean object = name.endsWith("object_agg");
        if (args.size() != (object ? 2 : 1)) {
            return null;
        }
        boolean jsonb = name.startsWith("jsonb");
        AggFunction f = object ? new ObjectAgg(args.get(0), args.get(1), jsonb) : new ArrayAgg(args.get(0), jsonb);
        return new Resolved(f, jsonb ? SqlType.JSONB : SqlType.JSON, args);
    }

    /** The state: the values seen, as json text or jsonb trees. */
    private static final class State {
        final List<Object> items = new ArrayList<>();
    }

    private record ArrayAgg(SqlType type, boolean jsonb) implements AggFunction {
        @Override
        public Object initial() {
            return null;
        }

        @Override
        public Object step(Object state, Object[] args, EvalContext ctx) {
            State s = state == null ? new State() : (State) state;
            s.items.add(jsonb ? JsonBuilder.toJsonb(type, args[0], ctx) : JsonBuilder.toJson(type, args[0], ctx));
            return s;
        }

        @Override
        public Object finish(Object state, EvalContext ctx) {
            if (state == null) {
                return null;
            }
            List<Object> items = ((State) state).items;
            if (jsonb) {
                List<JsonValue> elements = new ArrayList<>();
                items.forEach(i -> elements.add((JsonValue) i));
                return Jsonb.of(new JsonValue.Arr(elements, null));
            }
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                    // json_agg_transfn: structured values after the first start on a new line.
                    if (type.isArray() || type == SqlType.RECORD) {
                        b.append("\n ");
                    }
                }
                b.append((String) items.get(i));
            }
            return b.append(']').toString();
        }

        @Override
        public boolean strict() {
            return false;
        }
    }

    private record ObjectAgg(SqlType keyType, SqlType valueType, boolean jsonb) implements AggFunction {
        @Override
        public Object initial() {
            return null;
        }

        @Override
        public Object step(Object state, Object[] args, EvalContext ctx) {
            if (args[0] == null) {
                throw new SqlException("22023", "field name must not be null");
            }
            State s = state == null ? new State() : (State) state;
            String key = JsonConstructors.key(keyType, args[0], ctx);
            s.items.add(jsonb ? new JsonValue.Member(key, JsonBuilder.toJsonb(valueType, args[1], ctx))
                    : new String[] {key, JsonBuilder.toJson(valueType, args[1], ctx)});
            return s;
        }

        @Override
        public Object finish(Object state, EvalContext ctx) {
            if (state == null) {
                return null;
            }
            List<Object> items = ((State) state).items;
            if (jsonb) {
                List<JsonValue.Member> members = new ArrayList<>();
                items.forEach(i -> members.add((JsonValue.Member) i));
                return Jsonb.of(new JsonValue.Obj(members, null));
            }
            StringBuilder b = new StringBuilder("{ ");
            for (int i = 0; i < items.size(); i++) {
                String[] kv = (String[]) items.get(i);
                if (i > 0) {
                    b.append(", ");
                }
                JsonWriter.escape(b, kv[0]);
                b.append(" : ").append(kv[1]);
            }
            return b.append(" }").toString();
        }

        @Override
        public boolean strict() {
            return false;
        }
    }
}

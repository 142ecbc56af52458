package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.json.JsonBuilder;
import org.tusk.sql.json.JsonConstructors;
import org.tusk.sql.json.Jsonb;
import org.tusk.sql.types.SqlType;

/**
 * The json functions over arguments of any type, which the signature tables cannot express: to_json and
 * to_jsonb (anyelement), array_to_json (anyarray), and the VARIADIC "any" builders json_build_object,
 * json_build_array and their jsonb forms. Each argument keeps its type; an unknown literal becomes text for
 * the builders and is an error for the polymorphic ones, as in PostgreSQL.
 */
final class JsonCalls {
    private static final Set<String> NAMES = Set.of("to_json", "to_jsonb", "array_to_json", "json_build_object",
            "jsonb_build_object", "json_build_array", "jsonb_build_array");

    private JsonCalls() {
    }

    static boolean handles(String name) {
        return NAMES.contains(name);
    }

    /** The call; {@code toText} coerces an unknown-typed argument to text. */
    static Expression call(String name, List<Expression> args, int position, UnaryOperator<Expression> toText) {
        List<Expression> converted = new ArrayList<>();
        boolean polymorphic = name.startsWith("to_json") || name.equals("array_to_json");
        for (Expression a : args) {
            if (a.type() == SqlType.UNKNOWN && polymorphic) {
                // parse_coerce.c's check reports no position.
                throw new SqlException("42804", "could not determine polymorphic type because input has type unknown");
            }
            converted.add(a.type() == SqlType.UNKNOWN ? toText.apply(a) : a);
        }
        List<SqlType> types = converted.stream().map(Expression::type).toList();
        if (polymorphic && (types.size() != 1 || name.equals("array_to_json") && !types.getFirst().isArray())) {
            throw new SqlException(ErrorFields.of("ERROR", "42883", "function " + Routine.signature(name, types)
                    + " does not exist").hint("No function matches the given name and argument types. "
                            + "You might need to add explicit type casts.").position(position).build());
        }
        Routine r = switch (name) {
            case "to_json", "array_to_json" -> new Routine(name, types, SqlType.JSON, true,
                    (v, c) -> JsonBuilder.toJson(types.getFirst(), v[0], c));
            case "to_jsonb" -> new Routine(name, types, SqlType.JSONB, true,
                    (v, c) -> Jsonb.of(JsonBuilder.toJsonb(types.getFirst(), v[0], c)));
            case "json_build_object" -> new Routine(name, types, SqlType.JSON, false,
                    (v, c) -> JsonConstructors.jsonBuildObject(types, v, c));
            case "jsonb_build_object" -> new Routine(name, types, SqlType.JSONB, false,
                    (v, c) -> JsonConstructors.jsonbBuildObject(types, v, c));
            case "json_build_array" -> new Routine(name, types, SqlType.JSON, false,
                    (v, c) -> JsonConstructors.jsonBuildArray(types, v, c));
            default -> new Routine(name, types, SqlType.JSONB, false,
                    (v, c) -> JsonConstructors.jsonbBuildArray(types, v, c));
        };
        return new Expression.Call(r, converted);
    }
}

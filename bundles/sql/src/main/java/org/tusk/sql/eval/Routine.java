package org.tusk.sql.eval;

import java.util.List;
import java.util.stream.Collectors;

import org.tusk.sql.types.SqlType;

/**
 * An operator or function implementation with its signature (a pg_operator or pg_proc row). Strict
 * routines return null when any argument is null without being called, as PostgreSQL's strict
 * functions do.
 *
 * @param name the operator symbol or function name
 * @param args argument types; for a prefix operator, one type
 * @param result the result type
 * @param strict whether null in means null out
 * @param body the implementation
 */
public record Routine(String name, List<SqlType> args, SqlType result, boolean strict, Body body) {

    /** The code of a routine; receives arguments already converted to the declared types. */
    @FunctionalInterface
    public interface Body {
        Object apply(Object[] args, EvalContext ctx);

        /** Whether the planner may compute a call with constant arguments in advance (provolatile 'i'). */
        default boolean foldable() {
            return true;
        }

        /** The names of the input parameters (null where one has none), or null: named notation is refused. */
        default List<String> argNames() {
            return null;
        }

        /** Whether the last parameter is VARIADIC: an array collecting the trailing arguments of a call. */
        default boolean variadic() {
            return false;
        }

        /** Whether this is a procedure (prokind 'p'), which only CALL may run. */
        default boolean procedure() {
            return false;
        }
    }

    /** "name(type, type)" as messages print a signature. */
    public static String signature(String name, List<SqlType> types) {
        return name + "(" + types.stream().map(SqlType::displayName).collect(Collectors.joining(", ")) + ")";
    }
}

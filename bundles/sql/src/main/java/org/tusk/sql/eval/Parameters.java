package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.types.SqlType;

/**
 * The {@code $n} parameters an analysis may refer to (PostgreSQL's parse_param.c): none (a simple
 * query, where {@code $1} is 42P02), variable (Parse: declared types, the rest inferred from context
 * as analysis coerces them, more parameters allowed than declared), or bound (Execute: fixed types and
 * values).
 */
public final class Parameters {
    private final List<SqlType> types;
    private final boolean variable;
    private Object[] values;

    private Parameters(List<SqlType> types, boolean variable, Object[] values) {
        this.types = types;
        this.variable = variable;
        this.values = values;
    }

    public static Parameters none() {
        return new Parameters(new ArrayList<>(), false, new Object[0]);
    }

    /** For Parse: {@code declared} types, UNKNOWN where unspecified. */
    public static Parameters variable(SqlType[] declared) {
        return new Parameters(new ArrayList<>(Arrays.asList(declared)), true, null);
    }

    /** Whether these are Parse's parameters, whose types analysis may still decide. */
    public boolean isVariable() {
        return variable;
    }

    /** The types as a list, without copying into an array (for comparing a cached plan's). */
    public List<SqlType> typeList() {
        return java.util.Collections.unmodifiableList(types);
    }

    /**
     * Gives bound parameters new values: a plan analyzed with these parameters, reused for another
     * Bind of the same prepared statement, then reads the new values.
     */
    public void rebind(Object[] newValues) {
        if (variable || newValues.length != types.size()) {
            throw new IllegalStateException("rebinding parameters of another shape");
        }
        this.values = newValues;
    }

    /** The values as bound (not a copy). */
    public Object[] values() {
        return values;
    }

    /** For execution: the statement's types and the portal's values. */
    public static Parameters bound(SqlType[] types, Object[] values) {
        return new Parameters(new ArrayList<>(Arrays.asList(types)), false, values);
    }

    /** The types as they stand (after analysis: declared or inferred, UNKNOWN where still undecided). */
    public SqlType[] types() {
        return types.toArray(SqlType[]::new);
    }

    Expression reference(int number, int position) {
        if (number < 1 || number > types.size()) {
            if (!variable || number < 1 || number > 65535) {
                throw SqlException.at("42P02", "there is no parameter $" + number, position);
            }
            while (types.size() < number) {
                types.add(SqlType.UNKNOWN);
            }
        }
        return new Expression.Param(number, this);
    }

    /** Whether {@code $number} was declared void (pgjdbc's placeholder for a CallableStatement's OUT parameter). */
    boolean isVoid(int number) {
        return number >= 1 && number <= types.size() && types.get(number - 1) == SqlType.VOID;
    }

    SqlType type(int number) {
        return types.get(number - 1);
    }

    /** Context decided the type of a parameter of unknown type (coerce_type on an unknown Param). */
    void resolve(int number, SqlType type) {
        types.set(number - 1, type);
    }

    Object value(int number) {
        return source != null ? source.get()[number - 1] : values[number - 1];
    }

    /**
     * Whether {@code other} has the same parameter types (a cached plan's check at every Bind): the
     * lists compared directly, without the iterators {@link #typeList()}'s views would cost.
     */
    public boolean sameTypes(Parameters other) {
        return types.equals(other.types);
    }

    // ---- named parameters: a function's arguments, PL/pgSQL's variables (package func)

    /** Slot names ("x", or "rec.f" for a record's field); null for a slot not visible by name. */
    private List<String> names = List.of();
    /** The composite types of row-valued parameters (by number), so that {@code ($1).f} finds its field. */
    private java.util.Map<Integer, org.tusk.sql.types.RowType> rowTypes = java.util.Map.of();
    /** The function's name: {@code f.x} names argument x of function f. */
    private String qualifier;
    /** Where the values are read at evaluation (a function call's frame), instead of {@link #values}. */
    private java.util.function.Supplier<Object[]> source;

    /**
     * Parameters that names also reach (SQL functions' arguments, PL/pgSQL variables): slot i has type
     * {@code types[i]} and name {@code names[i]}, is {@code $i+1}, and its value is read from the array
     * {@code source} supplies when the expression is evaluated, so one analysis serves every call.
     */
    public static Parameters named(List<SqlType> types, List<String> names, String qualifier,
            java.util.function.Supplier<Object[]> source) {
        Parameters p = new Parameters(new ArrayList<>(types), false, new Object[types.size()]);
        p.names = new ArrayList<>(names);
        p.qualifier = qualifier;
        p.source = source;
        return p;
    }

    /**
     * The parameter a column reference that matched no column names (a function argument or variable),
     * or null: {@code x}, {@code rec.f}, or {@code f.x} with f this function's name.
     */
    Expression byName(List<String> reference, int position) {
        if (names.isEmpty()) {
            return null;
        }
        String joined = String.join(".", reference);
        int i = names.lastIndexOf(joined);
        if (i < 0 && reference.size() == 2 && reference.getFirst().equals(qualifier)) {
            i = names.lastIndexOf(reference.getLast());
        }
        return i < 0 ? null : reference(i + 1, position);
    }

    /** Says that parameter {@code number} (1-based) is a row of {@code type}; returns this. */
    public Parameters withRowType(int number, org.tusk.sql.types.RowType type) {
        if (rowTypes.isEmpty()) {
            rowTypes = new java.util.HashMap<>();
        }
        rowTypes.put(number, type);
        return this;
    }

    /** Takes the row types {@code other} knows of its parameters (a plan's own copy of bound ones); returns this. */
    public Parameters withRowTypesOf(Parameters other) {
        other.rowTypes.forEach(this::withRowType);
        return this;
    }

    /** The row type of parameter {@code number}, null if it is not a row of a known type. */
    public org.tusk.sql.types.RowType rowType(int number) {
        return rowTypes.get(number);
    }
}

package org.tusk.sql.ast;

import java.util.List;

/**
 * A type as written: its (possibly qualified) name and modifiers. SQL-standard spellings (INTEGER,
 * DOUBLE PRECISION, CHARACTER VARYING, ...) are already mapped to PostgreSQL's internal names by the
 * grammar, as gram.y does, because the result column name of a cast is that internal name.
 *
 * @param names the name, e.g. ["int4"] or ["pg_catalog", "int4"]
 * @param modifiers the type modifiers, e.g. [10, 2] for numeric(10,2); empty if none
 * @param array true if written with [] (arrays are not supported yet)
 * @param position where the type name starts
 */
public record TypeName(List<String> names, List<Integer> modifiers, boolean array, int position) {

    /** The last component of the name: what PostgreSQL uses as a cast's column name. */
    public String lastName() {
        return names.getLast();
    }
}

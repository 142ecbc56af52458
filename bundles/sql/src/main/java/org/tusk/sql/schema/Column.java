package org.tusk.sql.schema;

import org.tusk.sql.types.SqlType;

/**
 * One column of a relation (a pg_attribute row with its pg_attrdef default).
 *
 * @param number        attnum, 1-based
 * @param typmod        atttypmod (-1 for none), e.g. varchar(n)'s limit
 * @param defaultSql    the default expression as SQL text (pg_get_expr of adbin), or null
 * @param identity      attidentity: 0 for none, 'a' GENERATED ALWAYS, 'd' BY DEFAULT
 */
public record Column(int number, String name, SqlType type, int typmod, boolean notNull, String defaultSql,
        char identity) {
}

package org.tusk.sql.schema;

import org.tusk.sql.types.RowType;
import org.tusk.sql.types.SqlType;

/**
 * One column of a relation (a pg_attribute row with its pg_attrdef default).
 *
 * @param number        attnum, 1-based
 * @param typmod        atttypmod (-1 for none), e.g. varchar(n)'s limit; for an enum (array) column the
 *                      enum's pg_type OID (pg_attribute says -1), see types.EnumLabels
 * @param defaultSql    the default expression as SQL text (pg_get_expr of adbin), or null
 * @param identity      attidentity: 0 for none, 'a' GENERATED ALWAYS, 'd' BY DEFAULT
 * @param domain        atttypid when the column's type is a domain (its values are {@code type}'s, the
 *                      domain's base type; its constraints are checked on write), else 0
 * @param composite     atttypid when the column's type is a composite type (type {@code record}) or an
 *                      array of one (type {@code record[]}), else 0
 * @param rowType       that composite type's fields (the array's element type's), else null: what its
 *                      values read from storage are, and what values written to it are converted to
 */
public record Column(int number, String name, SqlType type, int typmod, boolean notNull, String defaultSql,
        char identity, int domain, int composite, RowType rowType) {

    /** A column of a built-in type. */
    public Column(int number, String name, SqlType type, int typmod, boolean notNull, String defaultSql,
            char identity) {
        this(number, name, type, typmod, notNull, defaultSql, identity, 0);
    }

    /** A column of a built-in type or of a domain. */
    public Column(int number, String name, SqlType type, int typmod, boolean notNull, String defaultSql,
            char identity, int domain) {
        this(number, name, type, typmod, notNull, defaultSql, identity, domain, 0, null);
    }

    /** pg_attribute.atttypid: the domain's OID for a domain column, the composite type's for a composite one. */
    public int typeOid() {
        return domain != 0 ? domain : composite != 0 ? composite
                : org.tusk.sql.types.EnumLabels.typeOid(type, typmod);
    }

    /** This column with another number, name and nullability, the rest (its type) kept. */
    public Column with(int number, String name, boolean notNull, String defaultSql, char identity) {
        return new Column(number, name, type, typmod, notNull, defaultSql, identity, domain, composite, rowType);
    }
}

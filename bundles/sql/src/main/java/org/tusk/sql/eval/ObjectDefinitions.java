package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.lexer.Keywords;

/**
 * pg_get_indexdef and pg_get_constraintdef (ruleutils.c): the SQL that would create an index or a
 * constraint, rebuilt from pg_index, pg_constraint and pg_attribute. psql's {@code \d TABLE} prints their
 * output after "USING " and after the constraint name.
 *
 * <p>Expressions are kept as SQL text here (a CHECK's conbin, an index's indpred); a CHECK is analyzed again
 * and printed as ruleutils prints it ({@link StoredExpressions}), an index predicate is printed as kept.
 * Indexes use their columns' default operator classes and collations, so neither is printed.
 */
final class ObjectDefinitions {

    private ObjectDefinitions() {
    }

    private static CatalogRow first(RelationCache cache, org.tusk.sql.catalog.CatalogRelation catalog,
            java.util.function.Predicate<CatalogRow> filter) {
        if (cache == null) {
            return null;
        }
        List<CatalogRow> r = cache.tables().rows(catalog, filter);
        return r.isEmpty() ? null : r.getFirst();
    }

    private static String columnName(RelationCache cache, int relation, int attnum) {
        CatalogRow a = first(cache, CatalogDefinitions.PG_ATTRIBUTE, r -> r.oid("attrelid") == relation
                && r.int2("attnum") == attnum);
        return a == null ? "?" : Keywords.quoteIdentifier(a.text("attname"));
    }

    /** A relation's name, schema-qualified unless the search path finds it (generate_relation_name). */
    private static String relationName(RelationCache cache, int oid) {
        CatalogRow c = cache.classRow(oid);
        String name = Keywords.quoteIdentifier(c.text("relname"));
        if (Boolean.TRUE.equals(CatalogInfoFunctions.tableVisible(cache, oid))) {
            return name;
        }
        return Keywords.quoteIdentifier(cache.namespaceName(c.oid("relnamespace"))) + "." + name;
    }

    private static List<Integer> numbers(List<?> list) {
        List<Integer> out = new ArrayList<>();
        if (list != null) {
            for (Object o : list) {
                out.add(((Number) o).intValue());
            }
        }
        return out;
    }

    /**
     * pg_get_indexdef(index, column, pretty): with column 0 the whole CREATE INDEX statement, else that
     * column's definition (its name). The table is schema-qualified unless pretty and visible, as
     * PostgreSQL does. NULL if {@code index} is no index, or the column does not exist.
     */
    static String indexDef(EvalContext ctx, RelationCache cache, long indexOid, int column, boolean pretty) {
        CatalogRow index = first(cache, CatalogDefinitions.PG_INDEX, r -> r.oid("indexrelid") == (int) indexOid);
        if (index == null) {
            return null;
        }
        int table = index.oid("indrelid");
        List<Integer> keys = numbers(index.list("indkey"));
        List<Integer> options = numbers(index.list("indoption"));
        int keyCount = index.int2("indnkeyatts");
        Object exprs = index.get("indexprs");
        List<String> expressions = exprs == null ? List.of()
                : org.tusk.protocol.ArrayFormats.parse(exprs.toString()).elements();
        // An expression key (attnum 0) takes the next of indexprs.
        List<String> keyText = new ArrayList<>();
        int e = 0;
        for (int k : keys) {
            keyText.add(k != 0 ? columnName(cache, table, k)
                    : e < expressions.size() ? StoredExpressions.indexKey(ctx, expressions.get(e++), table, pretty)
                    : "");
        }
        if (column > 0) {
            return column <= keys.size() ? keyText.get(column - 1) : null;
        }
        StringBuilder b = new StringBuilder("CREATE ");
        if (index.bool("indisunique")) {
            b.append("UNIQUE ");
        }
        CatalogRow rel = cache.classRow((int) indexOid);
        CatalogRow am = first(cache, CatalogDefinitions.PG_AM, r -> r.oid("oid") == rel.oid("relam"));
        String tableName;
        if (pretty) {
            tableName = relationName(cache, table);
        } else {
            CatalogRow t = cache.classRow(table);
            tableName = Keywords.quoteIdentifier(cache.namespaceName(t.oid("relnamespace"))) + "."
                    + Keywords.quoteIdentifier(t.text("relname"));
        }
        b.append("INDEX ").append(Keywords.quoteIdentifier(rel.text("relname"))).append(" ON ")
                .append(tableName).append(" USING ").append(am == null ? "btree" : am.text("amname")).append(" (");
        for (int i = 0; i < keys.size(); i++) {
            if (i == keyCount) {
                b.append(") INCLUDE (");
            } else if (i > 0) {
                b.append(", ");
            }
            b.append(keyText.get(i));
            int option = i < options.size() && i < keyCount ? options.get(i) : 0;
            boolean desc = (option & 1) != 0;
            boolean nullsFirst = (option & 2) != 0;
            if (desc) {
                b.append(" DESC");
                if (!nullsFirst) {
                    b.append(" NULLS LAST");
                }
            } else if (nullsFirst) {
                b.append(" NULLS FIRST");
            }
        }
        b.append(')');
        Object pred = index.get("indpred");
        if (pred != null) {
            b.append(" WHERE ").append(StoredExpressions.deparse(ctx, pred.toString(), table, pretty));
        }
        return b.toString();
    }

    /** pg_get_constraintdef(constraint, pretty): the constraint's clause as ALTER TABLE ADD would take it. */
    static String constraintDef(EvalContext ctx, long oid, boolean pretty) {
        RelationCache cache = ctx.db() != null && ctx.db().catalog() instanceof RelationCache rc ? rc : null;
        CatalogRow con = first(cache, CatalogDefinitions.PG_CONSTRAINT, r -> r.oid("oid") == (int) oid);
        if (con == null) {
            return null;
        }
        int table = con.oid("conrelid");
        StringBuilder b = new StringBuilder();
        switch (con.character("contype")) {
            case 'p' -> b.append("PRIMARY KEY (").append(columns(cache, table, con.list("conkey"))).append(')')
                    .append(included(cache, table, con.oid("conindid")));
            case 'u' -> b.append("UNIQUE (").append(columns(cache, table, con.list("conkey"))).append(')')
                    .append(included(cache, table, con.oid("conindid")));
            case 'c' -> {
                org.tusk.sql.catalog.Domains.Domain domain = con.oid("contypid") == 0 || cache == null ? null
                        : org.tusk.sql.catalog.Domains.byOid(cache, con.oid("contypid"));
                b.append(domain != null ? DomainValues.checkText(ctx, con.text("conbin"), domain, pretty)
                        : StoredExpressions.check(ctx, con.text("conbin"), table, pretty));
            }
            case 'f' -> {
                int referenced = con.oid("confrelid");
                b.append("FOREIGN KEY (").append(columns(cache, table, con.list("conkey"))).append(") REFERENCES ")
                        .append(relationName(cache, referenced)).append('(')
                        .append(columns(cache, referenced, con.list("confkey"))).append(')');
                if (con.character("confmatchtype") == 'f') {
                    b.append(" MATCH FULL");
                }
                b.append(action(" ON UPDATE ", con.character("confupdtype")));
                b.append(action(" ON DELETE ", con.character("confdeltype")));
            }
            default -> {
                return null;
            }
        }
        if (con.bool("condeferrable")) {
            b.append(" DEFERRABLE");
        }
        if (con.bool("condeferred")) {
            b.append(" INITIALLY DEFERRED");
        }
        if (!con.bool("convalidated")) {
            b.append(" NOT VALID");
        }
        return b.toString();
    }

    /** " INCLUDE (b, c)" for a key constraint whose index has INCLUDE columns, else "". */
    private static String included(RelationCache cache, int table, int index) {
        CatalogRow row = first(cache, CatalogDefinitions.PG_INDEX, r -> r.oid("indexrelid") == index);
        if (row == null || row.int2("indnkeyatts") == row.int2("indnatts")) {
            return "";
        }
        List<Integer> keys = numbers(row.list("indkey"));
        return " INCLUDE (" + columns(cache, table, keys.subList(row.int2("indnkeyatts"), keys.size())) + ")";
    }

    private static String action(String clause, char code) {
        return switch (code) {
            case 'r' -> clause + "RESTRICT";
            case 'c' -> clause + "CASCADE";
            case 'n' -> clause + "SET NULL";
            case 'd' -> clause + "SET DEFAULT";
            default -> "";
        };
    }

    private static String columns(RelationCache cache, int relation, List<?> attnums) {
        List<String> names = new ArrayList<>();
        for (int n : numbers(attnums)) {
            names.add(columnName(cache, relation, n));
        }
        return String.join(", ", names);
    }
}

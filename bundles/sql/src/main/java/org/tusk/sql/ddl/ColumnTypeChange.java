package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.*;

import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.lexer.Lexer;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.CheckDef;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.schema.StorageValues;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.EnumLabels;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeCatalog;

/**
 * ALTER TABLE ... ALTER COLUMN c TYPE t [USING expr], as tablecmds.c's ATPrepAlterColumnType and
 * ATExecAlterColumnType do it: the conversion (the USING expression, else the column itself) must reach
 * the new type by an implicit or assignment cast; the column's default must too; a view that uses the
 * column refuses the change. The column's pg_attribute row (and its indexes' key rows) take the new type,
 * its statistics go, and the table is rewritten through the conversion ({@link Rewrite}, which rebuilds
 * the indexes with the new key types in the same transaction, so a crash leaves the old files). CHECK
 * constraints are checked again on the converted rows.
 */
final class ColumnTypeChange {

    private ColumnTypeChange() {
    }

    /**
     * The checks PostgreSQL makes in its preparation pass, before any action of the statement runs: the
     * column and the type exist and the conversion casts to it.
     */
    static void prepare(DdlContext ctx, Relation table, DdlCommand.AlterColumnType a) {
        conversion(ctx, table, column(table, a), a, new RowSlot(table.name()));
    }

    private static Column column(Relation table, DdlCommand.AlterColumnType a) {
        return AlterTableCommand.column(table, a.column());
    }

    static void run(DdlContext ctx, Relation table, DdlCommand.AlterColumnType a) {
        Column col = column(table, a);
        RowSlot slot = new RowSlot(table.name());
        Expression convert = conversion(ctx, table, col, a, slot);
        TypeCatalog.Resolved type = resolve(ctx, a);
        refuseViews(ctx, table, col);
        checkDefault(ctx, col, type.type());
        Integer collation = a.collation() == null ? null : collation(ctx, a.collation());

        CatalogRow attribute = ctx.tables.first(PG_ATTRIBUTE, r -> r.oid("attrelid") == table.oid()
                && r.int2("attnum") == col.number());
        ctx.tables.update(collated(CatalogWriter.typed(attribute, type.type(), type.typmod()), collation));
        for (IndexDef i : table.indexes()) {
            if ((!i.expressions().isEmpty() || i.predicate() != null)
                    && IndexExpressionColumns.dependsOn(ctx, table, i, col)) {
                throw new SqlException("0A000", "ALTER COLUMN TYPE of a column that index \"" + i.name()
                        + "\" computes from is not supported yet");
            }
            for (int k = 0; k < i.columns().size(); k++) {
                if (i.columns().get(k) == col.number()) {
                    retypeIndexKey(ctx, i.oid(), k, type, collation);
                }
            }
        }
        ctx.tables.deleteWhere(PG_STATISTIC, r -> r.oid("starelid") == table.oid()
                && r.int2("staattnum") == col.number());
        if (col.identity() != '\0') {
            retypeIdentitySequence(ctx, table, col, type.type());
        }
        ctx.changed();

        int position = table.columns().indexOf(col);
        List<Column> before = table.columns();
        Rewrite.table(ctx, table, values -> {
            slot.set(StorageValues.rowFromStorage(before, values));
            Object[] out = values.clone();
            try {
                out[position] = StorageValues.toStorage(type.type(), convert.eval(ctx.session));
            } catch (SqlException e) {
                throw withoutPosition(e); // a row's value fails, not a place in the statement
            }
            return out;
        });
        Relation after = ctx.relation(table.oid());
        for (CheckDef check : after.checks()) {
            Validation.checkRows(ctx, after, check.name(), Parser.parseExpression(check.sql()));
        }
    }

    /**
     * The conversion of one row's value, analysed over the table's row in {@code slot}: 42804 when no
     * implicit or assignment cast reaches the new type, with PostgreSQL's two hints.
     */
    private static Expression conversion(DdlContext ctx, Relation table, Column col, DdlCommand.AlterColumnType a,
            RowSlot slot) {
        TypeCatalog.Resolved type = resolve(ctx, a);
        SqlType t = type.type();
        if (t == SqlType.UNKNOWN || t == SqlType.VOID || t == SqlType.RECORD) {
            throw new SqlException("42P16", "column \"" + col.name() + "\" has pseudo-type " + t.internalName());
        }
        if (col.identity() != '\0' && t != SqlType.INT2 && t != SqlType.INT4 && t != SqlType.INT8) {
            throw new SqlException("22023", "identity column type must be smallint, integer, or bigint");
        }
        List<Column> columns = table.columns();
        Analyzer analyzer = Validation.rowAnalyzer(ctx, table, slot);
        Expression x = a.using() == null
                ? new Expression.Var(slot, columns.indexOf(col), col.type(), col.typmod(), col.name())
                : transform(analyzer, a.using());
        Casts.Context context = Casts.context(x.type(), t);
        if (EnumLabels.isEnum(t) && x.type() == t && x.typmod() != type.typmod()) {
            context = null; // another enum: no cast
        }
        String typeName = EnumLabels.typeName(t, type.typmod());
        if (context == null || context == Casts.Context.EXPLICIT) {
            if (a.using() == null) {
                throw new SqlException(ErrorFields.of("ERROR", "42804", "column \"" + col.name()
                        + "\" cannot be cast automatically to type " + typeName)
                        .hint("You might need to specify \"USING "
                                + org.tusk.sql.lexer.Keywords.quoteIdentifier(col.name()) + "::"
                                + (EnumLabels.isEnum(t) ? typeName : t.displayName(type.typmod())) + "\".").build());
            }
            throw new SqlException(ErrorFields.of("ERROR", "42804", "result of USING clause for column \""
                    + col.name() + "\" cannot be cast automatically to type " + typeName)
                    .hint("You might need to add an explicit cast.").build());
        }
        try {
            return analyzer.coerceTo(x, t, type.typmod());
        } catch (SqlException e) {
            throw withoutPosition(e); // PostgreSQL converts a USING literal without the statement's text
        }
    }

    /**
     * The USING expression analysed. The analyzer here has no subquery or aggregate support to offer; what
     * it refuses is refused with the words PostgreSQL uses for a transform expression, at the same place.
     */
    private static Expression transform(Analyzer analyzer, DdlCommand.ExprText using) {
        try {
            return analyzer.transform(using.expr());
        } catch (SqlException e) {
            String position = e.fields().get(ErrorFields.POSITION);
            int at = position == null ? 0 : Integer.parseInt(position);
            if (e.fields().message().equals("subqueries are not supported here")) {
                throw SqlException.at("0A000", "cannot use subquery in transform expression", at);
            }
            if (e.fields().message().equals("aggregate functions are not supported yet")) {
                throw SqlException.at("42803", "aggregate functions are not allowed in transform expressions", at);
            }
            throw e;
        }
    }

    /** The new type; PostgreSQL names an unknown one without pointing at it. */
    private static TypeCatalog.Resolved resolve(DdlContext ctx, DdlCommand.AlterColumnType a) {
        try {
            TypeCatalog.Resolved enumType = CreateTableCommand.enumType(ctx, a.type());
            return enumType != null ? enumType : TypeCatalog.resolve(a.type());
        } catch (SqlException e) {
            throw withoutPosition(e);
        }
    }

    private static SqlException withoutPosition(SqlException e) {
        ErrorFields.Builder b = ErrorFields.builder();
        e.fields().asMap().forEach((code, value) -> {
            if (code != ErrorFields.POSITION) {
                b.set(code, value);
            }
        });
        return new SqlException(b.build());
    }

    /** The OID of collation {@code name} (one CollateClause accepted), from pg_collation. */
    private static int collation(DdlContext ctx, String name) {
        CatalogRow row = ctx.tables.first(PG_COLLATION, r -> r.text("collname").equals(name));
        return row == null ? org.tusk.sql.catalog.CatalogOids.DEFAULT_COLLATION_OID : row.oid("oid");
    }

    /** The row with COLLATE's collation, when given, on a type that has one. */
    private static CatalogRow collated(CatalogRow attribute, Integer collation) {
        if (collation == null || attribute.oid("attcollation") == 0) {
            return attribute;
        }
        return attribute.set("attcollation", collation);
    }

    /** 42804 if the column's default does not convert to the new type by an implicit or assignment cast. */
    private static void checkDefault(DdlContext ctx, Column col, SqlType t) {
        if (col.defaultSql() == null) {
            return;
        }
        Expression d = new Analyzer(ctx.session).transform(Parser.parseExpression(col.defaultSql()));
        // The default is stored as written; a bare literal ('5') was cooked to the column's old type.
        SqlType from = d.type() == SqlType.UNKNOWN ? col.type() : d.type();
        Casts.Context context = Casts.context(from, t);
        if (context == null || context == Casts.Context.EXPLICIT) {
            throw new SqlException("42804", "default for column \"" + col.name()
                    + "\" cannot be cast automatically to type " + t.displayName());
        }
    }

    /**
     * 0A000 if a view uses the column. Views depend on whole tables here (pg_depend without the column),
     * so a view whose stored query names the column as an identifier counts as using it.
     */
    private static void refuseViews(DdlContext ctx, Relation table, Column col) {
        for (CatalogRow d : ctx.tables.rows(PG_DEPEND, d -> d.oid("refobjid") == table.oid()
                && d.oid("classid") == org.tusk.sql.catalog.CatalogOids.PG_CLASS && d.character("deptype") == 'n')) {
            CatalogRow view = ctx.cache.classRow(d.oid("objid"));
            if (view == null || view.character("relkind") != 'v') {
                continue;
            }
            Relation v = ctx.relation(view.oid("oid"));
            if (v.viewQuery() != null && names(v.viewQuery(), col.name())) {
                throw new SqlException(ErrorFields.of("ERROR", "0A000",
                        "cannot alter type of a column used by a view or rule")
                        .detail("rule _RETURN on view " + v.name() + " depends on column \"" + col.name() + "\"")
                        .build());
            }
        }
    }

    /** Whether {@code sql} (a stored expression or query) has {@code name} as an identifier token. */
    static boolean names(String sql, String name) {
        Lexer lexer = new Lexer(sql, true);
        for (Token t = lexer.next(); t.kind() != TokenKind.EOF; t = lexer.next()) {
            if (t.kind() == TokenKind.IDENT && t.text().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An identity column's sequence takes the new type, as PostgreSQL's ALTER SEQUENCE ... AS does for it:
     * a limit that was the old type's own becomes the new type's (a serial's sequence is left alone).
     */
    private static void retypeIdentitySequence(DdlContext ctx, Relation table, Column col, SqlType type) {
        for (CatalogRow d : ctx.tables.rows(PG_DEPEND, d -> d.oid("refobjid") == table.oid()
                && d.int4("refobjsubid") == col.number() && d.oid("classid") == org.tusk.sql.catalog.CatalogOids.PG_CLASS
                && d.oid("refclassid") == org.tusk.sql.catalog.CatalogOids.PG_CLASS)) {
            CatalogRow seq = ctx.tables.first(PG_SEQUENCE, r -> r.oid("seqrelid") == d.oid("objid"));
            if (seq == null) {
                continue;
            }
            SqlType old = SqlType.byOid(seq.oid("seqtypid"));
            long max = (Long) seq.get("seqmax") == maximum(old) ? maximum(type) : (Long) seq.get("seqmax");
            long min = (Long) seq.get("seqmin") == -maximum(old) - 1 ? -maximum(type) - 1 : (Long) seq.get("seqmin");
            ctx.tables.update(seq.set("seqtypid", type.oid()).set("seqmax", max).set("seqmin", min));
        }
    }

    private static long maximum(SqlType t) {
        return t == SqlType.INT2 ? Short.MAX_VALUE : t == SqlType.INT4 ? Integer.MAX_VALUE : Long.MAX_VALUE;
    }

    /** Key {@code k} of index {@code index} takes the new type: its pg_attribute row and pg_index opclass. */
    private static void retypeIndexKey(DdlContext ctx, int index, int k, TypeCatalog.Resolved type,
            Integer collation) {
        CatalogRow key = ctx.tables.first(PG_ATTRIBUTE, r -> r.oid("attrelid") == index && r.int2("attnum") == k + 1);
        if (key != null) {
            key = collated(CatalogWriter.typed(key, type.type(), type.typmod()), collation);
            ctx.tables.update(key);
        }
        CatalogRow row = ctx.tables.first(PG_INDEX, r -> r.oid("indexrelid") == index);
        if (k >= row.int2("indnkeyatts")) {
            return; // an INCLUDE column has no collation or operator class in pg_index
        }
        row = CatalogWriter.retypedKey(row, k, type.type());
        if (key != null && key.oid("attcollation") != 0) {
            java.util.List<Object> collations = new java.util.ArrayList<>(row.list("indcollation"));
            collations.set(k, (long) key.oid("attcollation"));
            row = row.set("indcollation", collations);
        }
        ctx.tables.update(row);
    }
}

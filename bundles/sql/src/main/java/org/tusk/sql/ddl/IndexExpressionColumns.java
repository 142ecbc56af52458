package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_INDEX;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ArrayFormats;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.dml.IndexKeys;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.lexer.Lexer;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;

/**
 * How column DDL reaches an index's expressions and predicate, which are kept as SQL text naming columns
 * (PostgreSQL keeps attnums in a node tree and so needs none of this): which columns an index depends on
 * (DROP COLUMN drops it, as its pg_depend rows would), and RENAME COLUMN rewriting the names in the text.
 */
final class IndexExpressionColumns {

    private IndexExpressionColumns() {
    }

    /** Whether index {@code i} of {@code table} depends on {@code col}: as a key, an INCLUDE column, or read. */
    static boolean dependsOn(DdlContext ctx, Relation table, IndexDef i, Column col) {
        if (i.columns().contains(col.number())) {
            return true;
        }
        if (i.expressions().isEmpty() && i.predicate() == null) {
            return false;
        }
        return IndexKeys.of(table, i, ctx.session).columnsRead()[table.columns().indexOf(col)];
    }

    /** RENAME COLUMN: the table's index expressions and predicates name the column by its new name. */
    static void rename(DdlContext ctx, int table, String from, String to) {
        for (CatalogRow r : ctx.tables.rows(PG_INDEX, x -> x.oid("indrelid") == table
                && (x.get("indexprs") != null || x.get("indpred") != null))) {
            CatalogRow changed = r;
            if (r.get("indexprs") != null) {
                List<String> renamed = new ArrayList<>();
                for (String e : ArrayFormats.parse(r.get("indexprs").toString()).elements()) {
                    renamed.add(rename(e, from, to));
                }
                changed = changed.set("indexprs", ArrayFormats.format(ArrayFormats.TextArray.of(renamed)));
            }
            if (r.get("indpred") != null) {
                changed = changed.set("indpred", rename(r.get("indpred").toString(), from, to));
            }
            ctx.tables.update(changed);
        }
    }

    /** {@code sql} with each identifier token {@code from} replaced by {@code to} (quoted as needed). */
    static String rename(String sql, String from, String to) {
        List<Token> tokens = new ArrayList<>();
        Lexer lexer = new Lexer(sql, true);
        for (Token t = lexer.next(); t.kind() != TokenKind.EOF; t = lexer.next()) {
            tokens.add(t);
        }
        List<Token> hits = new ArrayList<>();
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            boolean call = k + 1 < tokens.size() && tokens.get(k + 1).kind() == TokenKind.LPAREN;
            if (t.kind() == TokenKind.IDENT && t.text().equals(from) && !call) {
                hits.add(t);
            }
        }
        StringBuilder b = new StringBuilder(sql);
        for (Token t : hits.reversed()) {
            int start = sql.offsetByCodePoints(0, t.position() - 1);
            b.replace(start, start + t.raw().length(), Keywords.quoteIdentifier(to));
        }
        return b.toString();
    }
}

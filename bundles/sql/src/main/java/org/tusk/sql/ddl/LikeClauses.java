package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.*;

import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.ColumnDef;
import org.tusk.sql.ast.DdlCommand.ExprText;
import org.tusk.sql.ast.DdlCommand.LikeClause;
import org.tusk.sql.ast.DdlCommand.TableConstraint;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;

/**
 * CREATE TABLE's {@code LIKE source [INCLUDING ...]}, as parse_utilcmd.c's transformTableLikeClause: the
 * source's columns (names, types, NOT NULL, collations) are spliced into the statement where LIKE stood,
 * so that the ordinary CREATE TABLE path makes them; DEFAULTS, IDENTITY and CONSTRAINTS (CHECK, names
 * kept) ride on the column definitions and table constraints; INDEXES become PRIMARY KEY/UNIQUE
 * constraints and, once the table exists, plain indexes, all named afresh for the new table; STORAGE and
 * COMMENTS (column comments) are copied onto the new table's rows afterwards.
 */
final class LikeClauses {

    /** What is copied once the table exists, for one LIKE. */
    private record After(LikeClause like, Relation source, int firstColumn) {
    }

    private final List<After> after = new ArrayList<>();

    /** The statement with every LIKE replaced by what it copies. */
    DdlCommand.CreateTable expand(DdlContext ctx, DdlCommand.CreateTable c) {
        if (c.likes().isEmpty()) {
            return c;
        }
        List<ColumnDef> columns = new ArrayList<>();
        List<TableConstraint> constraints = new ArrayList<>();
        int next = 0;
        for (LikeClause like : c.likes()) {
            while (next < like.at()) {
                columns.add(c.columns().get(next++));
            }
            Relation source = source(ctx, like);
            after.add(new After(like, source, columns.size() + 1));
            for (Column col : source.columns()) {
                columns.add(column(col, like));
            }
            constraints.addAll(constraints(ctx, source, like));
        }
        while (next < c.columns().size()) {
            columns.add(c.columns().get(next++));
        }
        constraints.addAll(c.constraints());
        return new DdlCommand.CreateTable(c.name(), c.ifNotExists(), columns, constraints, c.options());
    }

    /** The LIKE source, locked as PostgreSQL locks it (ACCESS SHARE), after the kind and privilege checks. */
    private static Relation source(DdlContext ctx, LikeClause like) {
        Integer oid = ctx.relationOid(like.source());
        if (oid == null) {
            throw SqlException.at("42P01", "relation \"" + like.source() + "\" does not exist", like.position());
        }
        ctx.lock(oid, RelationLockMode.ACCESS_SHARE);
        Relation r = ctx.relation(oid);
        if (r.kind() != 'r' && r.kind() != 'v' && r.kind() != 'c' && r.kind() != 'm' && r.kind() != 'p') {
            String what = switch (r.kind()) {
                case 'S' -> "sequences";
                case 'i', 'I' -> "indexes";
                default -> "this kind of relation";
            };
            throw new SqlException(ErrorFields.of("ERROR", "42809", "relation \"" + r.name()
                    + "\" is invalid in LIKE clause").detail("This operation is not supported for " + what + ".")
                    .position(like.position()).build());
        }
        if (r.kind() != 'c') {
            org.tusk.sql.roles.Privileges.check(ctx.session, r, org.tusk.sql.roles.Acl.SELECT);
        }
        return r;
    }

    /** One source column as a column definition of the new table. */
    private static ColumnDef column(Column col, LikeClause like) {
        Expr.TypeCast cast = (Expr.TypeCast) Parser.parseExpression("NULL::" + (col.rowType() != null
                ? "\"" + col.rowType().name().replace("\"", "\"\"") + "\"" + (col.type().isArray() ? "[]" : "")
                : col.type().displayName(col.typmod())));
        char identity = like.including(LikeClause.IDENTITY) ? col.identity() : '\0';
        ExprText value = null;
        if (like.including(LikeClause.DEFAULTS) && col.defaultSql() != null && col.identity() == '\0') {
            value = new ExprText(Parser.parseExpression(col.defaultSql()), col.defaultSql(), 0);
        }
        return new ColumnDef(col.name(), cast.type(), value, col.notNull() ? Boolean.TRUE : null, identity,
                List.of(), 0);
    }

    /** CHECK constraints (INCLUDING CONSTRAINTS) and the key constraints of INCLUDING INDEXES. */
    private static List<TableConstraint> constraints(DdlContext ctx, Relation source, LikeClause like) {
        List<TableConstraint> result = new ArrayList<>();
        for (CatalogRow k : ctx.tables.rows(PG_CONSTRAINT, r -> r.oid("conrelid") == source.oid())) {
            char type = k.character("contype");
            if (type == 'c' && like.including(LikeClause.CONSTRAINTS)) {
                String sql = k.text("conbin");
                result.add(new TableConstraint(k.text("conname"), 'c', List.of(),
                        new ExprText(Parser.parseExpression(sql), sql, 0), null, List.of(), 'a', 'a', 0));
            } else if ((type == 'p' || type == 'u') && like.including(LikeClause.INDEXES)) {
                List<String> names = new ArrayList<>();
                for (Object n : k.list("conkey")) {
                    names.add(name(source, ((Number) n).intValue()));
                }
                result.add(new TableConstraint(null, type, names, null, null, List.of(), 'a', 'a', 0)
                        .deferral(k.bool("condeferrable"), k.bool("condeferred")));
            }
        }
        return result;
    }

    private static String name(Relation r, int attnum) {
        return r.columns().stream().filter(c -> c.number() == attnum).findFirst().orElseThrow().name();
    }

    /** The copies made once the new table {@code oid} exists: plain indexes, collations, storage, comments. */
    void finish(DdlContext ctx, int oid) {
        for (After a : after) {
            Relation table = ctx.relation(oid);
            if (a.like.including(LikeClause.INDEXES)) {
                indexes(ctx, table, a.source);
            }
            for (int i = 0; i < a.source.columns().size(); i++) {
                Column from = a.source.columns().get(i);
                int attnum = a.firstColumn + i;
                CatalogRow src = ctx.tables.first(PG_ATTRIBUTE, r -> r.oid("attrelid") == a.source.oid()
                        && r.int2("attnum") == from.number());
                CatalogRow dst = ctx.tables.first(PG_ATTRIBUTE, r -> r.oid("attrelid") == oid
                        && r.int2("attnum") == attnum);
                CatalogRow changed = dst.set("attcollation", src.oid("attcollation"));
                if (a.like.including(LikeClause.STORAGE)) {
                    changed = changed.set("attstorage", src.character("attstorage"));
                }
                ctx.tables.update(changed);
                if (a.like.including(LikeClause.COMMENTS)) {
                    for (CatalogRow d : ctx.tables.rows(PG_DESCRIPTION, r -> r.oid("objoid") == a.source.oid()
                            && r.oid("classoid") == CatalogOids.PG_CLASS && r.int4("objsubid") == from.number())) {
                        ctx.tables.insert(CatalogRow.create(PG_DESCRIPTION).set("objoid", oid)
                                .set("classoid", CatalogOids.PG_CLASS).set("objsubid", attnum)
                                .set("description", d.text("description")));
                    }
                }
            }
            ctx.changed();
        }
    }

    /** The source's indexes that back no constraint, rebuilt on the new table under names of its own. */
    private static void indexes(DdlContext ctx, Relation table, Relation source) {
        // In creation (OID) order, as PostgreSQL's RelationGetIndexList: the generated names depend on it.
        for (IndexDef i : source.indexes().stream().sorted(java.util.Comparator.comparingInt(IndexDef::oid))
                .toList()) {
            if (ctx.tables.first(PG_CONSTRAINT, r -> r.oid("conindid") == i.oid()
                    && r.oid("conrelid") == source.oid()) != null) {
                continue;
            }
            List<DdlCommand.IndexKey> keys = new ArrayList<>();
            List<DdlCommand.IndexKey> include = new ArrayList<>();
            int e = 0;
            for (int k = 0; k < i.columns().size(); k++) {
                if (k >= i.keyCount()) {
                    include.add(new DdlCommand.IndexKey(name(source, i.columns().get(k)), false, null, 0));
                    continue;
                }
                var key = i.shape().keys().get(k);
                if (i.columns().get(k) == 0) {
                    String sql = i.expressions().get(e++);
                    keys.add(new DdlCommand.IndexKey(null, new DdlCommand.ExprText(
                            org.tusk.sql.parser.Parser.parseExpression(sql), sql, 0), key.descending(),
                            key.nullsFirst(), 0));
                } else {
                    keys.add(new DdlCommand.IndexKey(name(source, i.columns().get(k)), key.descending(),
                            key.nullsFirst(), 0));
                }
            }
            DdlCommand.ExprText where = i.predicate() == null ? null : new DdlCommand.ExprText(
                    org.tusk.sql.parser.Parser.parseExpression(i.predicate()), i.predicate(), 0);
            CreateIndexCommand.run(ctx, new DdlCommand.CreateIndex(null, new DdlCommand.QualifiedName(
                    table.schema(), table.name(), 0), i.unique(), false, keys, include, where));
        }
    }
}

package org.tusk.sql.dml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Query;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.trigger.TriggerFiring;
import org.tusk.sql.trigger.TriggerType;

/**
 * pg_relation_is_updatable and pg_column_is_updatable (relation_is_updatable in rewriteHandler.c): which of
 * INSERT, UPDATE and DELETE a relation takes, as the bits {@code 1 << CMD_UPDATE} (4), {@code 1 << CMD_INSERT}
 * (8) and {@code 1 << CMD_DELETE} (16). A table takes all three; a view those its INSTEAD OF triggers handle
 * (when asked to count them), plus, when it is automatically updatable, DELETE, and INSERT and UPDATE if some
 * of the columns asked about are plain columns of its relation, limited by what that relation takes for them.
 * Column analysis is by name, as the view's query wrote them: no analysis with a session is needed here.
 */
public final class ViewUpdatability {
    private static final int UPDATE = 1 << 2;
    private static final int INSERT = 1 << 3;
    private static final int DELETE = 1 << 4;
    private static final int ALL = UPDATE | INSERT | DELETE;

    private ViewUpdatability() {
    }

    /** pg_relation_is_updatable(oid, include_triggers). */
    public static int relation(Catalog catalog, int oid, boolean triggers) {
        return events(catalog, oid, triggers, null, new ArrayList<>());
    }

    /** pg_column_is_updatable(oid, attnum, include_triggers): UPDATE and DELETE both needed. */
    public static boolean column(Catalog catalog, int oid, int attnum, boolean triggers) {
        if (attnum <= 0) {
            return false;
        }
        int events = events(catalog, oid, triggers, Set.of(attnum - 1), new ArrayList<>());
        return (events & (UPDATE | DELETE)) == (UPDATE | DELETE);
    }

    /** @param columns the 0-based columns asked about, null for all */
    private static int events(Catalog catalog, int oid, boolean triggers, Set<Integer> columns, List<Integer> outer) {
        Relation r = catalog == null ? null : catalog.relation(oid);
        if (r == null || outer.contains(oid)) {
            return 0;
        }
        if (r.kind() == 'r' || r.kind() == 'p') {
            return ALL;
        }
        int events = 0;
        if (triggers && r.kind() == 'v') {
            events |= TriggerFiring.hasInsteadOf(catalog, r, TriggerType.INSERT) ? INSERT : 0;
            events |= TriggerFiring.hasInsteadOf(catalog, r, TriggerType.UPDATE) ? UPDATE : 0;
            events |= TriggerFiring.hasInsteadOf(catalog, r, TriggerType.DELETE) ? DELETE : 0;
        }
        if (events == ALL || r.kind() != 'v' || r.viewQuery() == null) {
            return events;
        }
        Shape shape = shape(catalog, r);
        if (shape == null) {
            return events;
        }
        Relation base = shape.base();
        List<Integer> mapped = shape.mapped();
        Set<Integer> updatable = new HashSet<>();
        for (int i = 0; i < Math.min(mapped.size(), r.columns().size()); i++) {
            if (mapped.get(i) >= 0 && (columns == null || columns.contains(i))) {
                updatable.add(i);
            }
        }
        int auto = updatable.isEmpty() ? DELETE : ALL;
        if (base.kind() == 'v') {
            Set<Integer> below = new HashSet<>();
            updatable.forEach(i -> below.add(mapped.get(i)));
            outer.add(oid);
            // An empty column set is a NULL Bitmapset in PostgreSQL: all columns.
            auto &= events(catalog, base.oid(), triggers, below.isEmpty() ? null : below, outer);
            outer.removeLast();
        }
        return events | auto;
    }

    /** An automatically updatable view's relation and, per view column, the base column it is (or -1). */
    private record Shape(Relation base, List<Integer> mapped) {
    }

    /** The key of a view's {@link Shape} in {@link Catalog#derived()}; the FROM name is looked up on the path. */
    private record ShapeKey(int oid, List<String> searchPath) {
    }

    /** A sentinel for "not automatically updatable" in the cache (null means not yet computed). */
    private static final Object NONE = new Object();

    /**
     * The view's shape, or null when it is not automatically updatable: parsing the view's query is by far
     * the dearest part, and catalog queries ask once per column, so the answer is kept with the catalog.
     */
    private static Shape shape(Catalog catalog, Relation r) {
        ShapeKey key = new ShapeKey(r.oid(), catalog.searchPath());
        Object known = catalog.derived().get(key);
        if (known == null) {
            known = analyze(catalog, r);
            catalog.derived().put(key, known == null ? NONE : known);
        }
        return known instanceof Shape s ? s : null;
    }

    private static Shape analyze(Catalog catalog, Relation r) {
        Query q = ViewQuery.unwrap(Parser.parse(r.viewQuery(), true), r);
        // A join is not updatable whatever else the query has: decided before reason()'s walk over the
        // whole query (most system views join, and their expressions are large).
        if (!(q.body() instanceof Query.SelectCore core) || core.from().size() != 1
                || !(core.from().getFirst() instanceof Query.TableRef) || ViewQuery.reason(q, catalog) != null) {
            return null;
        }
        Query.TableRef from = (Query.TableRef) core.from().getFirst();
        Relation base = ViewQuery.relationOf(from, catalog);
        if (base == null || "rpv".indexOf(base.kind()) < 0) {
            return null;
        }
        String ref = from.alias() != null ? from.alias().name() : base.name();
        List<Integer> mapped = new ArrayList<>();
        for (Statement.Target t : core.targets()) {
            if (t.expr() instanceof Expr.ColumnRef c && c.names().getLast().equals("*")) {
                for (int i = 0; i < base.columns().size(); i++) {
                    mapped.add(i);
                }
            } else if (t.expr() instanceof Expr.ColumnRef c && (c.names().size() == 1
                    || c.names().size() == 2 && c.names().getFirst().equals(ref))) {
                mapped.add(indexOf(base, c.names().getLast()));
            } else {
                mapped.add(-1);
            }
        }
        return new Shape(base, List.copyOf(mapped));
    }

    private static int indexOf(Relation r, String name) {
        for (int i = 0; i < r.columns().size(); i++) {
            if (r.columns().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}

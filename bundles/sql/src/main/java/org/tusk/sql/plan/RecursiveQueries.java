package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Query;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.exec.RecursiveUnion;
import org.tusk.sql.exec.WorkTable;
import org.tusk.sql.types.SqlType;

/**
 * A WITH RECURSIVE query that refers to itself (parse_cte.c's checks, then a RecursiveUnion): it must
 * be {@code non-recursive term UNION [ALL] recursive term}; the non-recursive term fixes the column
 * types, and the recursive term, in which the query's name reads the previous step's rows, must
 * produce the same types.
 */
final class RecursiveQueries {

    /** What the recursive term's reference to the query reads: the working table and its columns. */
    record Reference(WorkTable table, List<String> names, List<Planner.Column> columns) {
    }

    private RecursiveQueries() {
    }

    static Planner.Planned plan(Query.CommonTable cte, Map<String, Reference> workTables,
            Function<Query.Body, Planner.Planned> planTerm) {
        Query q = cte.query();
        if (!(q.body() instanceof Query.SetOperation union) || union.kind() != Query.SetOpKind.UNION) {
            throw SqlException.at("42P19", "recursive query \"" + cte.name()
                    + "\" does not have the form non-recursive-term UNION [ALL] recursive-term", cte.position());
        }
        if (!q.orderBy().isEmpty()) {
            throw SqlException.at("0A000", "ORDER BY in a recursive query is not implemented",
                    q.orderBy().getFirst().position());
        }
        if (q.offset() != null) {
            throw SqlException.at("0A000", "OFFSET in a recursive query is not implemented",
                    org.tusk.sql.eval.Locations.leftmost(q.offset()));
        }
        if (q.limit() != null) {
            throw SqlException.at("0A000", "LIMIT in a recursive query is not implemented",
                    org.tusk.sql.eval.Locations.leftmost(q.limit()));
        }
        int selfReference = reference(union.left(), cte.name());
        if (selfReference >= 0) {
            throw SqlException.at("42P19", "recursive reference to query \"" + cte.name()
                    + "\" must not appear within its non-recursive term", selfReference);
        }
        Planner.Planned left = planTerm.apply(union.left());
        List<Planner.Column> columns = new ArrayList<>();
        for (Planner.Column c : left.columns()) {
            SqlType t = c.type() == SqlType.UNKNOWN ? SqlType.TEXT : c.type();
            columns.add(new Planner.Column(c.name(), t, t == c.type() ? c.typmod() : -1, c.position()));
        }
        List<String> names = new ArrayList<>(cte.columns());
        for (int i = names.size(); i < columns.size(); i++) {
            names.add(columns.get(i).name());
        }
        WorkTable table = new WorkTable();
        workTables.put(cte.name(), new Reference(table, names.subList(0, columns.size()), columns));
        Planner.Planned right;
        try {
            right = planTerm.apply(union.right());
        } finally {
            workTables.remove(cte.name());
        }
        if (right.columns().size() != columns.size()) {
            int position = right.columns().isEmpty() ? -1 : right.columns().getFirst().position();
            throw SqlException.at("42601", "each UNION query must have the same number of columns",
                    position >= 0 ? position : union.right().position());
        }
        for (int i = 0; i < columns.size(); i++) {
            SqlType want = columns.get(i).type();
            Planner.Column r = right.columns().get(i);
            SqlType overall = Planner.commonType(want, r.type(), "UNION", r.position());
            if (overall != want) {
                throw new SqlException(ErrorFields.of("ERROR", "42804", "recursive query \"" + cte.name()
                        + "\" column " + (i + 1) + " has type " + want.displayName(columns.get(i).typmod())
                        + " in non-recursive term but type " + overall.displayName() + " overall")
                        .hint("Cast the output of the non-recursive term to the correct type.")
                        .position(left.columns().get(i).position()).build());
            }
        }
        RowSlot slot = new RowSlot("*SELECT*");
        RecursiveUnion node = new RecursiveUnion(Planner.castBranch(left, columns), Planner.castBranch(right, columns),
                table, union.all(), columns.stream().map(Planner.Column::type).toList(), slot);
        return new Planner.Planned(node, columns, left.correlated() || right.correlated());
    }

    /** Where {@code body}'s FROM clauses (joins and subqueries in FROM included) name {@code name}, or -1. */
    private static int reference(Query.Body body, String name) {
        return switch (body) {
            case Query.SelectCore c -> {
                for (Query.FromItem f : c.from()) {
                    int p = reference(f, name);
                    if (p >= 0) {
                        yield p;
                    }
                }
                yield -1;
            }
            case Query.SetOperation op -> {
                int p = reference(op.left(), name);
                yield p >= 0 ? p : reference(op.right(), name);
            }
            case Query.Nested n -> reference(n.query().body(), name);
            case Query.Values v -> -1;
        };
    }

    private static int reference(Query.FromItem item, String name) {
        return switch (item) {
            case Query.TableRef t -> t.names().equals(List.of(name)) ? t.position() : -1;
            case Query.SubqueryRef s -> reference(s.query().body(), name);
            case Query.FunctionRef f -> -1;
            case Query.Join j -> {
                int p = reference(j.left(), name);
                yield p >= 0 ? p : reference(j.right(), name);
            }
        };
    }
}

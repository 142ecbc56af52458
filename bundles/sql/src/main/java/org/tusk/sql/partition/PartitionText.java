package org.tusk.sql.partition;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.PartitionBound;
import org.tusk.sql.schema.PartitionKey;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.TypeContext;

/**
 * pg_get_partkeydef and pg_get_partition_constraintdef (ruleutils.c over partbounds.c's
 * get_qual_from_partbound): the key as PARTITION BY writes it, and a partition's bound as the condition
 * its rows meet, which psql's {@code \d} and {@code \d+} print.
 */
public final class PartitionText {

    private PartitionText() {
    }

    /** {@code RANGE (logdate)}, or null if {@code oid} is not a partitioned table. */
    public static String keyDefinition(Catalog catalog, int oid) {
        PartitionKey key = catalog.partitionKey(oid);
        Relation r = key == null ? null : catalog.relation(oid);
        if (r == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (int attnum : key.attnums()) {
            r.columns().stream().filter(c -> c.number() == attnum).findFirst()
                    .ifPresent(c -> names.add(Keywords.quoteIdentifier(c.name())));
        }
        return key.strategyName() + " (" + String.join(", ", names) + ")";
    }

    /** The partition constraint of partition {@code oid} (its own bound's), or null if it is not a partition. */
    public static String constraintDefinition(Catalog catalog, int oid, TypeContext ctx) {
        int parent = catalog.partitionParent(oid);
        PartitionBound bound = catalog.partitionBound(oid);
        Relation table = parent == 0 ? null : catalog.relation(parent);
        PartitionScheme scheme = table == null || bound == null ? null : PartitionScheme.of(catalog, table, ctx);
        if (scheme == null) {
            return null;
        }
        if (bound.strategy() == 'd') {
            return defaultConstraint(catalog, scheme, table);
        }
        return condition(scheme, bound, parent);
    }

    private static String condition(PartitionScheme scheme, PartitionBound bound, int parent) {
        List<Column> key = scheme.keyColumns();
        switch (bound.strategy()) {
            case 'h' -> {
                List<String> cols = key.stream().map(c -> Keywords.quoteIdentifier(c.name())).toList();
                return "satisfies_hash_partition('" + Integer.toUnsignedLong(parent) + "'::oid, " + bound.modulus()
                        + ", " + bound.remainder() + ", " + String.join(", ", cols) + ")";
            }
            case 'l' -> {
                return listCondition(key.getFirst(), bound.values());
            }
            default -> {
                List<String> parts = new ArrayList<>();
                for (Column c : key) {
                    parts.add("(" + Keywords.quoteIdentifier(c.name()) + " IS NOT NULL)");
                }
                if (key.size() == 1) {
                    String col = Keywords.quoteIdentifier(key.getFirst().name());
                    if (bound.lower().getFirst().kind() == 'v') {
                        parts.add("(" + col + " >= " + typed(bound.lower().getFirst(), key.getFirst()) + ")");
                    }
                    if (bound.upper().getFirst().kind() == 'v') {
                        parts.add("(" + col + " < " + typed(bound.upper().getFirst(), key.getFirst()) + ")");
                    }
                }
                return parts.size() == 1 ? parts.getFirst() : "(" + String.join(" AND ", parts) + ")";
            }
        }
    }

    /** {@code ((k IS NOT NULL) AND (k = ANY (ARRAY['a'::text, 'b'::text])))}, with NULL: {@code ((k IS NULL) OR ...)}. */
    private static String listCondition(Column column, List<PartitionBound.Datum> values) {
        String col = Keywords.quoteIdentifier(column.name());
        List<String> literals = new ArrayList<>();
        boolean nullable = false;
        for (PartitionBound.Datum d : values) {
            if (d.kind() == 'n') {
                nullable = true;
            } else {
                literals.add(typed(d, column));
            }
        }
        String in = literals.isEmpty() ? null : literals.size() == 1 ? "(" + col + " = " + literals.getFirst() + ")"
                : "(" + col + " = ANY (ARRAY[" + String.join(", ", literals) + "]))";
        if (nullable) {
            return in == null ? "(" + col + " IS NULL)" : "((" + col + " IS NULL) OR " + in + ")";
        }
        return "((" + col + " IS NOT NULL) AND " + in + ")";
    }

    /** The default partition's: no other partition's condition holds (one list of every value for LIST). */
    private static String defaultConstraint(Catalog catalog, PartitionScheme scheme, Relation table) {
        List<PartitionScheme.Member> members = scheme.members();
        if (members.isEmpty()) {
            return null;
        }
        if (scheme.key().strategy() == 'l') {
            List<PartitionBound.Datum> all = new ArrayList<>();
            for (PartitionScheme.Member m : members) {
                all.addAll(m.bound().values());
            }
            // The NULL, if one partition takes it, goes first (as IS NULL); the values follow in bound order.
            return "(NOT " + listCondition(scheme.keyColumns().getFirst(), all) + ")";
        }
        List<String> parts = new ArrayList<>();
        for (PartitionScheme.Member m : members) {
            parts.add(condition(scheme, m.bound(), table.oid()));
        }
        return "(NOT " + (parts.size() == 1 ? parts.getFirst() : "(" + String.join(" OR ", parts) + ")") + ")";
    }

    /** A bound value as get_const_expr prints it with its type: {@code '2024-01-01'::date}, {@code 10}. */
    private static String typed(PartitionBound.Datum d, Column column) {
        String literal = d.literal();
        return literal.startsWith("'") ? literal + "::" + column.type().displayName(column.typmod()) : literal;
    }
}

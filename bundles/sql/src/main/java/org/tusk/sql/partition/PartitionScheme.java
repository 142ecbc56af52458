package org.tusk.sql.partition;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.Ordering;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.PartitionBound;
import org.tusk.sql.schema.PartitionKey;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeContext;
import org.tusk.sql.types.TypeInput;

/**
 * A partitioned table's key and its partitions' bounds as values of the key columns' types (PostgreSQL's
 * PartitionDesc and PartitionBoundInfo): which partition a row belongs to, and whether a bound accepts a
 * key. Built from the catalogs for one statement; the catalogs are the only shared state.
 */
public final class PartitionScheme {
    /** MINVALUE and MAXVALUE in a range bound: below and above every value. */
    enum Infinity {
        MIN, MAX
    }

    /** One partition: its OID and its bound, with the bound's values parsed. */
    public record Member(int oid, PartitionBound bound, Object[] lower, Object[] upper, List<Object> values) {
    }

    private final Relation table;
    private final PartitionKey key;
    private final int[] positions;
    private final SqlType[] types;
    private final List<Member> members = new ArrayList<>();
    private int defaultPartition;

    private PartitionScheme(Relation table, PartitionKey key, TypeContext ctx, Catalog catalog) {
        this.table = table;
        this.key = key;
        positions = new int[key.attnums().size()];
        types = new SqlType[positions.length];
        for (int k = 0; k < positions.length; k++) {
            for (int i = 0; i < table.columns().size(); i++) {
                if (table.columns().get(i).number() == key.attnums().get(k)) {
                    positions[k] = i;
                    types[k] = table.columns().get(i).type();
                }
            }
        }
        for (int oid : catalog.partitions(table.oid())) {
            PartitionBound bound = catalog.partitionBound(oid);
            if (bound == null) {
                continue;
            }
            if (bound.strategy() == 'd') {
                defaultPartition = oid;
            } else {
                members.add(member(oid, bound, ctx));
            }
        }
        members.sort(this::boundOrder);
    }

    /**
     * The order of partitions in PostgreSQL's PartitionBoundInfo, which is also the order an Append scans them
     * in: ranges by lower bound, lists by their least value (a NULL-only list last), hash by modulus and
     * remainder.
     */
    private int boundOrder(Member a, Member b) {
        return switch (key.strategy()) {
            case 'r' -> compare(a.lower(), b.lower());
            case 'h' -> a.bound().modulus() != b.bound().modulus()
                    ? Integer.compare(a.bound().modulus(), b.bound().modulus())
                    : Integer.compare(a.bound().remainder(), b.bound().remainder());
            default -> {
                Object x = least(a.values());
                Object y = least(b.values());
                yield x == null ? (y == null ? 0 : 1) : y == null ? -1 : Ordering.compare(x, y, types[0]);
            }
        };
    }

    private Object least(List<Object> values) {
        Object out = null;
        for (Object v : values) {
            if (v != null && (out == null || Ordering.compare(v, out, types[0]) < 0)) {
                out = v;
            }
        }
        return out;
    }

    /**
     * Whether member {@code oid} (or the default partition) may hold rows whose key column {@code k} satisfies
     * {@code column op value} ({@code op} one of = &lt; &lt;= &gt; &gt;=, {@code value} of the column's type and
     * not null): false only when its bound rules that out, as partprune.c decides from the bounds alone.
     */
    public boolean mayContain(int oid, int k, String op, Object value) {
        if (oid == defaultPartition) {
            // The default partition holds what no other partition takes: an equality another partition
            // accepts excludes it; anything else may reach it.
            if (!op.equals("=") || positions.length != 1) {
                return true;
            }
            return route(new Object[] {value}) == oid;
        }
        Member m = null;
        for (Member x : members) {
            if (x.oid() == oid) {
                m = x;
            }
        }
        if (m == null) {
            return true;
        }
        switch (key.strategy()) {
            case 'h' -> {
                return !op.equals("=") || positions.length != 1 || accepts(m, new Object[] {value});
            }
            case 'l' -> {
                for (Object v : m.values()) {
                    if (v != null && holds(Ordering.compare(v, value, types[0]), op)) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                if (k != 0) {
                    return true; // later columns of a range key bound the rows only together with the first
                }
                Object lo = m.lower()[0];
                Object hi = m.upper()[0];
                int loCmp = infinite(lo) ? (lo == Infinity.MIN ? -1 : 1) : Ordering.compare(lo, value, types[0]);
                int hiCmp = infinite(hi) ? (hi == Infinity.MIN ? -1 : 1) : Ordering.compare(hi, value, types[0]);
                boolean multi = positions.length > 1;
                return switch (op) {
                    // With one key column the partition holds [lo, hi); with more, the first column's values
                    // run from lo to hi inclusive.
                    case "=" -> loCmp <= 0 && (multi ? hiCmp >= 0 : hiCmp > 0);
                    case "<" -> loCmp < 0;
                    case "<=" -> loCmp <= 0;
                    case ">" -> hiCmp > 0;
                    case ">=" -> multi ? hiCmp >= 0 : hiCmp > 0;
                    default -> true;
                };
            }
        }
    }

    /** Whether {@code cmp}, a comparison of a bound value with the condition's value, meets {@code op}. */
    private static boolean holds(int cmp, String op) {
        return switch (op) {
            case "=" -> cmp == 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            default -> true;
        };
    }

    /** The scheme of partitioned table {@code table}, or null if it is not one. */
    public static PartitionScheme of(Catalog catalog, Relation table, TypeContext ctx) {
        PartitionKey key = catalog == null ? null : catalog.partitionKey(table.oid());
        return key == null ? null : new PartitionScheme(table, key, ctx, catalog);
    }

    /** Whether a hash partition key column may be of this type. */
    public static boolean hashable(SqlType type) {
        return PartitionHash.supported(type);
    }

    public Relation table() {
        return table;
    }

    public PartitionKey key() {
        return key;
    }

    /** The key columns' types, in key order. */
    public SqlType[] types() {
        return types.clone();
    }

    /** The key columns' positions in a row of the table. */
    public int[] positions() {
        return positions.clone();
    }

    /** The key columns, in key order. */
    public List<Column> keyColumns() {
        List<Column> out = new ArrayList<>();
        for (int p : positions) {
            out.add(table.columns().get(p));
        }
        return out;
    }

    /** The partitions other than the default one. */
    public List<Member> members() {
        return List.copyOf(members);
    }

    /** Every partition's OID in bound order, the default one last: the order PostgreSQL scans and updates them in. */
    public List<Integer> partitionsInOrder() {
        List<Integer> out = new ArrayList<>();
        members.forEach(m -> out.add(m.oid()));
        if (defaultPartition != 0) {
            out.add(defaultPartition);
        }
        return out;
    }

    /** The default partition's OID, 0 if there is none. */
    public int defaultPartition() {
        return defaultPartition;
    }

    /** A bound's values parsed as the key's types. */
    public Member member(int oid, PartitionBound bound, TypeContext ctx) {
        return new Member(oid, bound, values(bound.lower(), ctx), values(bound.upper(), ctx),
                bound.strategy() == 'l' ? java.util.Arrays.asList(values(bound.values(), ctx)) : List.of());
    }

    private Object[] values(List<PartitionBound.Datum> datums, TypeContext ctx) {
        Object[] out = new Object[datums.size()];
        for (int i = 0; i < out.length; i++) {
            PartitionBound.Datum d = datums.get(i);
            out[i] = switch (d.kind()) {
                case '-' -> Infinity.MIN;
                case '+' -> Infinity.MAX;
                case 'n' -> null;
                default -> TypeInput.parse(types[key.strategy() == 'l' ? 0 : i], d.text(), ctx);
            };
        }
        return out;
    }

    /** The key of a row of the table (SQL values in column order). */
    public Object[] keyOf(Object[] row) {
        Object[] out = new Object[positions.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = row[positions[k]];
        }
        return out;
    }

    /** The partition a key belongs to (get_partition_for_tuple): a member's OID, the default's, or 0. */
    public int route(Object[] keyValues) {
        for (Member m : members) {
            if (accepts(m, keyValues)) {
                return m.oid();
            }
        }
        return defaultPartition;
    }

    /** Whether partition {@code oid} (a member or the default) would take a row with this key. */
    public boolean accepts(int oid, Object[] keyValues) {
        if (oid == defaultPartition) {
            return route(keyValues) == oid;
        }
        for (Member m : members) {
            if (m.oid() == oid) {
                return accepts(m, keyValues);
            }
        }
        return false;
    }

    /** Whether a member's bound holds a key. */
    public boolean accepts(Member m, Object[] keyValues) {
        switch (key.strategy()) {
            case 'l' -> {
                Object v = keyValues[0];
                for (Object x : m.values()) {
                    if (v == null ? x == null : x != null && Ordering.compare(v, x, types[0]) == 0) {
                        return true;
                    }
                }
                return false;
            }
            case 'h' -> {
                return PartitionHash.remainder(keyValues, types, m.bound().modulus()) == m.bound().remainder();
            }
            default -> {
                for (Object v : keyValues) {
                    if (v == null) {
                        return false; // only the default partition takes NULL in a range key
                    }
                }
                return compare(keyValues, m.lower()) >= 0 && compare(keyValues, m.upper()) < 0;
            }
        }
    }

    /**
     * Orders two range bounds or a key and a bound (partition_rbound_cmp): column by column, MINVALUE below
     * and MAXVALUE above every value; after an infinite datum the rest is not compared.
     */
    public int compare(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int ra = rank(a[i]);
            int rb = rank(b[i]);
            if (ra != rb) {
                return Integer.compare(ra, rb);
            }
            if (ra != 0) {
                return 0;
            }
            int c = Ordering.compare(a[i], b[i], types[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int rank(Object v) {
        return v == Infinity.MIN ? -1 : v == Infinity.MAX ? 1 : 0;
    }

    /** Whether a bound value is MINVALUE or MAXVALUE. */
    public static boolean infinite(Object v) {
        return v instanceof Infinity;
    }
}

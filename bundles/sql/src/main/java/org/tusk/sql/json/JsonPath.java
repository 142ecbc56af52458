package org.tusk.sql.json;

import java.math.BigDecimal;
import java.util.List;

/**
 * A parsed SQL/JSON path (a value of type jsonpath): its mode and its expression tree. A jsonpath value
 * is kept as its normalized text (what {@link #toString()} prints, jsonpath_out's spelling), so it
 * stores, compares and travels like text; functions parse it again through {@link JsonPathParser#parse},
 * which caches the last few paths a backend used.
 *
 * <p>The tree follows PostgreSQL's jsonpath items: a primary ({@code $}, {@code @}, {@code last}, a
 * variable, a literal, or a parenthesized expression) followed by accessors make a {@link Chain};
 * arithmetic, comparisons and the boolean connectives are {@link Binary}; predicates evaluate to
 * true, false or unknown.
 */
public record JsonPath(boolean strict, Item expr) {

    /** One node of a path expression. */
    public sealed interface Item {
    }

    /** {@code $}: the document the path is applied to. */
    public record Root() implements Item {
    }

    /** {@code @}: the item a filter is testing. */
    public record Current() implements Item {
    }

    /** {@code last}: the last subscript of the array being subscripted. */
    public record Last() implements Item {
    }

    /** {@code $name}: a member of the vars object. */
    public record Variable(String name) implements Item {
    }

    /** A string, number, true, false or null written in the path. */
    public record Literal(JsonValue value) implements Item {
    }

    /** {@code .key} or {@code ."key"}. */
    public record Key(String name) implements Item {
    }

    /** {@code .*}: every member value of an object. */
    public record AnyKey() implements Item {
    }

    /** {@code [*]}: every element of an array. */
    public record AnyArray() implements Item {
    }

    /** {@code [a, b to c, ...]}; {@code to} is null for a single subscript. */
    public record Subscript(Item from, Item to) {
    }

    /** {@code [subscripts]}. */
    public record Subscripts(List<Subscript> list) implements Item {
    }

    /** {@code .**} with levels {@code {first to last}}; {@link #LAST_LEVEL} stands for {@code last}. */
    public record Any(int first, int last) implements Item {
        public static final int LAST_LEVEL = Integer.MAX_VALUE;
    }

    /** An item method: {@code .type()}, {@code .size()}, ...; {@code argument} only for datetime's template. */
    public record Method(String name, String argument) implements Item {
    }

    /** {@code ?(predicate)}. */
    public record Filter(Item predicate) implements Item {
    }

    /** A primary with its accessors, applied left to right. */
    public record Chain(Item head, List<Item> accessors) implements Item {
    }

    /** The binary operators, with their spelling and their priority in jsonpath_out's parenthesizing. */
    public enum Op {
        OR("||", 0), AND("&&", 1), EQ("==", 2), NE("!=", 2), LT("<", 2), LE("<=", 2), GT(">", 2), GE(">=", 2),
        STARTS_WITH("starts with", 2), ADD("+", 3), SUB("-", 3), MUL("*", 4), DIV("/", 4), MOD("%", 4);

        final String text;
        final int priority;

        Op(String text, int priority) {
            this.text = text;
            this.priority = priority;
        }

        boolean comparison() {
            return priority == 2 && this != STARTS_WITH;
        }

        boolean arithmetic() {
            return priority >= 3;
        }
    }

    /** {@code left op right}. */
    public record Binary(Op op, Item left, Item right) implements Item {
    }

    /** Unary {@code +} or {@code -} applied to every item of its operand. */
    public record Unary(boolean minus, Item operand) implements Item {
    }

    /** {@code !(predicate)}. */
    public record Not(Item predicate) implements Item {
    }

    /** {@code (predicate) is unknown}. */
    public record IsUnknown(Item predicate) implements Item {
    }

    /** {@code exists (expression)}. */
    public record Exists(Item expression) implements Item {
    }

    /** {@code expression like_regex "pattern" [flag "flags"]}; flags in the order i, s, m, x, q. */
    public record LikeRegex(Item expression, String pattern, String flags) implements Item {
    }

    /** Whether the item is a predicate (true, false or unknown) rather than a sequence of items. */
    static boolean isPredicate(Item item) {
        return switch (item) {
            case Binary b -> !b.op().arithmetic();
            case Not n -> true;
            case IsUnknown u -> true;
            case Exists e -> true;
            case LikeRegex l -> true;
            default -> false;
        };
    }

    /** jsonpath_out's text: keys always quoted, binary operations parenthesized by priority. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (strict) {
            b.append("strict ");
        }
        print(b, expr, false, true);
        return b.toString();
    }

    private static int priority(Item item) {
        return switch (item) {
            case Binary b -> b.op().priority;
            case Unary u -> 5;
            case Chain c -> priority(c.head());
            default -> 6;
        };
    }

    private static void print(StringBuilder b, Item item, boolean inKey, boolean brackets) {
        switch (item) {
            case Root r -> b.append('$');
            case Current c -> b.append('@');
            case Last l -> b.append("last");
            case Variable v -> b.append('$').append(JsonWriter.quote(v.name()));
            case Literal l -> printLiteral(b, l.value());
            case Key k -> {
                if (inKey) {
                    b.append('.');
                }
                b.append(JsonWriter.quote(k.name()));
            }
            case AnyKey k -> {
                if (inKey) {
                    b.append('.');
                }
                b.append('*');
            }
            case AnyArray a -> b.append("[*]");
            case Subscripts s -> {
                b.append('[');
                for (int i = 0; i < s.list().size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    Subscript sub = s.list().get(i);
                    print(b, sub.from(), false, false);
                    if (sub.to() != null) {
                        b.append(" to ");
                        print(b, sub.to(), false, false);
                    }
                }
                b.append(']');
            }
            case Any a -> {
                if (inKey) {
                    b.append('.');
                }
                b.append("**");
                if (a.first() == a.last()) {
                    b.append('{').append(level(a.first())).append('}');
                } else if (a.first() != 0 || a.last() != Any.LAST_LEVEL) {
                    b.append('{').append(level(a.first())).append(" to ").append(level(a.last())).append('}');
                }
            }
            case Method m -> {
                b.append('.').append(m.name()).append('(');
                if (m.argument() != null) {
                    b.append(JsonWriter.quote(m.argument()));
                }
                b.append(')');
            }
            case Filter f -> {
                b.append("?(");
                print(b, f.predicate(), false, false);
                b.append(')');
            }
            case Chain c -> {
                print(b, c.head(), inKey, brackets);
                for (Item a : c.accessors()) {
                    print(b, a, true, true);
                }
            }
            case Binary bin -> {
                if (brackets) {
                    b.append('(');
                }
                print(b, bin.left(), false, priority(bin.left()) <= bin.op().priority);
                b.append(' ').append(bin.op().text).append(' ');
                print(b, bin.right(), false, priority(bin.right()) <= bin.op().priority);
                if (brackets) {
                    b.append(')');
                }
            }
            case Unary u -> {
                if (brackets) {
                    b.append('(');
                }
                b.append(u.minus() ? '-' : '+');
                print(b, u.operand(), false, priority(u.operand()) <= 5);
                if (brackets) {
                    b.append(')');
                }
            }
            case Not n -> {
                b.append("!(");
                print(b, n.predicate(), false, false);
                b.append(')');
            }
            case IsUnknown u -> {
                b.append('(');
                print(b, u.predicate(), false, false);
                b.append(") is unknown");
            }
            case Exists e -> {
                b.append("exists (");
                print(b, e.expression(), false, false);
                b.append(')');
            }
            case LikeRegex l -> {
                if (brackets) {
                    b.append('(');
                }
                print(b, l.expression(), false, priority(l.expression()) <= 6);
                b.append(" like_regex ").append(JsonWriter.quote(l.pattern()));
                if (!l.flags().isEmpty()) {
                    b.append(" flag \"").append(l.flags()).append('"');
                }
                if (brackets) {
                    b.append(')');
                }
            }
        }
    }

    private static String level(int level) {
        return level == Any.LAST_LEVEL ? "last" : Integer.toString(level);
    }

    private static void printLiteral(StringBuilder b, JsonValue v) {
        switch (v) {
            case JsonValue.Str s -> b.append(JsonWriter.quote(s.value()));
            case JsonValue.Num n -> b.append(plain(n.value()));
            case JsonValue.Bool x -> b.append(x.value());
            default -> b.append("null");
        }
    }

    /** numeric_out's spelling of a literal: plain digits, the written scale kept. */
    static String plain(BigDecimal v) {
        return v.toPlainString();
    }
}

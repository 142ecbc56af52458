package org.tusk.sql.schema;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.lexer.Lexer;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * A partition's bound (PostgreSQL's PartitionBoundSpec), with its values as their types' output text.
 * pg_class.relpartbound keeps it in the form pg_get_expr prints ({@link #text}), so that psql's {@code \d}
 * and pg_dump read what PostgreSQL shows, and {@link #parse} reads it back.
 *
 * @param strategy 'r' range, 'l' list, 'h' hash, 'd' the default partition
 * @param lower    a range's lower bound, one datum per key column
 * @param upper    a range's upper bound (exclusive)
 * @param values   a list partition's values (a null datum for NULL)
 */
public record PartitionBound(char strategy, List<Datum> lower, List<Datum> upper, List<Datum> values, int modulus,
        int remainder) {

    /**
     * One value of a bound: {@code kind} 'v' (a value, {@code text} its output form), 'n' (NULL, in a list),
     * '-' (MINVALUE) or '+' (MAXVALUE); {@code numeric} when the key type prints as a bare number.
     */
    public record Datum(char kind, String text, boolean numeric) {

        /** The datum as ruleutils' get_const_expr prints it in a bound (no type label). */
        public String literal() {
            return switch (kind) {
                case 'n' -> "NULL";
                case '-' -> "MINVALUE";
                case '+' -> "MAXVALUE";
                default -> numeric && !text.startsWith("-") && !text.equals("NaN") ? text
                        : "'" + text.replace("'", "''") + "'";
            };
        }
    }

    public PartitionBound {
        lower = List.copyOf(lower);
        upper = List.copyOf(upper);
        values = List.copyOf(values);
    }

    /** The default partition's bound. */
    public static final PartitionBound DEFAULT = new PartitionBound('d', List.of(), List.of(), List.of(), 0, 0);

    /** As pg_get_expr prints relpartbound: {@code FOR VALUES FROM ('a') TO ('b')}, ..., or {@code DEFAULT}. */
    public String text() {
        return switch (strategy) {
            case 'd' -> "DEFAULT";
            case 'l' -> "FOR VALUES IN (" + join(values) + ")";
            case 'h' -> "FOR VALUES WITH (modulus " + modulus + ", remainder " + remainder + ")";
            default -> "FOR VALUES FROM (" + join(lower) + ") TO (" + join(upper) + ")";
        };
    }

    private static String join(List<Datum> datums) {
        return String.join(", ", datums.stream().map(Datum::literal).toList());
    }

    /** Reads back what {@link #text} wrote. */
    public static PartitionBound parse(String text) {
        Lexer lexer = new Lexer(text, true);
        List<Token> tokens = new ArrayList<>();
        for (Token t = lexer.next(); t.kind() != TokenKind.EOF; t = lexer.next()) {
            tokens.add(t);
        }
        if (tokens.getFirst().isKeyword("default")) {
            return DEFAULT;
        }
        // FOR VALUES {IN | FROM | WITH} ...
        String kind = tokens.get(2).text();
        int[] at = {3};
        return switch (kind) {
            case "in" -> new PartitionBound('l', List.of(), List.of(), datums(tokens, at), 0, 0);
            case "from" -> {
                List<Datum> lower = datums(tokens, at);
                at[0]++; // TO
                yield new PartitionBound('r', lower, datums(tokens, at), List.of(), 0, 0);
            }
            default -> new PartitionBound('h', List.of(), List.of(), List.of(),
                    Integer.parseInt(tokens.get(5).text()), Integer.parseInt(tokens.get(8).text()));
        };
    }

    /** A parenthesized list of datums starting at {@code at[0]}, which is moved past it. */
    private static List<Datum> datums(List<Token> tokens, int[] at) {
        List<Datum> out = new ArrayList<>();
        int i = at[0] + 1;
        while (tokens.get(i).kind() != TokenKind.RPAREN) {
            Token t = tokens.get(i);
            if (t.kind() == TokenKind.STRING) {
                out.add(new Datum('v', t.text(), false));
            } else if (t.kind() == TokenKind.INTEGER || t.kind() == TokenKind.DECIMAL) {
                out.add(new Datum('v', t.text(), true));
            } else if (t.isKeyword("null")) {
                out.add(new Datum('n', null, false));
            } else if (t.isKeyword("minvalue")) {
                out.add(new Datum('-', null, false));
            } else if (t.isKeyword("maxvalue")) {
                out.add(new Datum('+', null, false));
            } else if (t.isKeyword("true") || t.isKeyword("false")) {
                out.add(new Datum('v', t.text(), true));
            }
            i++;
        }
        at[0] = i + 1;
        return out;
    }
}

package org.tusk.sql.parser;

import java.util.List;

import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;
import org.tusk.sql.types.IntervalFormats;

/**
 * The SQL standard's interval field qualifier after INTERVAL or its string (gram.y's opt_interval): YEAR,
 * MONTH, DAY, HOUR, MINUTE, SECOND[(p)], and the ranges YEAR TO MONTH, DAY TO HOUR|MINUTE|SECOND, HOUR TO
 * MINUTE|SECOND, MINUTE TO SECOND. It becomes the type's modifiers [range mask, precision], which
 * TypeModifiers turns into PostgreSQL's interval typmod.
 */
final class IntervalQualifier {

    private IntervalQualifier() {
    }

    /** The qualifier at the stream's position as [range, precision], or null if none is there. */
    static List<Integer> parse(TokenStream in) {
        int first = field(in.peek());
        if (first == 0) {
            return null;
        }
        in.next();
        int precision = IntervalFormats.FULL_PRECISION;
        int range = first;
        if (first == IntervalFormats.SECOND) {
            precision = secondPrecision(in, precision);
        } else if (in.atKeyword("to")) {
            Token to = in.next();
            int last = field(in.peek());
            boolean valid = first == IntervalFormats.YEAR ? last == IntervalFormats.MONTH
                    : first >= IntervalFormats.DAY && last > first;
            if (!valid) {
                throw TokenStream.syntaxError(in.peek().kind() == TokenKind.IDENT ? in.peek() : to);
            }
            in.next();
            // The range holds every field from the first to the last (DAY TO SECOND is day, hour, minute, second).
            range = first | last;
            if (first == IntervalFormats.DAY && last >= IntervalFormats.MINUTE) {
                range |= IntervalFormats.HOUR;
            }
            if ((first == IntervalFormats.DAY || first == IntervalFormats.HOUR) && last == IntervalFormats.SECOND) {
                range |= IntervalFormats.MINUTE;
            }
            if (last == IntervalFormats.SECOND) {
                precision = secondPrecision(in, precision);
            }
        }
        return List.of(range, precision);
    }

    private static int secondPrecision(TokenStream in, int precision) {
        if (!in.at(TokenKind.LPAREN)) {
            return precision;
        }
        in.next();
        boolean negative = false;
        if (in.atOp("-")) {
            in.next();
            negative = true;
        }
        Token n = in.expect(TokenKind.INTEGER);
        in.expect(TokenKind.RPAREN);
        int p = Integer.parseInt(n.text());
        return IntervalFormats.checkPrecision(negative ? -p : p, n.position());
    }

    private static int field(Token t) {
        if (t.kind() != TokenKind.IDENT || t.quoted()) {
            return 0;
        }
        return switch (t.text()) {
            case "year" -> IntervalFormats.YEAR;
            case "month" -> IntervalFormats.MONTH;
            case "day" -> IntervalFormats.DAY;
            case "hour" -> IntervalFormats.HOUR;
            case "minute" -> IntervalFormats.MINUTE;
            case "second" -> IntervalFormats.SECOND;
            default -> 0;
        };
    }
}

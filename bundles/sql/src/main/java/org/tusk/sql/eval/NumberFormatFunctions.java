package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.FLOAT4;
import static org.tusk.sql.types.SqlType.FLOAT8;
import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.INT8;
import static org.tusk.sql.types.SqlType.NUMERIC;
import static org.tusk.sql.types.SqlType.TEXT;

import java.util.List;

import org.tusk.sql.types.NumberFormatting;

/**
 * to_char of the numeric types and to_number, as pg_proc lists them: to_char(integer), to_char(bigint),
 * to_char(real), to_char(double precision), to_char(numeric), each with a text template (smallint
 * arrives as integer by the usual resolution), and to_number(text, text). The work is
 * {@link NumberFormatting}'s.
 */
final class NumberFormatFunctions {

    private NumberFormatFunctions() {
    }

    static void register(CatalogInfoFunctions.Sink f) {
        f.add("to_char", List.of(INT4, TEXT), TEXT, (a, c) -> NumberFormatting.toChar((int) (Integer) a[0],
                (String) a[1]));
        f.add("to_char", List.of(INT8, TEXT), TEXT, (a, c) -> NumberFormatting.toChar((long) (Long) a[0],
                (String) a[1]));
        f.add("to_char", List.of(FLOAT4, TEXT), TEXT, (a, c) -> NumberFormatting.toChar((float) (Float) a[0],
                (String) a[1]));
        f.add("to_char", List.of(FLOAT8, TEXT), TEXT, (a, c) -> NumberFormatting.toChar((double) (Double) a[0],
                (String) a[1]));
        f.add("to_char", List.of(NUMERIC, TEXT), TEXT, (a, c) -> NumberFormatting.toChar(a[0], (String) a[1]));
        f.add("to_number", List.of(TEXT, TEXT), NUMERIC, (a, c) -> NumberFormatting.toNumber((String) a[0],
                (String) a[1]));
    }
}

package org.tusk.sql.eval;

import java.util.List;

import org.tusk.sql.json.JsonBuilder;
import org.tusk.sql.types.RecordValue;
import org.tusk.sql.types.SqlType;

/**
 * Functions over row values that the signature tables can hold (the record argument is the {@code record}
 * pseudo-type): row_to_json with and without its pretty flag.
 */
final class RowFunctions {

    private RowFunctions() {
    }

    /** Where {@link #register} puts a strict function. */
    @FunctionalInterface
    interface Sink {
        void add(String name, List<SqlType> args, SqlType result, Routine.Body body);
    }

    static void register(Sink f) {
        f.add("row_to_json", List.of(SqlType.RECORD), SqlType.JSON,
                (a, c) -> JsonBuilder.recordToJson((RecordValue) a[0], false, c));
        f.add("row_to_json", List.of(SqlType.RECORD, SqlType.BOOL), SqlType.JSON,
                (a, c) -> JsonBuilder.recordToJson((RecordValue) a[0], (Boolean) a[1], c));
    }
}

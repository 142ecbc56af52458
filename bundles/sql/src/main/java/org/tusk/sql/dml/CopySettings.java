package org.tusk.sql.dml;

import java.util.List;

/**
 * COPY's options after ProcessCopyOptions, as the table side of COPY needs them.
 *
 * @param format       "text", "csv" or "binary"
 * @param delimiter    the column delimiter (text, CSV)
 * @param nullString   the string that stands for NULL (text, CSV)
 * @param header       whether the first line is a header (COPY FROM skips it; COPY TO writes one)
 * @param quote        CSV's quote character
 * @param escape       CSV's escape character
 * @param forceNotNull CSV FROM: columns whose unquoted NULL string is read as an empty string
 * @param forceNull    CSV FROM: columns whose quoted NULL string is read as NULL too
 * @param freeze       FROM: store the rows frozen (allowed only into a table created or truncated in the
 *                     current subtransaction)
 */
public record CopySettings(String format, char delimiter, String nullString, boolean header, char quote, char escape,
        List<String> forceNotNull, List<String> forceNull, boolean freeze) {

    public CopySettings {
        forceNotNull = List.copyOf(forceNotNull);
        forceNull = List.copyOf(forceNull);
    }

    boolean csv() {
        return format.equals("csv");
    }

    boolean binary() {
        return format.equals("binary");
    }
}

package org.tusk.sql.stats;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.tusk.sql.types.TypeContext;

/**
 * The type context stavalues are written and read with. PostgreSQL stores the values in binary, so
 * their text depends only on the settings of whoever reads them; Tusk stores the text, so it is
 * written with settings that lose nothing (shortest exact float output, hex bytea) in the session's
 * time zone (timestamptz values carry their offset, so reading them back in UTC gives the same instant).
 * schema.RecordStorage writes and reads the fields of stored rows with {@link #READING} for the same reason.
 */
public record ValueTextContext(ZoneId timeZone) implements TypeContext {

    /** For reading stavalues back: the text is complete, so the zone only matters for zone-less input. */
    public static final ValueTextContext READING = new ValueTextContext(ZoneOffset.UTC);

    /** For writing: the session's time zone, exact float digits. */
    static ValueTextContext writing(TypeContext session) {
        return new ValueTextContext(session.timeZone());
    }

    @Override
    public int extraFloatDigits() {
        return 1;
    }

    @Override
    public boolean byteaOutputEscape() {
        return false;
    }

    @Override
    public Instant transactionStart() {
        return Instant.EPOCH;
    }
}

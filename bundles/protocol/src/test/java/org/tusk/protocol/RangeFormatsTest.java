package org.tusk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * range_in's parser, range_out's quoting, and range_send/range_recv. Every byte vector is PostgreSQL 15's
 * range_send of the value, e.g. {@code select encode(range_send('[1,5)'::int4range), 'hex')}.
 */
class RangeFormatsTest {

    private static void roundTrip(int oid, String text, String binaryHex) {
        assertEquals(text, BinaryFormats.toText(oid, HexFormat.of().parseHex(binaryHex)), "recv of " + binaryHex);
        assertEquals(binaryHex, HexFormat.of().formatHex(BinaryFormats.fromText(oid, text)), "send of " + text);
    }

    @Test
    void binaryIsAFlagsByteAndLengthPrefixedBounds() {
        roundTrip(TypeOids.INT4RANGE, "[1,5)", "0200000004000000010000000400000005");
        roundTrip(TypeOids.NUMRANGE, "empty", "01");
        roundTrip(TypeOids.NUMRANGE, "[1.5,)", "120000000c000200000000000100011388");
        roundTrip(TypeOids.TSTZRANGE, "(,\"2020-01-01 10:00:00+00\"]", "0c0000000800023e0fe886c800");
    }

    @Test
    void boundsAreQuotedAndUnquotedAsPostgreSqlDoes() {
        RangeFormats.TextRange r = RangeFormats.parse(" [ \"a \"\"b\" , c\\,d ) ");
        assertEquals(new RangeFormats.TextRange(false, " a \"b ", true, " c,d ", false), r);
        assertEquals("[\" a \"\"b \",\" c,d \")", RangeFormats.format(r));
        assertEquals("(\"\",\"x\\\\y\"]", RangeFormats.format(new RangeFormats.TextRange(false, "", false, "x\\y", true)));
        assertEquals(new RangeFormats.TextRange(false, null, false, null, true), RangeFormats.parse("(,]"));
        assertEquals(RangeFormats.TextRange.EMPTY_RANGE, RangeFormats.parse(" Empty "));
    }

    @Test
    void malformedLiteralsCarryRangeParsesDetail() {
        assertEquals("Missing comma after lower bound.",
                assertThrows(RangeFormats.MalformedRangeException.class, () -> RangeFormats.parse("[1]")).detail());
        assertEquals("malformed range literal: \"[1\"",
                assertThrows(RangeFormats.MalformedRangeException.class, () -> RangeFormats.parse("[1")).getMessage());
    }
}

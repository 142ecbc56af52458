package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.sql.Transcript.rows;

import org.junit.jupiter.api.Test;

/** exp, ln, log and log10 of numeric: PostgreSQL 15's values and result scales. */
class NumericLogExpTest {

    @Test
    void scalesAsPostgres() {
        assertEquals("2.7182818284590452", rows("select exp(1.0)"));
        assertEquals("2.718281828459045", rows("select exp(1)"));
        assertEquals("3.0000000000000000", rows("select log(1000.0)"));
        assertEquals("6.0000000000000000", rows("select log(2.0, 64.0)"));
        assertEquals("0.6931471805599453", rows("select ln(2.0)"));
        assertEquals("2.0000000000000000", rows("select log10(100.0)"));
        assertEquals("0.0000000000000000", rows("select ln(1.0)"));
        assertEquals("22026.465794806717", rows("select exp(10.0)"));
        assertEquals("0.00004539992976248485", rows("select exp(-10.0)"));
        assertEquals("-3.0000000000000000", rows("select log(0.5, 8.0)"));
        assertEquals("44319559098458954160107061979564816895899481.9", rows("select exp(100.5)"));
        assertEquals("43.959837789202521", rows("select ln(12345678901234567890.123)"));
        assertEquals("E ERROR 2201E cannot take logarithm of zero @-", rows("select ln(0.0)"));
        assertEquals("E ERROR 2201E cannot take logarithm of a negative number @-", rows("select log(-1.0)"));
        assertEquals("E ERROR 22012 division by zero @-", rows("select log(1.0, 5.0)"));
    }
}

package org.tusk.sql.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * cbrt through the C library: on this platform (Linux, glibc, tests run with native access enabled) it
 * must be glibc's answer, which is PostgreSQL's, not Java's.
 */
class NativeMathTest {

    @Test
    void cbrtIsTheCLibrarys() {
        assertTrue(NativeMath.usesCLibrary(), "cbrt should be bound to the C library");
        // glibc: 3.0000000000000004 (PostgreSQL 15 prints that); Math.cbrt(27) is exactly 3.
        assertEquals(3.0000000000000004, NativeMath.cbrt(27));
        assertEquals(3.0, Math.cbrt(27));
        assertEquals(-2.0, NativeMath.cbrt(-8), 1e-15);
        assertTrue(Double.isNaN(NativeMath.cbrt(Double.NaN)));
        assertEquals(Double.NEGATIVE_INFINITY, NativeMath.cbrt(Double.NEGATIVE_INFINITY));
    }
}

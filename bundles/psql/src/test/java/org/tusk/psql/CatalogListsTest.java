package org.tusk.psql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which commands the captured catalog queries cover, and psql's spelling of their flags. */
class CatalogListsTest {

    @Test
    void flagsInEitherOrder() {
        assertEquals("dLS+", CatalogLists.normalize("dL+S"));
        assertEquals("dRs+", CatalogLists.normalize("dRs+"));
        assertEquals("dconfigS", CatalogLists.normalize("dconfigS"));
    }

    @Test
    void coveredCommands() {
        for (String c : new String[] {"dx", "dp", "z", "ddp", "drds", "dRp", "dRs", "dy", "dL", "dc", "dD", "dF",
                "dFd", "dFp", "dFt", "dA", "dAc", "dAf", "dAo", "dAp", "do", "dO", "db", "des", "dew", "det", "deu",
                "dconfig", "da", "dC", "dd", "dl", "dX", "dP", "dPi", "dPt", "dPn", "dD+", "dconfig+", "doS+"}) {
            assertTrue(CatalogLists.handles(c), c);
        }
        // several queries each: not covered by this class
        assertFalse(CatalogLists.handles("dx+"));
        assertFalse(CatalogLists.handles("dF+"));
        assertFalse(CatalogLists.handles("dRp+"));
    }
}

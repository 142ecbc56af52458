package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tusk.spi.SqlEngine;
import org.tusk.sql.engine.TuskSqlEngine;

/** The engine also works as a plain class, outside OSGi (its DS descriptor is checked by bnd at build time). */
class EngineComponentTest {

    @Test
    void worksWithoutOsgi() throws Exception {
        SqlEngine engine = TuskSqlEngine.class.getConstructor().newInstance();
        try (var session = engine.openSession(new org.tusk.spi.SessionInfo("u", "d", java.util.Map.of(),
                java.util.Map.of(), null))) {
            Transcript sink = new Transcript();
            session.executeSimpleQuery("select current_user, current_database()", sink);
            assertTrue(sink.lines.contains("D u|d"), sink.lines.toString());
        }
    }
}

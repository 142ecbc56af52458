package org.tusk.sql.catalog;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;

/** Errors about databases as a whole, with PostgreSQL's texts. */
final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /** What PostgreSQL's InitPostgres reports when the startup packet names an unknown database. */
    static SqlException doesNotExist(String name) {
        return new SqlException(ErrorFields.of("FATAL", "3D000", "database \"" + name + "\" does not exist").build());
    }
}

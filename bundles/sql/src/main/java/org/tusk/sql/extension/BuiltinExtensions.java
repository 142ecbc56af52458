package org.tusk.sql.extension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extensions shipped with Tusk: what PostgreSQL finds as control files in its share directory. plpgsql
 * is listed (initdb installs it in every database) but cannot be created again; uuid-ossp and pgcrypto are
 * CREATE-able. Their functions are found at call time by C symbol, as the dynamic loader finds them.
 */
public final class BuiltinExtensions {
    /**
     * The share directory PostgreSQL 15 as packaged by Debian reads control files from; messages about an
     * extension without one name this path, so clients see what they would see on such a server.
     */
    public static final String SHARE_EXTENSION_DIR = "/usr/share/postgresql/15/extension";

    static final BuiltinExtension PLPGSQL = new BuiltinExtension("plpgsql", "1.0", "PL/pgSQL procedural language",
            false, true, true, "pg_catalog", "$libdir/plpgsql", List.of());

    public static final List<BuiltinExtension> ALL = List.of(PLPGSQL, PgCrypto.extension(), UuidOssp.extension());

    private static final Map<String, NativeFunction> BY_SYMBOL = new HashMap<>();

    static {
        for (BuiltinExtension e : ALL) {
            for (NativeFunction f : e.functions()) {
                BY_SYMBOL.putIfAbsent(f.symbol(), f);
            }
        }
    }

    private BuiltinExtensions() {
    }

    /** The extension called {@code name}, or null: PostgreSQL would find no control file. */
    public static BuiltinExtension find(String name) {
        for (BuiltinExtension e : ALL) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /**
     * The code behind C symbol {@code symbol} (prosrc), or null. The shipped modules' symbols are distinct,
     * so the module (probin) need not be asked.
     */
    static NativeFunction symbol(String symbol) {
        return BY_SYMBOL.get(symbol);
    }
}

package org.tusk.sql.extension;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.types.SqlType;

/**
 * pg_available_extensions() and pg_available_extension_versions(), the functions behind the views of the
 * same names: what PostgreSQL reads from the control files in its share directory, here the built-in
 * extensions. Each has exactly one installable version, its default.
 */
public final class AvailableExtensions {
    public static final String EXTENSIONS = "pg_available_extensions";
    public static final String VERSIONS = "pg_available_extension_versions";

    public static final List<String> EXTENSION_COLUMNS = List.of("name", "default_version", "comment");
    public static final List<SqlType> EXTENSION_TYPES = List.of(SqlType.NAME, SqlType.TEXT, SqlType.TEXT);
    public static final List<String> VERSION_COLUMNS = List.of("name", "version", "superuser", "trusted",
            "relocatable", "schema", "requires", "comment");
    public static final List<SqlType> VERSION_TYPES = List.of(SqlType.NAME, SqlType.TEXT, SqlType.BOOL,
            SqlType.BOOL, SqlType.BOOL, SqlType.NAME, SqlType.NAME_ARRAY, SqlType.TEXT);

    private AvailableExtensions() {
    }

    public static boolean handles(String name) {
        return name.equals(EXTENSIONS) || name.equals(VERSIONS);
    }

    /** The rows of function {@code name}, one Object[] per extension (or version), in name order. */
    public static List<Object> rows(String name) {
        List<BuiltinExtension> all = new ArrayList<>(BuiltinExtensions.ALL);
        all.sort(java.util.Comparator.comparing(BuiltinExtension::name));
        List<Object> out = new ArrayList<>();
        for (BuiltinExtension e : all) {
            if (name.equals(EXTENSIONS)) {
                out.add(new Object[] {e.name(), e.defaultVersion(), e.comment()});
            } else {
                out.add(new Object[] {e.name(), e.defaultVersion(), e.superuser(), e.trusted(), e.relocatable(),
                    e.schema(), null, e.comment()});
            }
        }
        return out;
    }
}

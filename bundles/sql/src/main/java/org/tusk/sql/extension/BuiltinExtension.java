package org.tusk.sql.extension;

import java.util.List;

/**
 * What an extension's control file and install script say (PostgreSQL's ExtensionControlFile plus the
 * script's objects), for an extension built into Tusk.
 *
 * @param name           the extension's name (the control file's base name)
 * @param defaultVersion default_version
 * @param comment        comment, which CREATE EXTENSION stores in pg_description
 * @param relocatable    relocatable
 * @param superuser      superuser: whether only a superuser may create it (unless trusted)
 * @param trusted        trusted: a non-superuser with CREATE on the database may create it
 * @param schema         the schema it must live in, or null when CREATE EXTENSION may choose
 * @param module         module_pathname, what probin of its functions says ("$libdir/pgcrypto")
 * @param functions      the install script's functions; none for plpgsql, which initdb installs
 */
public record BuiltinExtension(String name, String defaultVersion, String comment, boolean relocatable,
        boolean superuser, boolean trusted, String schema, String module, List<NativeFunction> functions) {
}

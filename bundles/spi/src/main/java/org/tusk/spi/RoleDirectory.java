package org.tusk.spi;

import java.util.Optional;

/**
 * Looks up roles for authentication. Until the system catalogs exist the backend bundle provides one
 * that reads {@code DATADIR/global/tusk_authid}, written by initdb; the catalog (pg_authid) will
 * provide this service instead, with a higher service ranking, and nothing that uses it changes.
 */
public interface RoleDirectory {

    /** The role with exactly this name (role names are case-sensitive), or empty when there is none. */
    Optional<Role> find(String name);
}

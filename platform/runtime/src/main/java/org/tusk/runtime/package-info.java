/**
 * The {@code tusk} command and the runtime it boots: an embedded Apache Felix framework with the
 * bundles of the installation, Felix FileInstall watching {@code plugins/}, and the data directory and
 * command-line settings passed to the settings bundle. Outside OSGi itself; nothing here knows a
 * Tusk service interface.
 */
package org.tusk.runtime;

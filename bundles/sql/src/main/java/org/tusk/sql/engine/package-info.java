/**
 * The Declarative Services component that publishes the engine as the {@link org.tusk.spi.SqlEngine}
 * service.
 */
package org.tusk.sql.engine;

/**
 * Reads the cluster's configuration the way PostgreSQL does (postgresql.conf, its include
 * directives and postgresql.auto.conf, then command-line overrides) and publishes the result to
 * Configuration Admin, where every component that needs a setting finds it.
 */
package org.tusk.settings.internal;

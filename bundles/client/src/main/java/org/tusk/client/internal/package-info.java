/**
 * The implementation of the client library: the conninfo and URI parser, defaults and {@code .pgpass},
 * the connection state machine (startup, authentication, TLS, simple query, cancel) and the OSGi
 * component. Private to the bundle; nothing outside uses these classes.
 */
package org.tusk.client.internal;

/**
 * The implementation of the client library: the conninfo and URI parser, defaults and {@code .pgpass},
 * the connection state machine (startup, authentication, TLS, target_session_attrs), the request queue
 * that matches responses to requests (simple and extended queries, pipelines, COPY, notifications), the
 * value codec, PEM key loading, cancel and the OSGi component. Private to the bundle; nothing outside uses these classes.
 */
package org.tusk.client.internal;

/**
 * Tusk's client library, the Java counterpart of libpq: connection parameters exactly as libpq reads
 * them (URIs, keyword/value strings, {@code PG*} environment variables, {@code ~/.pgpass}), connecting
 * with authentication (SCRAM with channel binding, client certificates) and TLS, target_session_attrs,
 * simple and extended queries with typed parameters and binary results, prepared statements, streamed
 * results, asynchronous calls and pipeline mode, COPY, LISTEN/NOTIFY, notices and cancel. Obtain a {@link
 * org.tusk.client.ConnectionFactory} from the OSGi service registry or from {@link
 * org.tusk.client.ConnectionFactory#standard()}.
 */
@Export
@Version("0.4.0")
package org.tusk.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

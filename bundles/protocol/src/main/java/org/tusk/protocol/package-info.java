/**
 * The PostgreSQL frontend/backend protocol, version 3, as bytes: framing of the startup packets and of
 * typed messages, and encoders and decoders for the messages both sides exchange. Nothing here owns a
 * socket or decides what to do with a message; the server ({@code backend}) and the client library
 * use the same types so they cannot drift apart.
 */
@Export
@Version("0.1.0")
package org.tusk.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

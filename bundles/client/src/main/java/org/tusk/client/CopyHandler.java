package org.tusk.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where the data of the COPY statements met by {@link Connection#query(String, CopyHandler)} comes from
 * and goes to, as libpq leaves it to its caller (psql's handleCopyIn / handleCopyOut): asked for at each
 * CopyInResponse or CopyOutResponse, so a statement that turns out not to be a COPY touches no stream.
 */
public interface CopyHandler {

    /**
     * A {@code COPY ... FROM STDIN} started: the data to send, read to its end (then CopyDone). An
     * {@link IOException} from this method or from reading sends CopyFail with its message, so the
     * server rolls the COPY back and reports "COPY from stdin failed: message".
     *
     * @param binary whether the server expects COPY's binary format (CopyInResponse's overall format)
     */
    InputStream copyIn(boolean binary) throws IOException;

    /**
     * A {@code COPY ... TO STDOUT} started: where each CopyData goes, as it arrives. A failure of the
     * stream is reported after the COPY has been read to its end, so the session stays usable.
     */
    OutputStream copyOut(boolean binary) throws IOException;
}
